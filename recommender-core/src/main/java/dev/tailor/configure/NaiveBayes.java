package dev.tailor.configure;


/**
 * Naive Bayes: the chosen values are taken as independent given the value of the open variable, so
 * P(v | chosen) ∝ P(v) ∏ P(chosen_i | v), with add-{@code alpha} (Laplace) smoothing of each conditional
 * table. The naive Bayes recommender of Fargier, Gimenez and Mengin, "Experimental evaluation of three
 * value recommendation methods in interactive configuration" (J. Universal Computer Science 26(3), 2020).
 *
 * <p>Default: {@code alpha = 1}.
 */
final class NaiveBayes implements CompletionMethod {
    private final double alpha;

    /** With {@code alpha = 1}. */
    NaiveBayes() {
        this(1);
    }

    /** @throws IllegalArgumentException if alpha is not positive */
    NaiveBayes(double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "naive-bayes";
    }

    @Override
    public CompletionModel train(ConfigurationHistory history) {
        return fit(new EncodedHistory(history));
    }

    /** The settings a saved model is rebuilt with ({@code CompletionModelFormat}). */
    double[] parameters() {
        return new double[] {alpha};
    }

    CompletionModel fit(EncodedHistory data) {
        int n = data.columns;
        EncodedHistory.requireWithinBudget(data.product, "conditional tables",
                8L * (data.totalValues * data.totalValues - data.squaredValues));
        // logConditional[target][evidence][targetValue * |D_evidence| + evidenceValue] = log P(evidence value | target value)
        double[][][] logConditional = new double[n][n][];
        for (int t = 0; t < n; t++) {
            for (int e = 0; e < n; e++) {
                if (e == t) {
                    continue;
                }
                int te = data.values[t].length;
                int ee = data.values[e].length;
                double[] joint = new double[te * ee];
                for (int r = 0; r < data.size(); r++) {
                    joint[data.rows[r][t] * ee + data.rows[r][e]] += data.weights[r];
                }
                for (int a = 0; a < te; a++) {
                    double denominator = data.counts[t][a] + alpha * (ee + 1);
                    for (int b = 0; b < ee; b++) {
                        joint[a * ee + b] = Math.log((joint[a * ee + b] + alpha) / denominator);
                    }
                }
                logConditional[t][e] = joint;
            }
        }
        double[][] logPrior = new double[n][];
        for (int t = 0; t < n; t++) {
            logPrior[t] = new double[data.values[t].length];
            for (int a = 0; a < logPrior[t].length; a++) {
                logPrior[t][a] = Math.log((data.counts[t][a] + alpha) / (data.total + alpha * logPrior[t].length));
            }
        }
        return new EncodedModel(data, this) {
            @Override
            double[] probabilities(int[] partial, int column) {
                double[] log = logPrior[column].clone();
                for (int e = 0; e < n; e++) {
                    if (e == column || partial[e] == ConfigurableProduct.UNSET) {
                        continue;
                    }
                    int b = data.position(e, partial[e]);
                    if (b < 0) {
                        continue;
                    }
                    double[] table = logConditional[column][e];
                    int ee = data.values[e].length;
                    for (int a = 0; a < log.length; a++) {
                        log[a] += table[a * ee + b];
                    }
                }
                double max = Double.NEGATIVE_INFINITY;
                for (double l : log) {
                    max = Math.max(max, l);
                }
                for (int a = 0; a < log.length; a++) {
                    log[a] = Math.exp(log[a] - max);
                }
                return EncodedHistory.normalized(log);
            }
        };
    }
}
