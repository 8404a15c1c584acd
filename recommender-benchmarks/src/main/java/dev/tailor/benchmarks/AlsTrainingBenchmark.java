package dev.tailor.benchmarks;

import dev.tailor.mahout.TasteTrainer;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.als.AlsSolver;
import dev.tailor.recommend.als.ImplicitAls;
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
 * Training implicit ALS on MovieLens 100K (random 75/25 holdout's training part, ≈ 75k interactions) at
 * equal rank and 10 iterations: Tailor's ALS (conjugate gradient and Cholesky; loss not computed) against
 * Taste's {@code ALSWRFactorizer} in {@code SVDRecommender}, both on two threads. Needs the shared datasets.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar AlsTrainingBenchmark -wi 1 -i 2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
public class AlsTrainingBenchmark {
    static final int ITERATIONS = 10;

    @Param({"tailor-als-cg", "tailor-als-cholesky", "taste-alswr"})
    public String engine;

    @Param({"32", "64"})
    public int rank;

    private TrainingData data;

    @Setup
    public void setUp() {
        data = MovieLensHoldout.training();
    }

    @Benchmark
    public Recommender train() {
        return switch (engine) {
            case "tailor-als-cg" -> ImplicitAls.builder().factors(rank).iterations(ITERATIONS)
                    .solver(AlsSolver.CONJUGATE_GRADIENT).threads(2).build().train(data);
            case "tailor-als-cholesky" -> ImplicitAls.builder().factors(rank).iterations(ITERATIONS)
                    .solver(AlsSolver.CHOLESKY).threads(2).build().train(data);
            case "taste-alswr" -> TasteTrainer.alsWr(rank, 10, 1, ITERATIONS, 2).train(data);
            default -> throw new IllegalArgumentException(engine);
        };
    }
}
