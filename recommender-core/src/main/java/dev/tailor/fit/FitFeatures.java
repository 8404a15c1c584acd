package dev.tailor.fit;

import java.util.Set;

/**
 * The feature layout shared by training and scoring, so that both compute exactly the same thing. Each of
 * the two non-reference outcomes (small, large; "fits" is the reference) has its own {@value #WIDTH}
 * features. Features marked monotone are non-increasing in the size for "small" and non-decreasing for
 * "large"; their weights are kept ≥ 0, which makes P(small) fall and P(large) rise as the size grows.
 */
final class FitFeatures {
    static final int WIDTH = 15;
    /** Weights at these positions are constrained to be ≥ 0 (in both outcomes' blocks). */
    static final int[] MONOTONE = {1, 6, 7, 8, 9, 10};
    static final String[] NAMES = {"bias", "item-size own", "customer small", "customer large", "occasion small",
        "occasion large", "history × size gap +", "history × size gap -", "profile size gap +", "profile size gap -",
        "item-size other", "history", "has profile", "build small", "build large"};

    private FitFeatures() {
    }

    /**
     * Fills both outcomes' features into zeroed space (a fresh array: features of unused signals stay 0).
     *
     * @param x the target; small's features at {@code offset}, large's at {@code offset + WIDTH}
     * @param isSmall log(P(small)/P(fits)) of the item-size chain; {@code isLarge} likewise
     * @param fromHistory the customer's size (from her other feedback) minus the size the item's size runs at,
     *     in size steps (positive: the size is likely too small); 0 without history
     * @param fromProfile the same with her size predicted from her body profile; 0 without a profile
     * @param history how much the customer's own feedback weighs, in [0, 1)
     * @param bodySmall how much more (log-ratio) customers of her build found the item small than all its renters;
     *     {@code bodyLarge} likewise for large
     */
    static void fill(double[] x, int offset, int signals, double isSmall, double isLarge,
            double customerSmall, double customerLarge, double occasionSmall, double occasionLarge, double fromHistory,
            double fromProfile, double history, boolean hasProfile, double bodySmall, double bodyLarge) {
        int s = offset;
        int l = offset + WIDTH;
        x[s] = 1;
        x[l] = 1;
        if ((signals & (1 << FitSignal.ITEM_SIZE.ordinal())) != 0) {
            x[s + 1] = isSmall;
            x[s + 10] = -isLarge;
            x[l + 1] = isLarge;
            x[l + 10] = -isSmall;
        }
        if ((signals & (1 << FitSignal.CUSTOMER.ordinal())) != 0) {
            x[s + 2] = customerSmall;
            x[s + 3] = customerLarge;
            x[l + 2] = customerSmall;
            x[l + 3] = customerLarge;
            x[s + 11] = history;
            x[l + 11] = history;
        }
        if ((signals & (1 << FitSignal.OCCASION.ordinal())) != 0) {
            x[s + 4] = occasionSmall;
            x[s + 5] = occasionLarge;
            x[l + 4] = occasionSmall;
            x[l + 5] = occasionLarge;
        }
        if ((signals & (1 << FitSignal.TRUE_SIZE.ordinal())) != 0) {
            double up = history * Math.max(0, fromHistory);
            double down = history * Math.min(0, fromHistory);
            double profileUp = Math.max(0, fromProfile);
            double profileDown = Math.min(0, fromProfile);
            x[s + 6] = up;
            x[s + 7] = down;
            x[s + 8] = profileUp;
            x[s + 9] = profileDown;
            x[l + 6] = -down;
            x[l + 7] = -up;
            x[l + 8] = -profileDown;
            x[l + 9] = -profileUp;
            x[s + 11] = history;
            x[l + 11] = history;
            x[s + 12] = hasProfile ? 1 : 0;
            x[l + 12] = hasProfile ? 1 : 0;
        }
        if ((signals & (1 << FitSignal.BODY.ordinal())) != 0) {
            x[s + 13] = bodySmall;
            x[s + 14] = bodyLarge;
            x[l + 13] = bodySmall;
            x[l + 14] = bodyLarge;
        }
    }

    /**
     * The weights as scoring uses them: those of features whose signal is off set to 0, so that
     * {@link #logits} equals the dot products of {@link #fill}'s features with the weights.
     */
    static double[] effectiveWeights(double[] weights, int signals) {
        double[] w = weights.clone();
        for (int block = 0; block < 2; block++) {
            int b = block * WIDTH;
            if ((signals & (1 << FitSignal.ITEM_SIZE.ordinal())) == 0) {
                w[b + 1] = 0;
                w[b + 10] = 0;
            }
            if ((signals & (1 << FitSignal.CUSTOMER.ordinal())) == 0) {
                w[b + 2] = 0;
                w[b + 3] = 0;
            }
            if ((signals & (1 << FitSignal.OCCASION.ordinal())) == 0) {
                w[b + 4] = 0;
                w[b + 5] = 0;
            }
            if ((signals & (1 << FitSignal.TRUE_SIZE.ordinal())) == 0) {
                for (int j : new int[] {6, 7, 8, 9, 12}) {
                    w[b + j] = 0;
                }
            }
            if ((signals & (1 << FitSignal.BODY.ordinal())) == 0) {
                w[b + 13] = 0;
                w[b + 14] = 0;
            }
            if ((signals & (1 << FitSignal.CUSTOMER.ordinal() | 1 << FitSignal.TRUE_SIZE.ordinal())) == 0) {
                w[b + 11] = 0;
            }
        }
        return w;
    }

    /**
     * Both logits straight from the inputs, without materialising the features (the scoring hot path); equal
     * to the features of {@link #fill} times {@code w} from {@link #effectiveWeights}. Writes small's logit
     * to {@code eta[0]} and large's to {@code eta[1]}.
     */
    static void logits(double[] w, double isSmall, double isLarge, double customerSmall, double customerLarge,
            double occasionSmall, double occasionLarge, double fromHistory, double fromProfile, double history,
            boolean hasProfile, double bodySmall, double bodyLarge, double[] eta) {
        double up = history * Math.max(0, fromHistory);
        double down = history * Math.min(0, fromHistory);
        double profileUp = Math.max(0, fromProfile);
        double profileDown = Math.min(0, fromProfile);
        double profile = hasProfile ? 1 : 0;
        eta[0] = w[0] + w[1] * isSmall - w[10] * isLarge + w[2] * customerSmall + w[3] * customerLarge
                + w[4] * occasionSmall + w[5] * occasionLarge + w[6] * up + w[7] * down + w[8] * profileUp
                + w[9] * profileDown + w[11] * history + w[12] * profile + w[13] * bodySmall + w[14] * bodyLarge;
        int l = WIDTH;
        eta[1] = w[l] + w[l + 1] * isLarge - w[l + 10] * isSmall + w[l + 2] * customerSmall + w[l + 3] * customerLarge
                + w[l + 4] * occasionSmall + w[l + 5] * occasionLarge - w[l + 6] * down - w[l + 7] * up
                - w[l + 8] * profileDown - w[l + 9] * profileUp + w[l + 11] * history + w[l + 12] * profile
                + w[l + 13] * bodySmall + w[l + 14] * bodyLarge;
    }

    /** The signals as a bit mask (bit = ordinal), for the hot path. */
    static int mask(Set<FitSignal> signals) {
        int mask = 0;
        for (FitSignal s : signals) {
            mask |= 1 << s.ordinal();
        }
        return mask;
    }

    /** log(p[a] / p[fits]) for a smoothed triple (never 0, so finite). */
    static double logRatio(double[] p, int offset, int outcome) {
        return Math.log(p[offset + outcome] / p[offset + FitData.FITS]);
    }
}
