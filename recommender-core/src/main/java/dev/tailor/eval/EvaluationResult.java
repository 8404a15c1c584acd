package dev.tailor.eval;

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
}
