package dev.tailor.configure;

import java.util.Arrays;


/**
 * Conditional population frequencies: the probability of a value is its share among the past
 * configurations that agree with every value chosen so far, weighted by sales, with add-{@code alpha}
 * smoothing. When fewer than {@code minSupport} sales agree, the chosen values are ignored and the
 * marginal frequencies answer. The "most frequent value in this context" baseline of the configuration
 * recommendation literature (Fargier, Gimenez and Mengin, "Recommendation for product configuration:
 * an experimental evaluation", Configuration Workshop 2016).
 *
 * <p>Defaults: {@code alpha = 0.01} (keeps ties broken by popularity only), {@code minSupport = 1}.
 */
final class ConditionalFrequencies implements CompletionMethod {
    private final double alpha;
    private final double minSupport;

    /** With the defaults. */
    ConditionalFrequencies() {
        this(0.01, 1);
    }

    /** @throws IllegalArgumentException if alpha is negative or minSupport not positive */
    ConditionalFrequencies(double alpha, double minSupport) {
        if (!(alpha >= 0) || !(minSupport > 0)) {
            throw new IllegalArgumentException("alpha must be >= 0 and minSupport > 0, got " + alpha + " and " + minSupport);
        }
        this.alpha = alpha;
        this.minSupport = minSupport;
    }

    @Override
    public String name() {
        return "conditional-frequencies";
    }

    @Override
    public CompletionModel train(ConfigurationHistory history) {
        return fit(new EncodedHistory(history));
    }

    /** The settings a saved model is rebuilt with ({@code CompletionModelFormat}). */
    double[] parameters() {
        return new double[] {alpha, minSupport};
    }

    CompletionModel fit(EncodedHistory data) {
        return new EncodedModel(data, this) {
            @Override
            double[] probabilities(int[] partial, int column) {
                long[] agree = new long[data.words];
                Arrays.fill(agree, -1L);
                boolean any = false;
                for (int c = 0; c < data.columns; c++) {
                    if (c == column || partial[c] == ConfigurableProduct.UNSET) {
                        continue;
                    }
                    int p = data.position(c, partial[c]);
                    if (p < 0) {
                        continue;
                    }
                    long[] with = data.withValue[c][p];
                    for (int w = 0; w < agree.length; w++) {
                        agree[w] &= with[w];
                    }
                    any = true;
                }
                double[] scores = new double[data.values[column].length];
                if (any) {
                    double support = 0;
                    for (int w = 0; w < agree.length; w++) {
                        long bits = agree[w];
                        while (bits != 0) {
                            int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                            bits &= bits - 1;
                            if (r < data.size()) {
                                scores[data.rows[r][column]] += data.weights[r];
                                support += data.weights[r];
                            }
                        }
                    }
                    if (support < minSupport) {
                        Arrays.fill(scores, 0);
                        any = false;
                    }
                }
                if (!any) {
                    System.arraycopy(data.counts[column], 0, scores, 0, scores.length);
                }
                for (int i = 0; i < scores.length; i++) {
                    scores[i] += alpha;
                }
                return EncodedHistory.normalized(scores);
            }
        };
    }
}
