package dev.tailor.configure;

import dev.tailor.data.Trainer;

/**
 * A way to learn value probabilities from a sales history: the {@link Trainer} of completion models. The built-in methods, each a published one, come
 * from the factories here; every one saves and loads through the model registry with its settings.
 */
public interface CompletionMethod extends Trainer<ConfigurationHistory, CompletionModel> {
    /** Learns from the history's rows, each counted by its weight. */
    @Override
    CompletionModel train(ConfigurationHistory history);

    /**
     * Conditional population frequencies: the probability of a value is its share among the past configurations
     * that agree with every value chosen so far, weighted by sales, with add-{@code alpha} smoothing; when fewer
     * than {@code minSupport} sales agree, the marginal frequencies answer. The "most frequent value in this context"
     * baseline (Fargier, Gimenez and Mengin, "Recommendation for product configuration: an experimental
     * evaluation", Configuration Workshop 2016).
     *
     * @throws IllegalArgumentException if alpha is negative or minSupport not positive
     */
    static CompletionMethod conditionalFrequencies(double alpha, double minSupport) {
        return new ConditionalFrequencies(alpha, minSupport);
    }

    /** {@link #conditionalFrequencies(double, double)} with {@code alpha = 0.01} (ties broken by popularity only) and {@code minSupport = 1}. */
    static CompletionMethod conditionalFrequencies() {
        return new ConditionalFrequencies();
    }

    /**
     * Naive Bayes: the chosen values taken as independent given the open variable's value, so
     * P(v | chosen) ∝ P(v) ∏ P(chosen_i | v), with add-{@code alpha} smoothing of each table (Fargier, Gimenez and
     * Mengin, "Experimental evaluation of three value recommendation methods in interactive configuration",
     * J. Universal Computer Science 26(3), 2020).
     *
     * @throws IllegalArgumentException if alpha is not positive
     */
    static CompletionMethod naiveBayes(double alpha) {
        return new NaiveBayes(alpha);
    }

    /** {@link #naiveBayes(double)} with {@code alpha = 1}. */
    static CompletionMethod naiveBayes() {
        return new NaiveBayes();
    }

    /**
     * A tree-shaped Bayesian network learned by the Chow-Liu algorithm, the maximum spanning tree of the pairwise
     * mutual information (Chow and Liu, "Approximating discrete probability distributions with dependence trees",
     * IEEE Trans. Information Theory 14(3), 1968): correlated chosen values are not counted twice, and the
     * probability of each value of the open variable is exact in that network (message passing, Pearl 1988). Tables
     * are smoothed by adding {@code alpha} to every count.
     *
     * @throws IllegalArgumentException if alpha is not positive
     */
    static CompletionMethod chowLiuTree(double alpha) {
        return new ChowLiuTree(alpha);
    }

    /** {@link #chowLiuTree(double)} with {@code alpha = 0.1}. */
    static CompletionMethod chowLiuTree() {
        return new ChowLiuTree();
    }

    /**
     * Nearest configurations: the past configurations that agree with the most chosen values vote for the open
     * variable's value, by sales, taken until they hold {@code k} sales (ties with the last one all taken), the vote
     * smoothed by the marginal frequencies with weight {@code alpha}. A k-nearest-neighbour recommender with the
     * overlap similarity on the chosen variables (Tiihonen and Felfernig, "An introduction to personalization and
     * mass customization", J. Intelligent Information Systems 49, 2017).
     *
     * @throws IllegalArgumentException if k is not positive or alpha negative
     */
    static CompletionMethod nearestConfigurations(double k, double alpha) {
        return new NearestConfigurations(k, alpha);
    }

    /** {@link #nearestConfigurations(double, double)} with {@code k = 20} sales and {@code alpha = 0.01}. */
    static CompletionMethod nearestConfigurations() {
        return new NearestConfigurations();
    }
}
