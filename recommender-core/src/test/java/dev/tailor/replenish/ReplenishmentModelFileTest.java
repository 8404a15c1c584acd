package dev.tailor.replenish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.io.ModelFileFuzzer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replenishment models save and load through the registry, forecast identically, and refuse damage. */
class ReplenishmentModelFileTest {
    private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2024-06-01T00:00:00Z");

    @TempDir
    Path dir;

    private static EventLog shop() {
        SplittableRandom random = new SplittableRandom(4);
        EventLog.Builder b = EventLog.builder();
        for (int c = 0; c < 60; c++) {
            for (int item = 0; item < 4; item++) {
                double cycle = 20 + 15 * item + random.nextInt(10);
                for (double day = random.nextInt(30); day < 500; day += cycle * (0.7 + 0.6 * random.nextDouble())) {
                    b.add(new Event("c" + c, "i" + item, START.plusSeconds((long) (day * 86_400)), EventKind.PURCHASE,
                            1 + random.nextInt(2), 10, Double.NaN, FitFeedback.NONE, random.nextInt(5) == 0 ? "M" : null));
                }
            }
            if (c % 7 == 0) {
                b.add(new Event("c" + c, "i0", START.plusSeconds(86_400L * 400), EventKind.RETURN, 1, 0, Double.NaN,
                        FitFeedback.TOO_SMALL, null));
            }
        }
        return b.build();
    }

    private static List<Reminder> reminders(ReplenishmentModel model) {
        return model.reminders(Duration.ofDays(30), Duration.ofDays(3), 0.1, dev.tailor.concurrent.Workers.defaults().withThreads(2));
    }

    @Test
    void savedModelsForecastIdenticallyAndDamagedFilesAreRefused() throws IOException {
        EventLog log = shop();
        ReplenishmentModel model = Replenishment.perItem().fit(log, null, AS_OF);
        Path file = dir.resolve("cycles.model");
        model.save(file);
        ReplenishmentModel loaded = dev.tailor.io.ModelRegistry.load(file, ReplenishmentModel.class);
        assertEquals(reminders(model), reminders(loaded));
        double day = AS_OF.getEpochSecond() / 86_400.0;
        for (int c = 0; c < log.customers().size(); c++) {
            for (int k = 0; k < model.keyCount(); k++) {
                CycleForecast a = model.forecast(c, k, day).orElse(null);
                CycleForecast b = loaded.forecast(c, k, day).orElse(null);
                assertEquals(a == null, b == null);
                if (a != null) {
                    assertEquals(a.probabilityWithin(day, day + 30), b.probabilityWithin(day, day + 30), 0.0);
                }
            }
        }
        assertTrue(java.util.Arrays.equals(model.calibration(), loaded.calibration()));
        ModelFileFuzzer.Outcome outcome = ModelFileFuzzer.run(file, dir.resolve("fuzzed"), f -> dev.tailor.io.ModelRegistry.load(f, ReplenishmentModel.class),
                same -> assertEquals(reminders(model), reminders(same)),
                crafted -> {
                    reminders(crafted);
                    for (int c = 0; c < crafted.pairCount(); c += 17) {
                        CycleForecast f = crafted.forecast(c % 60, c % Math.max(1, crafted.keyCount()), day).orElse(null);
                        if (f != null) {
                            double p = f.probabilityWithin(day, day + 30);
                            assertTrue(p >= 0 && p <= 1 + 1e-9, "probability " + p);
                            f.dueDay();
                        }
                    }
                }, 31, 100);
        assertTrue(outcome.refused() > 0, outcome.toString());
        System.out.println("model file fuzz, replenishment model: " + outcome);
    }
}
