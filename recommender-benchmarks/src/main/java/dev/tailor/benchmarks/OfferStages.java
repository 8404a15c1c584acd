package dev.tailor.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;

/**
 * Where the time of one offer goes: the execution samples of a JFR recording of an offers benchmark, each put
 * in the stage of the innermost frame that names one (the rules asked inside the factor scan count as rules, the
 * reasons built for the collaborative candidates as reasons), printed as a table and written beside the
 * recording as {@code stages.txt}.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar 'OffersBenchmark.uncachedOffers$' -f 1 -wi 2
 * -i 10 -w 2s -r 3s -jvmArgsAppend --add-modules=jdk.incubator.vector -prof
 * "jfr:dir=target/jfr;postProcessor=dev.tailor.benchmarks.OfferStages"}, or on a recording made before:
 * {@code java -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.OfferStages profile.jfr}.
 * JMH records the measurement iterations only.
 */
public final class OfferStages implements JavaFlightRecorderProfiler.PostProcessor {
    /** Stages by the frames that mark them, most specific first (a frame's class and method, prefix match). */
    private static final Map<String, String> STAGE_OF_FRAME = new LinkedHashMap<>();

    static {
        STAGE_OF_FRAME.put("dev.tailor.offer.CustomerView.excluded", "rules (asked by every source)");
        STAGE_OF_FRAME.put("dev.tailor.offer.OfferRule", "rules (asked by every source)");
        STAGE_OF_FRAME.put("dev.tailor.recommend.als.FactorModel.because", "cf: reasons (explanations)");
        STAGE_OF_FRAME.put("dev.tailor.offer.CollaborativeSource.reason", "cf: reasons (explanations)");
        STAGE_OF_FRAME.put("dev.tailor.recommend.als.FactorModel.select", "cf: factor scan");
        STAGE_OF_FRAME.put("dev.tailor.offer.CollaborativeSource.propose", "cf: other");
        STAGE_OF_FRAME.put("dev.tailor.offer.ContentSource.propose", "content neighbours");
        STAGE_OF_FRAME.put("dev.tailor.offer.TrendingSource.propose", "trending");
        STAGE_OF_FRAME.put("dev.tailor.offer.ReplenishmentSource.propose", "replenishment");
        STAGE_OF_FRAME.put("dev.tailor.offer.BasketSource.propose", "basket");
        STAGE_OF_FRAME.put("dev.tailor.offer.ConfigurationSource.propose", "configurations");
        STAGE_OF_FRAME.put("dev.tailor.offer.Offers.rerank", "diversity (MMR) and category cap");
        STAGE_OF_FRAME.put("dev.tailor.offer.Offers.advise", "size advice");
        STAGE_OF_FRAME.put("dev.tailor.offer.Offers.offer", "offer assembly (size, reasons)");
        STAGE_OF_FRAME.put("dev.tailor.offer.CustomerView.<init>", "customer view (events, owned, sizes)");
        STAGE_OF_FRAME.put("dev.tailor.offer.Offers.offers", "blend (rank fusion) and the rest");
    }

    /** Public with no arguments, as JMH makes it. */
    public OfferStages() {
    }

    @Override
    public List<File> postProcess(BenchmarkParams params, File jfr) {
        String table = table(jfr.toPath());
        System.out.println();
        System.out.println(table);
        File out = new File(jfr.getParentFile(), "stages.txt");
        try {
            Files.writeString(out.toPath(), table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(out);
    }

    /** The stage table of a recording: samples per stage and their share of the samples inside an offer. */
    static String table(Path jfr) {
        Map<String, Integer> samples = new LinkedHashMap<>();
        STAGE_OF_FRAME.values().forEach(stage -> samples.put(stage, 0));
        int outside = 0;
        int inside = 0;
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                String stage = stageOf(event.getStackTrace().getFrames());
                if (stage == null) {
                    outside++;
                } else {
                    inside++;
                    samples.merge(stage, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + jfr, e);
        }
        StringBuilder out = new StringBuilder(String.format("| stage | samples | share of an offer |%n|---|---|---|%n"));
        for (Map.Entry<String, Integer> entry : samples.entrySet()) {
            if (entry.getValue() > 0) {
                out.append(String.format("| %s | %d | %.1f %% |%n", entry.getKey(), entry.getValue(),
                        100.0 * entry.getValue() / inside));
            }
        }
        out.append(String.format("%n%d samples inside offers, %d outside (harness, JIT threads, GC)%n", inside, outside));
        return out.toString();
    }

    private static String stageOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (frame.getMethod() == null) {
                continue;
            }
            String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            for (Map.Entry<String, String> entry : STAGE_OF_FRAME.entrySet()) {
                if (name.startsWith(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    /**
     * Prints the stage table of a recording.
     *
     * @param args the recording's path
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: OfferStages <recording.jfr>");
            System.exit(2);
        }
        System.out.print(table(Path.of(args[0])));
    }
}
