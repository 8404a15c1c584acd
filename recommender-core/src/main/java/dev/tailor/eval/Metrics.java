package dev.tailor.eval;

import java.util.Arrays;

/**
 * Ranking metrics at a cut-off k for one customer, over binary relevance.
 *
 * <p>For a ranked list {@code L} (at most k items, best first, positions {@code i = 1..|L|}) and the
 * customer's relevant items {@code R}, with {@code rel(i) = 1} if {@code L[i] ∈ R} and
 * {@code hits = Σ rel(i)}:
 * <ul>
 *   <li>precision@k = hits / k (a short list is not rewarded for being short)</li>
 *   <li>recall@k = hits / |R|</li>
 *   <li>nDCG@k = DCG / IDCG, DCG = Σ rel(i) / log2(i + 1), IDCG = Σ_{i=1..min(|R|,k)} 1 / log2(i + 1)</li>
 *   <li>AP@k = Σ rel(i) · precision@i / min(|R|, k); MAP@k is its mean over customers</li>
 *   <li>hit rate@k = 1 if hits > 0, else 0</li>
 *   <li>reciprocal rank@k = 1 / (position of the first hit), or 0 without a hit; MRR is its mean</li>
 * </ul>
 * Catalog coverage@k, a property of all lists together, is the share of the catalog's items that
 * appear in at least one customer's list (computed by the {@link Evaluator}).
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * The metrics of one customer's list.
     *
     * @param precision precision@k
     * @param recall recall@k
     * @param ndcg nDCG@k
     * @param averagePrecision AP@k
     * @param hit hit rate@k (0 or 1)
     * @param reciprocalRank reciprocal rank@k
     */
    public record AtK(double precision, double recall, double ndcg, double averagePrecision, double hit,
            double reciprocalRank) {
    }

    /**
     * Computes all metrics for one list.
     *
     * @param ranked recommended dense item ids, best first; only the first k count
     * @param relevantSorted the relevant dense item ids, ascending and distinct
     * @param k the cut-off
     * @throws IllegalArgumentException if k &lt; 1 or there are no relevant items
     */
    public static AtK atK(int[] ranked, int[] relevantSorted, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        if (relevantSorted.length == 0) {
            throw new IllegalArgumentException("at least one relevant item is needed");
        }
        int length = Math.min(k, ranked.length);
        int hits = 0;
        double dcg = 0;
        double precisionSum = 0;
        double reciprocalRank = 0;
        for (int i = 0; i < length; i++) {
            if (Arrays.binarySearch(relevantSorted, ranked[i]) >= 0) {
                hits++;
                dcg += discount(i + 1);
                precisionSum += hits / (double) (i + 1);
                if (reciprocalRank == 0) {
                    reciprocalRank = 1.0 / (i + 1);
                }
            }
        }
        int ideal = Math.min(relevantSorted.length, k);
        double idcg = 0;
        for (int i = 1; i <= ideal; i++) {
            idcg += discount(i);
        }
        return new AtK(
                hits / (double) k,
                hits / (double) relevantSorted.length,
                dcg / idcg,
                precisionSum / ideal,
                hits > 0 ? 1 : 0,
                reciprocalRank);
    }

    /** The DCG discount of a 1-based position: 1 / log2(position + 1). */
    static double discount(int position) {
        return Math.log(2) / Math.log(position + 1.0);
    }

    /**
     * The cluster-robust standard error of a mean: sqrt(G / (G − 1) · Σ_g (Σ_{i∈g} (x_i − x̄))²) / n over G clusters
     * (Liang and Zeger 1986, with the usual small-sample factor); NaN with fewer than two clusters. Cases of one
     * customer are not independent draws: a customer judged in several steps is one cluster.
     *
     * @param cluster each value's cluster (a customer's dense id, say)
     * @param values the values whose mean's error is wanted
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static double clusteredStandardError(int[] cluster, double[] values) {
        if (cluster.length != values.length) {
            throw new IllegalArgumentException(cluster.length + " clusters for " + values.length + " values");
        }
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = ((long) cluster[i] << 32) | i;
        }
        Arrays.sort(keyed);
        double sumOfSquares = 0;
        int clusters = 0;
        int i = 0;
        while (i < n) {
            int c = (int) (keyed[i] >>> 32);
            double residual = 0;
            while (i < n && (int) (keyed[i] >>> 32) == c) {
                residual += values[(int) keyed[i]] - mean;
                i++;
            }
            sumOfSquares += residual * residual;
            clusters++;
        }
        if (clusters < 2) {
            return Double.NaN;
        }
        return Math.sqrt(sumOfSquares * clusters / (clusters - 1.0)) / n;
    }
}
