package dev.tailor.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one evaluation: mean metrics over the evaluated customers, and costs.
 *
 * @param algorithm the trainer's name
 * @param split the split's description
 * @param k the cut-off
 * @param customers how many customers were evaluated
 * @param precision mean precision@k
 * @param recall mean recall@k
 * @param ndcg mean nDCG@k
 * @param map mean average precision@k
 * @param hitRate share of customers with at least one hit
 * @param mrr mean reciprocal rank@k
 * @param coverage share of catalog items recommended to at least one customer
 * @param trainSeconds wall time to train (NaN when the model came trained)
 * @param microsPerCustomer mean time of one recommend call, in microseconds
 */
public record EvaluationResult(String algorithm, String split, int k, int customers, double precision, double recall,
        double ndcg, double map, double hitRate, double mrr, double coverage, double trainSeconds,
        double microsPerCustomer) {
    /**
     * The results as a fixed-width text table, one row per result, with a header line naming the metrics at k and
     * the split of the first result.
     */
    public static String table(List<EvaluationResult> results) {
        if (results.isEmpty()) {
            return "(no results)\n";
        }
        int k = results.get(0).k();
        int nameWidth = Math.max(9, results.stream().mapToInt(r -> r.algorithm().length()).max().orElse(9));
        StringBuilder out = new StringBuilder();
        out.append("split: ").append(results.get(0).split()).append('\n');
        String headerFormat = "%-" + nameWidth + "s %8s %8s %8s %8s %8s %8s %8s %9s %9s %11s%n";
        out.append(String.format(Locale.ROOT, headerFormat, "algorithm", "P@" + k, "R@" + k, "nDCG@" + k, "MAP@" + k,
                "HR@" + k, "MRR@" + k, "cov@" + k, "customers", "train s", "us/customer"));
        String rowFormat = "%-" + nameWidth + "s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %9d %9.2f %11.1f%n";
        for (EvaluationResult r : results) {
            out.append(String.format(Locale.ROOT, rowFormat, r.algorithm(), r.precision(), r.recall(), r.ndcg(), r.map(),
                    r.hitRate(), r.mrr(), r.coverage(), r.customers(), r.trainSeconds(), r.microsPerCustomer()));
        }
        return out.toString();
    }

    /**
     * The outcome of a rolling evaluation: metrics averaged over every (customer, step) case — a customer judged in
     * several steps counts once per step — with standard errors clustered by customer, since one customer's steps are
     * not independent draws.
     *
     * <p>Immutable. {@link #compareTo(Rolling)} compares two lists judged on the same cases, pairing each case.
     */
    public static final class Rolling {
        private final String algorithm;
        private final String protocol;
        private final int k;
        private final int steps;
        private final double precision;
        private final double recall;
        private final double hitRate;
        private final double coverage;
        /** Per case, in (step, customer) order: the customer's dense id and the case's nDCG@k. */
        private final int[] caseCustomer;
        private final int[] caseStep;
        private final double[] caseNdcg;

        Rolling(String algorithm, String protocol, int k, int steps, double precision, double recall, double hitRate,
                double coverage, int[] caseStep, int[] caseCustomer, double[] caseNdcg) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            this.k = k;
            this.steps = steps;
            this.precision = precision;
            this.recall = recall;
            this.hitRate = hitRate;
            this.coverage = coverage;
            this.caseStep = caseStep;
            this.caseCustomer = caseCustomer;
            this.caseNdcg = caseNdcg;
        }

        /** The name of what made the lists. */
        public String algorithm() {
            return algorithm;
        }

        /** How the steps were made and how models followed them (retrained, or updated live). */
        public String protocol() {
            return protocol;
        }

        /** The cut-off. */
        public int k() {
            return k;
        }

        /** How many steps were evaluated. */
        public int steps() {
            return steps;
        }

        /** How many (customer, step) cases were judged. */
        public int cases() {
            return caseNdcg.length;
        }

        /** How many distinct customers were judged (the clusters of the standard errors). */
        public int customers() {
            return (int) Arrays.stream(caseCustomer).distinct().count();
        }

        /** Mean precision@k over the cases. */
        public double precision() {
            return precision;
        }

        /** Mean recall@k over the cases. */
        public double recall() {
            return recall;
        }

        /** Mean nDCG@k over the cases. */
        public double ndcg() {
            return mean(caseNdcg);
        }

        /** The standard error of {@link #ndcg()}, clustered by customer. */
        public double ndcgStandardError() {
            return Metrics.clusteredStandardError(caseCustomer, caseNdcg);
        }

        /** The share of cases with at least one hit in the first k. */
        public double hitRate() {
            return hitRate;
        }

        /** The share of the item index recommended in at least one case. */
        public double coverage() {
            return coverage;
        }

        /** Mean nDCG@k of each step's cases (NaN for a step without cases), in step order. */
        public double[] ndcgByStep() {
            double[] sums = new double[steps];
            int[] counts = casesByStep();
            for (int i = 0; i < caseNdcg.length; i++) {
                sums[caseStep[i]] += caseNdcg[i];
            }
            for (int s = 0; s < steps; s++) {
                sums[s] = counts[s] == 0 ? Double.NaN : sums[s] / counts[s];
            }
            return sums;
        }

        /** How many cases each step had, in step order. */
        public int[] casesByStep() {
            int[] counts = new int[steps];
            for (int step : caseStep) {
                counts[step]++;
            }
            return counts;
        }

        /**
         * This list against a baseline judged on the same cases: the ratio of their mean nDCG@k, and the mean
         * difference per case with its standard error clustered by customer (a difference within two standard errors
         * is a tie).
         *
         * @throws IllegalArgumentException if the two results were not judged on the same cases
         */
        public Comparison compareTo(Rolling baseline) {
            if (!Arrays.equals(caseCustomer, baseline.caseCustomer) || !Arrays.equals(caseStep, baseline.caseStep)) {
                throw new IllegalArgumentException("'" + algorithm + "' and '" + baseline.algorithm + "' were judged on different"
                        + " cases (" + cases() + " and " + baseline.cases() + "): compare lists evaluated on the same steps and data");
            }
            double[] difference = new double[caseNdcg.length];
            for (int i = 0; i < difference.length; i++) {
                difference[i] = caseNdcg[i] - baseline.caseNdcg[i];
            }
            double base = baseline.ndcg();
            return new Comparison(algorithm, baseline.algorithm, base == 0 ? Double.NaN : ndcg() / base, mean(difference),
                    Metrics.clusteredStandardError(caseCustomer, difference));
        }

        /**
         * A paired comparison of nDCG@k.
         *
         * @param algorithm the list compared
         * @param baseline the list it is compared with
         * @param ratio mean nDCG@k of the list over the baseline's (NaN when the baseline's is 0)
         * @param difference the mean per-case difference, list minus baseline
         * @param differenceStandardError its standard error, clustered by customer
         */
        public record Comparison(String algorithm, String baseline, double ratio, double difference,
                double differenceStandardError) {
            /** How many standard errors the difference is from 0 (NaN when the error is 0). */
            public double zScore() {
                return differenceStandardError == 0 ? Double.NaN : difference / differenceStandardError;
            }
        }

        /**
         * Results as a fixed-width table: one row per result, nDCG@k with its clustered standard error, and the ratio to
         * the first result of the table (the baseline) with the standard error of the paired difference.
         */
        public static String table(List<Rolling> results) {
            if (results.isEmpty()) {
                return "(no results)\n";
            }
            Rolling baseline = results.get(0);
            int kk = baseline.k();
            int nameWidth = Math.max(9, results.stream().mapToInt(r -> r.algorithm().length()).max().orElse(9));
            StringBuilder out = new StringBuilder();
            out.append("split: ").append(baseline.protocol()).append("; ").append(baseline.steps()).append(" steps, ")
                    .append(baseline.cases()).append(" customer-steps of ").append(baseline.customers())
                    .append(" customers; ± one standard error clustered by customer; ratio and difference against ")
                    .append(baseline.algorithm()).append('\n');
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s %8s %8s %8s %9s %8s %8s %7s %18s%n", "algorithm",
                    "P@" + kk, "R@" + kk, "nDCG@" + kk, "±", "HR@" + kk, "cov@" + kk, "ratio", "difference ±"));
            for (Rolling r : results) {
                Comparison c = r.compareTo(baseline);
                out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s %8.4f %8.4f %8.4f %9.4f %8.4f %8.4f %7.3f %9.4f ± %6.4f%n",
                        r.algorithm(), r.precision(), r.recall(), r.ndcg(), r.ndcgStandardError(), r.hitRate(), r.coverage(),
                        c.ratio(), c.difference(), c.differenceStandardError()));
            }
            return out.toString();
        }

        private static double mean(double[] values) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return values.length == 0 ? Double.NaN : sum / values.length;
        }
    }
}
