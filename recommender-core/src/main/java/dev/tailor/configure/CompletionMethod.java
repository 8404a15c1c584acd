package dev.tailor.configure;

/**
 * A way to learn value probabilities from a sales history: {@link ConditionalFrequencies},
 * {@link NaiveBayes}, {@link NearestConfigurations}.
 */
public interface CompletionMethod {
    /** Learns from the history's rows, each counted by its weight. */
    CompletionModel train(ConfigurationHistory history);

    /** A short name for tables, with the parameters that matter. */
    String name();
}
