package dev.tailor.benchmarks;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generating a shop of about 1M events (10,000 customers) on all cores, against storing the same number
 * of uniformly random events in an {@link EventLog} (the cost of the log alone).
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar GeneratorBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class GeneratorBenchmark {
    @Param({"10000"})
    public int customers;

    @Benchmark
    public GeneratedShop generateShop() {
        return ShopGenerator.builder().seed(11).customers(customers).build().generate();
    }

    @Benchmark
    public EventLog baselineStoreRandomEvents() {
        int events = customers * ShopGenerator.EVENTS_PER_CUSTOMER;
        EventLog.Builder builder = EventLog.builder().expectedSize(events);
        for (int c = 0; c < customers; c++) {
            builder.customers().idOf("C" + c);
        }
        for (int i = 0; i < 600; i++) {
            builder.items().idOf("I" + i);
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int e = 0; e < events; e++) {
            builder.add(random.nextInt(customers), random.nextInt(600), 1_672_531_200L + random.nextInt(63_072_000),
                    EventKind.VIEW, 1, 0, Double.NaN, FitFeedback.NONE, null);
        }
        return builder.build();
    }
}
