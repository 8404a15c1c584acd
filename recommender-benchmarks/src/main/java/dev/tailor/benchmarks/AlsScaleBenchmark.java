package dev.tailor.benchmarks;

import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.matrix.WeightingPolicy;
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
 * Seconds per ALS iteration at rank 64 on generated shops of about 5M and 10M events (54,000 and 108,000
 * customers, 2,000 items), both solvers, two threads; one iteration per measurement (it includes the initial
 * factors and both half-steps, not the loss). Add {@code -jvmArgsAppend --add-modules=jdk.incubator.vector} for
 * the SIMD kernels.
 *
 * <p>Run: {@code java -Xmx12g -jar recommender-benchmarks/target/benchmarks.jar AlsScaleBenchmark -f 1 -wi 0 -i 2 -jvmArgs -Xmx12g}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx12g")
@Warmup(iterations = 0)
@Measurement(iterations = 2)
public class AlsScaleBenchmark {
    @Param({"CONJUGATE_GRADIENT", "CHOLESKY"})
    public AlsSolver solver;

    /** 54,000 customers make about 5M events, 108,000 about 10M. */
    @Param({"54000", "108000"})
    public int customers;

    private TrainingData data;

    @Setup
    public void setUp() {
        var shop = ShopGenerator.builder().seed(9).customers(customers).items(2_000).build().generate();
        data = TrainingData.of(shop.events(), WeightingPolicy.defaults());
        System.out.println("events: " + shop.events().size() + ", pairs: " + data.matrix().byCustomer().nonZeros());
    }

    @Benchmark
    public Recommender oneIteration() {
        return ImplicitAls.builder().factors(64).iterations(1).solver(solver).threads(2).build()
                .train(data);
    }
}
