package dev.tailor.fit;

import java.util.Set;

/**
 * The feature layout shared by training and scoring, so that both compute exactly the same thing. Each of
 * the two non-reference outcomes (small, large; "fits" is the reference) has its own {@value #WIDTH}
 * features. Features marked monotone are non-increasing in the size for "small" and non-decreasing for
 * "large"; their weights are kept ≥ 0, which makes P(small) fall and P(large) rise as the size grows.
 */
final class FitFeatures {
    static final int WIDTH = 13;
    /** Weights at these positions are constrained to be ≥ 0 (in both outcomes' blocks). */
    static final int[] MONOTONE = {1, 6, 7, 8, 9, 10};
    static final String[] NAMES = {"bias", "item-size own", "customer small", "customer large", "occasion small",
        "occasion large", "history × size gap +", "history × size gap -", "profile size gap +", "profile size gap -",
        "item-size other", "history", "has profile"};

    private FitFeatures() {
    }

    /**
     * Fills both outcomes' features.
     *
     * @param x the target; small's features at {@code offset}, large's at {@code offset + WIDTH}
     * @param isSmall log(P(small)/P(fits)) of the item-size chain; {@code isLarge} likewise
     * @param fromHistory the customer's size (from her other feedback) minus the size the item's size runs at,
     *     in size steps (positive: the size is likely too small); 0 without history
     * @param fromProfile the same with her size predicted from her body profile; 0 without a profile
     * @param history how much the customer's own feedback weighs, in [0, 1)
     */
    static void fill(double[] x, int offset, int signals, double isSmall, double isLarge,
            double customerSmall, double customerLarge, double occasionSmall, double occasionLarge, double fromHistory,
            double fromProfile, double history, boolean hasProfile) {
        java.util.Arrays.fill(x, offset, offset + 2 * WIDTH, 0.0);
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
