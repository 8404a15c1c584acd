package dev.tailor.benchmarks;

import dev.tailor.data.EventLog;
import dev.tailor.datasets.generator.ShopFiles;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.ingest.ParseMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a plain CSV events file ({@code customer,item,time,kind,quantity,amount,rating,fit,size}, ISO-8601
 * times) into an {@link EventLog} on one thread, against the floor of reading the same file's lines with a
 * {@link BufferedReader} and doing nothing with them. Scores are events (lines) per second.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar IngestionBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IngestionBenchmark {
    /** Events in the file: the first 190,000 events of a generated shop of 2,200 customers. */
    static final int EVENTS = 190_000;

    private Path folder;
    private Path events;
    private int lines;

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        folder = Files.createTempDirectory("tailor-ingestion");
        ShopGenerator.builder().seed(1).customers(2_200).build().generate().writeCsv(folder);
        events = folder.resolve(ShopFiles.EVENTS);
        java.util.List<String> all = Files.readAllLines(events, StandardCharsets.UTF_8);
        if (all.size() < EVENTS + 1) {
            throw new IllegalStateException("the generated shop has only " + (all.size() - 1) + " events");
        }
        Files.write(events, all.subList(0, EVENTS + 1), StandardCharsets.UTF_8);
        lines = EVENTS;
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public EventLog tailorCsvReader() {
        EventLog.Builder target = EventLog.builder().expectedSize(lines);
        ShopFiles.readEvents(events, ParseMode.STRICT, target);
        return target.build();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long baselineReadLines() throws IOException {
        long chars = 0;
        try (BufferedReader reader = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                chars += line.length();
            }
        }
        return chars;
    }
}
