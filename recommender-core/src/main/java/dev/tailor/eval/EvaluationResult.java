package dev.tailor.eval;

import java.util.List;
import java.util.Locale;

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
}

