package dev.tailor.benchmarks;

import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.fit.FitData;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.SizeFit;
import dev.tailor.ingest.ParseMode;
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
 * Training the size-fit model (the default, monotone in size, as {@code tailor train} and offers train it) on all of
 * a dataset's fit feedback, against a plain scan of the same feedback in the same run: one pass counting each item's
 * outcomes, the least any fit model reads. The ratio is what to compare across builds.
 *
 * <p>{@code data}: {@code renttherunway} (the shared dataset, 192,544 rentals with feedback) or {@code generated} (a
 * seeded shop of 20,000 customers).
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar FitTrainingBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class FitTrainingBenchmark {
    @Param({"renttherunway", "generated"})
    public String data;

    private FitData fit;
    private int[] itemOfRow;

    @Setup
    public void setUp() {
        if (data.equals("renttherunway")) {
            fit = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT).fitData();
        } else {
            fit = FitBenchmark.generatedFit();
        }
        itemOfRow = new int[fit.size()];
        for (int o = 0; o < itemOfRow.length; o++) {
            itemOfRow[o] = fit.items().find(fit.log().event(fit.eventOf(o)).item());
        }
    }

    @Benchmark
    public FitModel tailorTrain() {
        return SizeFit.builder().build().train(fit);
    }

    /** Steady-state, unlike the training's single shots: the scan takes a millisecond, too short to time once. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public long[] baselineCountOutcomes() {
        long[] counts = new long[fit.items().size() * 3];
        for (int o = 0; o < itemOfRow.length; o++) {
            counts[itemOfRow[o] * 3 + fit.outcome(o).ordinal()]++;
        }
        return counts;
    }
}
