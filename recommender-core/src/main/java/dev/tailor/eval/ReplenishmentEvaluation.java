package dev.tailor.eval;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.replenish.CycleForecast;
import dev.tailor.replenish.Level;
import dev.tailor.replenish.Replenishment;
import dev.tailor.replenish.ReplenishmentModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a replenishment model against baselines at a temporal cut. The model is fitted on the events
 * up to the cut; for every (customer, key) with history before it:
 * <ul>
 *   <li><b>timing</b> (pairs bought again after the cut, before the data ends): absolute error in days between
 *       the predicted and the actual next purchase. Only purchases before the end of the data can be seen, so
 *       every method predicts within (cut, end]: the model gives the median of its forecast conditioned on a
 *       purchase in that interval; the baselines — the last purchase plus the customer's last interval (the
 *       key's mean interval when they bought once), and the last purchase plus the key's mean interval — are
 *       clamped into it.</li>
 *   <li><b>buy again</b> (customers who rebuy some key of their history within the window): each customer's
 *       keys ranked by the model's probability of a purchase in the window, against most frequent and most
 *       recent first; precision, recall and nDCG at k over the keys actually bought again in the window.</li>
 *   <li><b>calibration</b>: Brier score of the predicted window probabilities over the pairs the model
 *       forecasts, and a reliability table in ten bins; pairs it does not forecast by policy (the last event
 *       was a return) are counted apart with how often they were bought again anyway.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
public final class ReplenishmentEvaluation {
    private ReplenishmentEvaluation() {
    }

    /**
     * The results.
     *
     * @param pairs (customer, key) histories before the cut
     * @param timed pairs with a purchase after the cut (the timing sample)
     * @param medianError model, last-interval and mean-interval median absolute errors (days)
     * @param meanError the same means
     * @param buyAgainCustomers customers in the ranking sample
     * @param precision model, most-frequent, most-recent precision@k
     * @param recall the same recall@k
     * @param ndcg the same nDCG@k
     * @param brier Brier score of the model's window probabilities
     * @param baseRate share of pairs bought again in the window
     * @param reliability ten rows of {mean predicted, observed frequency, pairs}
     * @param withoutForecast pairs not forecast because their last event was a return
     * @param withoutForecastRebought how many of those were bought again in the window anyway
     */
    public record Report(String description, int pairs, int timed, double[] medianError, double[] meanError,
            int buyAgainCustomers, double[] precision, double[] recall, double[] ndcg, double brier, double baseRate,
            double[][] reliability, int k, int withoutForecast, int withoutForecastRebought) {
        /** Keeps copies (the record is immutable). */
        public Report {
            medianError = medianError.clone();
            meanError = meanError.clone();
            precision = precision.clone();
            recall = recall.clone();
            ndcg = ndcg.clone();
            reliability = deepCopy(reliability);
        }

        /** {@code medianError} (a copy). */
        @Override
        public double[] medianError() {
            return medianError.clone();
        }

        /** {@code meanError} (a copy). */
        @Override
        public double[] meanError() {
            return meanError.clone();
        }

        /** {@code precision} (a copy). */
        @Override
        public double[] precision() {
            return precision.clone();
        }

        /** {@code recall} (a copy). */
        @Override
        public double[] recall() {
            return recall.clone();
        }

        /** {@code ndcg} (a copy). */
        @Override
        public double[] ndcg() {
            return ndcg.clone();
        }

        /** {@code reliability} (a copy). */
        @Override
        public double[][] reliability() {
            return deepCopy(reliability);
        }

        private static double[][] deepCopy(double[][] rows) {
            double[][] copy = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                copy[r] = rows[r].clone();
            }
            return copy;
        }

        /** The report as Markdown tables. */
        public String toMarkdown() {
            StringBuilder out = new StringBuilder("#### " + description + "\n\n");
            out.append(String.format(Locale.ROOT, "Timing, %d pairs bought again after the cut (of %d):%n%n", timed, pairs));
            out.append("| method | median abs. error (days) | mean abs. error (days) |\n|---|---|---|\n");
            String[] timing = {"Tailor (shrunk cycle, censored)", "customer's last interval", "category mean interval"};
            for (int m = 0; m < 3; m++) {
                out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", timing[m], medianError[m], meanError[m]));
            }
            out.append(String.format(Locale.ROOT, "%nBuy again, %d customers, k = %d:%n%n", buyAgainCustomers, k));
            out.append(String.format(Locale.ROOT, "| method | P@%d | R@%d | nDCG@%d |%n|---|---|---|---|%n", k, k, k));
            String[] ranking = {"Tailor (P(rebuy in window))", "most frequent", "most recent"};
            for (int m = 0; m < 3; m++) {
                out.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", ranking[m], precision[m], recall[m], ndcg[m]));
            }
            out.append(String.format(Locale.ROOT, "%nCalibration over the forecast pairs: Brier score %.4f (base rate %.4f; "
                    + "a constant base-rate forecast scores %.4f). Not forecast, last event a return: %d pairs, of which %d "
                    + "were bought again in the window.%n%n", brier, baseRate, baseRate * (1 - baseRate), withoutForecast,
                    withoutForecastRebought));
            out.append("| predicted | observed | pairs |\n|---|---|---|\n");
            for (double[] row : reliability) {
                if (row[2] > 0) {
                    out.append(String.format(Locale.ROOT, "| %.3f | %.3f | %d |%n", row[0], row[1], (long) row[2]));
                }
            }
            return out.toString();
        }
    }

    /**
     * Evaluates.
     *
     * @param window the buy-again and calibration window after the cut
     * @param k the ranking cut-off
     */
    public static Report evaluate(String description, EventLog log, Catalog catalog, Replenishment trainer, Instant cut,
            Duration window, int k) {
        ReplenishmentModel model = trainer.fit(log, catalog, cut);
        double cutDay = cut.getEpochSecond() / 86_400.0;
        double windowEnd = cutDay + window.getSeconds() / 86_400.0;
        // First purchase after the cut per (customer, key).
        Map<Long, Long> nextPurchase = new HashMap<>();
        double dataEnd = Math.floorDiv(log.maxEpochSecond(), 86_400L) + 1;
        for (int e = 0; e < log.size(); e++) {
            if (log.kind(e) != EventKind.PURCHASE || log.epochSecond(e) <= cut.getEpochSecond()) {
                continue;
            }
            int key = model.level() == Level.ITEM ? log.item(e) : catalog.category(log.item(e));
            if (key < 0) {
                continue;
            }
            long pairKey = ((long) log.customer(e) << 32) | key;
            long day = Math.floorDiv(log.epochSecond(e), 86_400L);
            nextPurchase.merge(pairKey, day, Math::min);
        }
        List<double[]> errors = new ArrayList<>();
        double brier = 0;
        double positives = 0;
        int pairCount = 0;
        int forecastPairs = 0;
        int withoutForecast = 0;
        int withoutForecastRebought = 0;
        double[][] bins = new double[10][3];
        double[] sums = new double[9];
        int rankedCustomers = 0;
        int customers = log.customers().size();
        for (int c = 0; c < customers; c++) {
            int[] keys = model.keysOf(c);
            if (keys.length == 0) {
                continue;
            }
            float[] probability = new float[keys.length];
            float[] frequency = new float[keys.length];
            float[] recency = new float[keys.length];
            List<Integer> relevant = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                int key = keys[i];
                CycleForecast f = model.forecast(c, key, cutDay).orElse(null);
                double p = f == null ? 0 : f.probabilityWithin(cutDay, windowEnd);
                probability[i] = (float) p;
                frequency[i] = model.purchases(c, key);
                recency[i] = model.lastPurchaseDay(c, key);
                Long next = nextPurchase.get(((long) c << 32) | key);
                boolean inWindow = next != null && next + 0.5 <= windowEnd;
                if (inWindow) {
                    relevant.add(i);
                }
                pairCount++;
                if (f == null) {
                    withoutForecast++;
                    withoutForecastRebought += inWindow ? 1 : 0;
                } else {
                    forecastPairs++;
                    brier += (p - (inWindow ? 1 : 0)) * (p - (inWindow ? 1 : 0));
                    positives += inWindow ? 1 : 0;
                    int bin = Math.min(9, (int) (p * 10));
                    bins[bin][0] += p;
                    bins[bin][1] += inWindow ? 1 : 0;
                    bins[bin][2]++;
                }
                if (next != null && f != null) {
                    double last = model.lastPurchaseDay(c, key);
                    double meanInterval = model.meanIntervalDays(key);
                    double lastInterval = model.lastIntervalDays(c, key);
                    double ours = f.medianDayBefore(dataEnd);
                    if (Double.isNaN(ours)) {
                        ours = dataEnd;
                    }
                    double byLast = clamp(last + (Double.isNaN(lastInterval) ? meanInterval : lastInterval), cutDay, dataEnd);
                    double byMean = clamp(last + meanInterval, cutDay, dataEnd);
                    errors.add(new double[] {Math.abs(ours - next), Math.abs(byLast - next), Math.abs(byMean - next)});
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            int[] relevantSorted = relevant.stream().mapToInt(Integer::intValue).sorted().toArray();
            rankedCustomers++;
            float[][] scores = {probability, frequency, recency};
            for (int m = 0; m < 3; m++) {
                Metrics.AtK atK = Metrics.atK(rank(scores[m]), relevantSorted, k);
                sums[3 * m] += atK.precision();
                sums[3 * m + 1] += atK.recall();
                sums[3 * m + 2] += atK.ndcg();
            }
        }
        double[] median = new double[3];
        double[] mean = new double[3];
        for (int m = 0; m < 3; m++) {
            int method = m;
            double[] column = errors.stream().mapToDouble(e -> e[method]).sorted().toArray();
            median[m] = column.length == 0 ? Double.NaN : column.length % 2 == 1 ? column[column.length / 2]
                    : 0.5 * (column[column.length / 2 - 1] + column[column.length / 2]);
            mean[m] = Arrays.stream(column).average().orElse(Double.NaN);
        }
        double[][] reliability = new double[10][3];
        for (int b = 0; b < 10; b++) {
            double n = bins[b][2];
            reliability[b] = new double[] {n == 0 ? Double.NaN : bins[b][0] / n, n == 0 ? Double.NaN : bins[b][1] / n, n};
        }
        double r = Math.max(1, rankedCustomers);
        return new Report(description, pairCount, errors.size(), median, mean, rankedCustomers,
                new double[] {sums[0] / r, sums[3] / r, sums[6] / r}, new double[] {sums[1] / r, sums[4] / r, sums[7] / r},
                new double[] {sums[2] / r, sums[5] / r, sums[8] / r}, brier / Math.max(1, forecastPairs),
                positives / Math.max(1, forecastPairs), reliability, k, withoutForecast, withoutForecastRebought);
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    /** Positions sorted by score, highest first; ties by position. */
    private static int[] rank(float[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < scores.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
