package dev.tailor.recommend;

import dev.tailor.data.EventLog;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.WeightingPolicy;
import java.util.Objects;

/**
 * What an engine trains on: the training events and the interaction matrix built from them.
 *
 * @param events the training events (for engines that use time or kinds directly)
 * @param matrix the weighted customer × item matrix over the same id indexes
 */
public record TrainingData(EventLog events, InteractionMatrix matrix) {

    /** Checks that the matrix is over the log's indexes. */
    public TrainingData {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(matrix, "matrix");
        if (events.customers() != matrix.customers() || events.items() != matrix.items()) {
            throw new IllegalArgumentException("the matrix was not built over the events' id indexes");
        }
    }

    /** Builds the matrix from the events with the given policy. */
    public static TrainingData of(EventLog events, WeightingPolicy policy) {
        return new TrainingData(events, InteractionMatrix.build(events, policy));
    }
}
