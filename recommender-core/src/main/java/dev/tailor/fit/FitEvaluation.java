package dev.tailor.fit;

import dev.tailor.data.FitFeedback;
import dev.tailor.internal.Shuffle;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Measures fit prediction and size advice on held-out observations.
 *
 * <p>Fit prediction, as in Misra, Wan &amp; McAuley (RecSys 2018): the AUC of each outcome one-vs-rest (the
 * probability of that outcome as the score), their mean ("average AUC"), accuracy of the most likely
 * outcome and the macro-averaged F1 over the three outcomes.
 *
 * <p>Size advice: on held-out rentals marked "fits", how often the advised size is the rented one (and
 * within one size of the item's size list); on rentals marked "too small" ("too large"), how often the
 * advice is a larger (smaller) size.
 *
 * <p>Thread-safety: stateless.
 */
public final class FitEvaluation {
    private FitEvaluation() {
    }

    /**
     * Observations split into training, validation and test parts.
     *
     * @param train observations to train on
     * @param validation observations to choose settings on
     * @param test observations to report on
     */
    public record Split(int[] train, int[] validation, int[] test) {
        /** Copies. */
        public Split {
            train = train.clone();
            validation = validation.clone();
            test = test.clone();
        }

        /** {@code train} (a copy). */
        @Override
        public int[] train() {
            return train.clone();
        }

        /** {@code validation} (a copy). */
        @Override
        public int[] validation() {
            return validation.clone();
        }

        /** {@code test} (a copy). */
        @Override
        public int[] test() {
            return test.clone();
        }

        /** Training and validation together (to train the final model once settings are chosen). */
        public int[] trainAndValidation() {
            int[] all = Arrays.copyOf(train, train.length + validation.length);
            System.arraycopy(validation, 0, all, train.length, validation.length);
            Arrays.sort(all);
            return all;
        }
    }

    /**
     * A seeded random split of the observations (the paper's protocol is 80/10/10).
     *
     * @throws IllegalArgumentException unless both fractions are in (0, 1) and sum below 1
     */
    public static Split randomSplit(FitData data, double train, double validation, long seed) {
        if (!(train > 0 && validation >= 0 && train + validation < 1)) {
            throw new IllegalArgumentException("train and validation fractions must be > 0 and sum below 1, were "
                    + train + " and " + validation);
        }
        int n = data.size();
        int[] order = Shuffle.permutation(n, seed);
        int trainEnd = (int) Math.round(n * train);
        int validationEnd = (int) Math.round(n * (train + validation));
        return new Split(sorted(order, 0, trainEnd), sorted(order, trainEnd, validationEnd), sorted(order, validationEnd, n));
    }

    /**
     * A split in time: test observations at or after {@code cut}; the training part before it, of which the
     * latest {@code validationFraction} is held out for validation.
     *
     * @throws IllegalArgumentException if either side of the cut is empty
     */
    public static Split temporalSplit(FitData data, Instant cut, double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), was " + validationFraction);
        }
        long at = cut.getEpochSecond();
        int[] before = select(data.size(), o -> data.time[o] < at);
        int[] after = select(data.size(), o -> data.time[o] >= at);
        if (before.length == 0 || after.length == 0) {
            throw new IllegalArgumentException("the cut " + cut + " leaves " + before.length + " observations before it and "
                    + after.length + " after it; both sides need some");
        }
        Integer[] byTime = Arrays.stream(before).boxed().toArray(Integer[]::new);
        Arrays.sort(byTime, (a, b) -> Long.compare(data.time[a], data.time[b]));
        int trainEnd = (int) Math.round(byTime.length * (1 - validationFraction));
        int[] train = Arrays.stream(byTime, 0, trainEnd).mapToInt(Integer::intValue).sorted().toArray();
        int[] validation = Arrays.stream(byTime, trainEnd, byTime.length).mapToInt(Integer::intValue).sorted().toArray();
        return new Split(train, validation, after);
    }

    /**
     * Fit prediction quality.
     *
     * @param observations how many held-out observations were scored
     * @param aucSmall AUC of P(small) for "too small" against the rest; {@code aucFits}, {@code aucLarge} likewise
     * @param averageAuc mean of the three AUCs (NaN when an outcome is missing from the held-out part)
     * @param accuracy share whose most likely outcome was the reported one
     * @param macroF1 mean F1 of the three outcomes, each predicted when most likely
     */
    public record Metrics(int observations, double aucSmall, double aucFits, double aucLarge, double averageAuc,
            double accuracy, double macroF1) {
    }

    /**
     * Metrics overall and by how much the model knew of the customer and the item.
     *
     * @param all every held-out observation
     * @param warmCustomers customers with fit feedback in training; {@code coldCustomers} without
     * @param warmItems items with fit feedback in training; {@code coldItems} without
     */
    public record Report(Metrics all, Metrics warmCustomers, Metrics coldCustomers, Metrics warmItems,
            Metrics coldItems) {
    }

    /** Scores every held-out observation with the model and measures. */
    public static Report evaluate(FitModel model, FitData data, int[] heldOut) {
        Objects.requireNonNull(model, "model");
        int n = heldOut.length;
        double[] p = probabilities(model, data, heldOut);
        boolean[] warmCustomer = new boolean[n];
        boolean[] warmItem = new boolean[n];
        for (int j = 0; j < n; j++) {
            int o = heldOut[j];
            warmCustomer[j] = model.feedbackCount(data.customer[o]) > 0;
            warmItem[j] = model.itemFeedbackCount(data.item[o]) > 0;
        }
        byte[] y = outcomes(data, heldOut);
        return new Report(metrics(p, y, j -> true), metrics(p, y, j -> warmCustomer[j]), metrics(p, y, j -> !warmCustomer[j]),
                metrics(p, y, j -> warmItem[j]), metrics(p, y, j -> !warmItem[j]));
    }

    /**
     * Measures probabilities from elsewhere (another model, a published baseline) against the held-out outcomes.
     *
     * @param probabilities row j holds P(small), P(fits), P(large) of observation {@code heldOut[j]}
     * @throws IllegalArgumentException if there are not three probabilities per held-out observation
     */
    public static Metrics measure(double[] probabilities, FitData data, int[] heldOut) {
        if (probabilities.length != 3L * heldOut.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + heldOut.length
                    + " held-out observations; three each (small, fits, large) are needed");
        }
        return metrics(probabilities, outcomes(data, heldOut), j -> true);
    }

    /**
     * How well one outcome's probabilities are calibrated: the Brier score (mean squared difference between the
     * probability and 1 when the outcome happened, 0 when not) and the reliability curve.
     *
     * @param outcome the outcome measured
     * @param brier the Brier score of this outcome's probabilities
     * @param climatology the Brier score of always predicting the outcome's held-out frequency (a forecast that
     *     knows nothing but is perfectly calibrated)
     * @param bins the reliability curve: rows of {mean probability, observed frequency, observations}, one per
     *     non-empty bin of equal width over [0, 1], in order
     */
    public record Calibration(FitFeedback outcome, double brier, double climatology, double[][] bins) {
    }

    /**
     * The calibration of each outcome (too small, fits, too large) on held-out observations.
     *
     * @param bins the number of equal-width probability bins of the reliability curves
     * @throws IllegalArgumentException if {@code bins} is below 2 or there are no held-out observations
     */
    public static List<Calibration> calibration(FitModel model, FitData data, int[] heldOut, int bins) {
        Objects.requireNonNull(model, "model");
        if (bins < 2 || heldOut.length == 0) {
            throw new IllegalArgumentException("calibration needs 2 or more bins and held-out observations; got " + bins
                    + " bins, " + heldOut.length + " observations");
        }
        double[] p = probabilities(model, data, heldOut);
        byte[] y = outcomes(data, heldOut);
        int n = heldOut.length;
        FitFeedback[] names = {FitFeedback.TOO_SMALL, FitFeedback.FITS, FitFeedback.TOO_LARGE};
        List<Calibration> out = new java.util.ArrayList<>(3);
        for (int k = 0; k < 3; k++) {
            double[] sum = new double[bins];
            double[] hits = new double[bins];
            int[] count = new int[bins];
            double brier = 0;
            double frequency = 0;
            for (int j = 0; j < n; j++) {
                double q = p[3 * j + k];
                double happened = y[j] == k ? 1 : 0;
                brier += (q - happened) * (q - happened);
                frequency += happened;
                int b = Math.min(bins - 1, (int) (q * bins));
                sum[b] += q;
                hits[b] += happened;
                count[b]++;
            }
            frequency /= n;
            List<double[]> curve = new java.util.ArrayList<>();
            for (int b = 0; b < bins; b++) {
                if (count[b] > 0) {
                    curve.add(new double[] {sum[b] / count[b], hits[b] / count[b], count[b]});
                }
            }
            out.add(new Calibration(names[k], brier / n, frequency * (1 - frequency), curve.toArray(new double[0][])));
        }
        return List.copyOf(out);
    }

    private static double[] probabilities(FitModel model, FitData data, int[] heldOut) {
        double[] p = new double[3 * heldOut.length];
        double[] one = new double[3];
        for (int j = 0; j < heldOut.length; j++) {
            int o = heldOut[j];
            model.score(data.customer[o], data.item[o], data.sizeLabels[data.size[o]], data.occasion(o), one);
            System.arraycopy(one, 0, p, 3 * j, 3);
        }
        return p;
    }

    private static byte[] outcomes(FitData data, int[] heldOut) {
        byte[] y = new byte[heldOut.length];
        for (int j = 0; j < heldOut.length; j++) {
            y[j] = data.outcome[heldOut[j]];
        }
        return y;
    }

    /**
     * Metrics of probabilities given as rows of (small, fits, large) against outcomes (0 small, 1 fits,
     * 2 large), over the rows that pass {@code include}.
     */
    static Metrics metrics(double[] p, byte[] y, IntPredicate include) {
        int[] rows = select(y.length, include);
        int n = rows.length;
        double[] auc = new double[3];
        for (int k = 0; k < 3; k++) {
            double[] score = new double[n];
            boolean[] positive = new boolean[n];
            for (int j = 0; j < n; j++) {
                score[j] = p[3 * rows[j] + k];
                positive[j] = y[rows[j]] == k;
            }
            auc[k] = auc(score, positive);
        }
        int correct = 0;
        int[] truePositive = new int[3];
        int[] predicted = new int[3];
        int[] actual = new int[3];
        for (int r : rows) {
            int best = 0;
            for (int k = 1; k < 3; k++) {
                if (p[3 * r + k] > p[3 * r + best]) {
                    best = k;
                }
            }
            predicted[best]++;
            actual[y[r]]++;
            if (best == y[r]) {
                correct++;
                truePositive[best]++;
            }
        }
        double f1 = 0;
        for (int k = 0; k < 3; k++) {
            double precision = predicted[k] == 0 ? 0 : truePositive[k] / (double) predicted[k];
            double recall = actual[k] == 0 ? 0 : truePositive[k] / (double) actual[k];
            f1 += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return new Metrics(n, auc[0], auc[1], auc[2], (auc[0] + auc[1] + auc[2]) / 3,
                n == 0 ? Double.NaN : correct / (double) n, f1 / 3);
    }

    /** Area under the ROC curve (Mann-Whitney, ties counted half); NaN without positives or negatives. */
    static double auc(double[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long positives = 0;
        int j = 0;
        while (j < n) {
            int end = j;
            while (end + 1 < n && score[order[end + 1]] == score[order[j]]) {
                end++;
            }
            double rank = (j + end) / 2.0 + 1;
            for (int m = j; m <= end; m++) {
                if (positive[order[m]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            j = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Size advice quality.
     *
     * @param fitted held-out observations marked "fits" whose item has at least two known sizes
     * @param exact share of those where the advised size is the rented size
     * @param withinOne share where it is the rented size or a neighbouring size of the item
     * @param tooSmall held-out "too small" observations with a larger size available
     * @param largerAfterSmall share of those where the advice is a larger size than the one rented
     * @param tooLarge held-out "too large" observations with a smaller size available
     * @param smallerAfterLarge share of those where the advice is a smaller size
     */
    public record AdviceMetrics(int fitted, double exact, double withinOne, int tooSmall, double largerAfterSmall,
            int tooLarge, double smallerAfterLarge) {
    }

    /** Size advice of the model over each item's known sizes. */
    public static AdviceMetrics advice(FitModel model, FitData data, int[] heldOut) {
        return adviceOf(data, heldOut, (o, sizes) -> model.adviseFor(data.customer[o], data.item[o], sizes, data.occasion(o)).size());
    }

    /**
     * The baseline advice: the customer's most frequent size in the training part (in the item's category
     * when she has rented there, else overall; of equally frequent sizes the smallest), snapped to the item's
     * nearest size; the item's most rented size for customers without history.
     */
    public static AdviceMetrics mostFrequentSizeAdvice(FitData data, int[] train, int[] heldOut) {
        Map<Long, Map<Integer, Integer>> byCustomerCategory = new HashMap<>();
        Map<Integer, Map<Integer, Integer>> byCustomer = new HashMap<>();
        Map<Integer, Map<Integer, Integer>> byItem = new HashMap<>();
        for (int o : train) {
            byCustomerCategory.computeIfAbsent(Cells.pair(data.customer[o], data.category[o]), k -> new HashMap<>())
                    .merge(data.size[o], 1, Integer::sum);
            byCustomer.computeIfAbsent(data.customer[o], k -> new HashMap<>()).merge(data.size[o], 1, Integer::sum);
            byItem.computeIfAbsent(data.item[o], k -> new HashMap<>()).merge(data.size[o], 1, Integer::sum);
        }
        return adviceOf(data, heldOut, (o, sizes) -> {
            Map<Integer, Integer> counts = byCustomerCategory.get(Cells.pair(data.customer[o], data.category[o]));
            if (counts == null) {
                counts = byCustomer.get(data.customer[o]);
            }
            if (counts == null) {
                counts = byItem.get(data.item[o]);
            }
            if (counts == null) {
                return sizes.get(sizes.size() / 2);
            }
            double target = data.sizePositions[mostFrequent(data, counts)];
            String nearest = sizes.get(0);
            for (String s : sizes) {
                if (Math.abs(data.scale.require(s) - target) < Math.abs(data.scale.require(nearest) - target)) {
                    nearest = s;
                }
            }
            return nearest;
        });
    }

    /**
     * How well known true sizes are recovered (for generated data, whose customers have one).
     *
     * @param customers customers with fit observations in the item's category and a known true size
     * @param advised share whose advised size for the item is their true size
     * @param mostFrequent share whose most frequent size in that category (ties: the smaller) is their true size
     */
    public record Recovery(int customers, double advised, double mostFrequent) {
    }

    /**
     * Advises every customer with a known true size and observations in the item's category a size of the
     * item, and compares with her true size and with her most frequent size there.
     *
     * @param trueSize true size label by dense customer id (null for unknown)
     */
    public static Recovery sizeRecovery(FitModel model, FitData data, int item, List<String> sizes, String[] trueSize) {
        int category = data.categoryOfItem[item];
        Map<Integer, Map<Integer, Integer>> counts = new HashMap<>();
        for (int o = 0; o < data.size(); o++) {
            if (data.category[o] == category) {
                counts.computeIfAbsent(data.customer[o], k -> new HashMap<>()).merge(data.size[o], 1, Integer::sum);
            }
        }
        int n = 0;
        int advised = 0;
        int frequent = 0;
        for (Map.Entry<Integer, Map<Integer, Integer>> entry : counts.entrySet()) {
            int c = entry.getKey();
            if (c >= trueSize.length || trueSize[c] == null) {
                continue;
            }
            n++;
            advised += model.advise(c, item, sizes).size().equals(trueSize[c]) ? 1 : 0;
            frequent += data.sizeLabels[mostFrequent(data, entry.getValue())].equals(trueSize[c]) ? 1 : 0;
        }
        return new Recovery(n, share(advised, n), share(frequent, n));
    }

    /** The size id counted most often; of equally frequent sizes the smallest. */
    private static int mostFrequent(FitData data, Map<Integer, Integer> counts) {
        return counts.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue())
                ? Double.compare(data.sizePositions[b.getKey()], data.sizePositions[a.getKey()])
                : Integer.compare(a.getValue(), b.getValue())).get().getKey();
    }

    private interface Advisor {
        String advise(int observation, List<String> sizes);
    }

    private static AdviceMetrics adviceOf(FitData data, int[] heldOut, Advisor advisor) {
        int fitted = 0;
        int exact = 0;
        int withinOne = 0;
        int small = 0;
        int larger = 0;
        int large = 0;
        int smaller = 0;
        for (int o : heldOut) {
            List<String> sizes = data.sizesOf(data.item[o]);
            if (sizes.size() < 2) {
                continue;
            }
            int rented = sizes.indexOf(data.sizeLabels[data.size[o]]);
            int advised = sizes.indexOf(advisor.advise(o, sizes));
            FitFeedback outcome = data.outcome(o);
            if (outcome == FitFeedback.FITS) {
                fitted++;
                exact += advised == rented ? 1 : 0;
                withinOne += Math.abs(advised - rented) <= 1 ? 1 : 0;
            } else if (outcome == FitFeedback.TOO_SMALL && rented < sizes.size() - 1) {
                small++;
                larger += advised > rented ? 1 : 0;
            } else if (outcome == FitFeedback.TOO_LARGE && rented > 0) {
                large++;
                smaller += advised < rented ? 1 : 0;
            }
        }
        return new AdviceMetrics(fitted, share(exact, fitted), share(withinOne, fitted), small, share(larger, small), large,
                share(smaller, large));
    }

    private static double share(int part, int whole) {
        return whole == 0 ? Double.NaN : part / (double) whole;
    }

    private static int[] select(int n, IntPredicate keep) {
        return IntStream.range(0, n).filter(keep).toArray();
    }

    private static int[] sorted(int[] order, int from, int to) {
        int[] part = Arrays.copyOfRange(order, from, to);
        Arrays.sort(part);
        return part;
    }
}
