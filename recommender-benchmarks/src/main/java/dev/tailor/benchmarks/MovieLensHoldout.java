package dev.tailor.benchmarks;

import dev.tailor.datasets.Dataset;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.movielens.MovieLens100k;
import dev.tailor.eval.Split;
import dev.tailor.eval.Splitter;
import dev.tailor.ingest.ParseMode;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.TrainingData;

/** The training part of MovieLens 100K under the seeded per-customer random 75/25 holdout (seed 42). */
final class MovieLensHoldout {
    private MovieLensHoldout() {
    }

    static Split split() {
        Dataset ml = MovieLens100k.read(DatasetPaths.require(MovieLens100k.NAME), "u.data", ParseMode.STRICT);
        return Splitter.randomHoldout(0.25, 42).split(ml.events());
    }

    static TrainingData training() {
        return TrainingData.of(split().train(), WeightingPolicy.defaults());
    }
}
