package dev.tailor.recommend;

import dev.tailor.data.Trainer;

/**
 * Trains a {@link Recommender} from {@link TrainingData}: the {@link Trainer} of every engine. A trainer holds only
 * settings, so one trainer can train many models (one per split, one per night).
 */
public interface RecommenderTrainer extends Trainer<TrainingData, Recommender> {
}
