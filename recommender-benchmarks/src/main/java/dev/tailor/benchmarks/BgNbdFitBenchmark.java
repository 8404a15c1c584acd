package dev.tailor.benchmarks;

import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.cdnow.Cdnow;
import dev.tailor.ingest.ParseMode;
import dev.tailor.value.BgNbd;
import dev.tailor.value.CalibrationSummary;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fitting BG/NBD on the full CDNOW master (23,570 customers, 39-week calibration), against one evaluation
 * of its log-likelihood at the published parameters (so the fit's cost reads as a number of evaluations).
 * Target: fit ≤ 1 s. Needs the shared datasets.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar BgNbdFitBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BgNbdFitBenchmark {
    private CalibrationSummary master;

    @Setup
    public void setUp() {
        master = CalibrationSummary.of(Cdnow.readMaster(DatasetPaths.require(Cdnow.NAME), ParseMode.STRICT).events(),
                LocalDate.of(1997, 9, 30), null, 7);
    }

    @Benchmark
    public BgNbd.Parameters fitMaster() {
        return BgNbd.fit(master);
    }

    @Benchmark
    public double baselineOneLogLikelihood() {
        return BgNbd.logLikelihood(master, 0.243, 4.414, 0.793, 2.426);
    }
}
