package dev.tailor.configure;


/**
 * Nearest configurations: the past configurations that agree with the most chosen values vote for the
 * open variable's value, by sales. The most similar ones are taken until they hold {@code k} sales
 * (configurations tied with the last one taken are all taken); the vote is smoothed by the marginal
 * frequencies with weight {@code alpha}. A k-nearest-neighbour recommender with the overlap (Hamming)
 * similarity on the chosen variables (Tiihonen and Felfernig, "An introduction to personalization and
 * mass customization", J. Intelligent Information Systems 49, 2017, survey it for configuration).
 *
 * <p>Defaults: {@code k = 20} sales, {@code alpha = 0.01}.
 */
final class NearestConfigurations implements CompletionMethod {
    private final double k;
    private final double alpha;

    /** With the defaults. */
    NearestConfigurations() {
        this(20, 0.01);
    }

    /** @throws IllegalArgumentException if k is not positive or alpha negative */
    NearestConfigurations(double k, double alpha) {
        if (!(k > 0) || !(alpha >= 0)) {
            throw new IllegalArgumentException("k must be > 0 and alpha >= 0, got " + k + " and " + alpha);
        }
        this.k = k;
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "nearest-configurations(k=" + (k == Math.rint(k) ? Long.toString((long) k) : Double.toString(k)) + ")";
    }

    @Override
    public CompletionModel train(ConfigurationHistory history) {
        return fit(new EncodedHistory(history));
    }

    /** The settings a saved model is rebuilt with ({@code CompletionModelFormat}). */
    double[] parameters() {
        return new double[] {k, alpha};
    }

    CompletionModel fit(EncodedHistory data) {
        return new EncodedModel(data, this) {
            @Override
            double[] probabilities(int[] partial, int column) {
                int rows = data.size();
                int[] agreement = new int[rows];
                int chosen = 0;
                for (int c = 0; c < data.columns; c++) {
                    if (c == column || partial[c] == ConfigurableProduct.UNSET) {
                        continue;
                    }
                    int p = data.position(c, partial[c]);
                    chosen++;
                    if (p < 0) {
                        continue;
                    }
                    long[] with = data.withValue[c][p];
                    for (int w = 0; w < with.length; w++) {
                        long bits = with[w];
                        while (bits != 0) {
                            agreement[(w << 6) + Long.numberOfTrailingZeros(bits)]++;
                            bits &= bits - 1;
                        }
                    }
                }
                // weight of sales by agreement level, then take levels from the top until k sales are in
                double[] byLevel = new double[chosen + 1];
                for (int r = 0; r < rows; r++) {
                    byLevel[agreement[r]] += data.weights[r];
                }
                int threshold = chosen;
                double taken = byLevel[chosen];
                while (taken < k && threshold > 0) {
                    taken += byLevel[--threshold];
                }
                double[] scores = new double[data.values[column].length];
                for (int r = 0; r < rows; r++) {
                    if (agreement[r] >= threshold) {
                        scores[data.rows[r][column]] += data.weights[r];
                    }
                }
                for (int a = 0; a < scores.length; a++) {
                    scores[a] = scores[a] / taken + alpha * data.counts[column][a] / data.total;
                }
                return EncodedHistory.normalized(scores);
            }
        };
    }
}
