package dev.tailor.benchmarks;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.ingest.ParseMode;
import dev.tailor.offer.OfferSource;
import dev.tailor.offer.OfferTraining;
import java.time.Instant;
import java.util.Map;
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
 * Training one learned offer source on RentTheRunway as of 2017-07-01 (13 weekly steps before it, as the rolling
 * evaluation retrains it every week): personal affinity's conditional logit or the demand forecast's Poisson
 * regression, on all cores, against a plain scan of the same log in the same run (counting each item's takes). The
 * ratio is what to compare across builds.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar LearnedSourcesTrainingBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class LearnedSourcesTrainingBenchmark {
    private static final Instant AS_OF = Instant.parse("2017-06-30T23:59:59Z");

    @Param({"affinity", "forecast"})
    public String source;

    private RentTheRunway.Rentals rentals;
    private EventLog log;

    @Setup
    public void setUp() {
        rentals = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT);
        log = rentals.dataset().events();
    }

    @Benchmark
    public Map<String, OfferSource> tailorTrain() {
        Catalog catalog = rentals.dataset().catalog();
        OfferTraining.Builder training = OfferTraining.builder(log, catalog).asOf(AS_OF)
                .occasions(rentals.occasionOfEvent()).profiles(rentals.profiles());
        OfferTraining.DEFAULT_WEIGHTS.keySet().forEach(name -> training.weight(name, name.equals(source) ? 1 : 0));
        return training.trainSources();
    }

    /** Steady-state, unlike the training's single shots: the scan takes 60 µs, far too short to time once. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public long[] baselineCountTakes() {
        long[] counts = new long[log.items().size()];
        for (int e = 0; e < log.size(); e++) {
            counts[log.item(e)]++;
        }
        return counts;
    }
}
