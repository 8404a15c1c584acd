package dev.tailor.recommend;

/**
 * Trains a {@link Recommender}. A trainer holds only settings, so one trainer can train many models
 * (one per split, one per night).
 */
public interface RecommenderTrainer {
    /** A short name for tables and logs, including the settings that matter. */
    String name();

    /** Trains a model. */
    Recommender train(TrainingData data);
}
