package dev.tailor.benchmarks;

import dev.tailor.mahout.TasteTrainer;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Top-10 for one customer on MovieLens 100K (random 75/25 holdout's training part), customers in turn:
 * Tailor's item-kNN (similarities precomputed at training) against Taste's item-based recommenders (which
 * compute similarities per request). Needs the shared datasets.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar RecommendLatencyBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RecommendLatencyBenchmark {
    @Param({"tailor-knn-llr", "tailor-knn-cosine", "taste-itembased-llr", "taste-boolean-itembased-llr"})
    public String engine;

    private Recommender model;
    private int customers;
    private int next;

    @Setup
    public void setUp() {
        TrainingData data = MovieLensHoldout.training();
        RecommenderTrainer trainer = switch (engine) {
            case "tailor-knn-llr" -> ItemKnn.builder().similarity(ItemKnn.Similarity.LOG_LIKELIHOOD).build();
            case "tailor-knn-cosine" -> ItemKnn.builder().build();
            case "taste-itembased-llr" -> TasteTrainer.itemBasedLogLikelihood();
            case "taste-boolean-itembased-llr" -> TasteTrainer.booleanItemBasedLogLikelihood();
            default -> throw new IllegalArgumentException(engine);
        };
        model = trainer.train(data);
        customers = data.matrix().customerCount();
    }

    @Benchmark
    public RecommendationList recommendTop10() {
        next = (next + 1) % customers;
        return model.recommend(next, 10);
    }
}
