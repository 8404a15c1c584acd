package dev.tailor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves the memory budget in a JVM of its own: ten million events must fit in a 512 MB heap
 * ({@value EventLog#BYTES_PER_EVENT} bytes each, 320 MB of columns).
 */
class TenMillionEventsMemoryTest {
    static final int EVENTS = 10_000_000;

    /** Run by the forked JVM: builds the log and prints its size and the heap in use. */
    public static void main(String[] args) {
        // No expectedSize: readers do not know the count, and the columns must not need more than their bytes anyway.
        EventLog.Builder builder = EventLog.builder();
        int customers = 100_000;
        int items = 20_000;
        for (int c = 0; c < customers; c++) {
            builder.customers().idOf("customer-" + c);
        }
        for (int i = 0; i < items; i++) {
            builder.items().idOf("item-" + i);
        }
        long t = 1_700_000_000L;
        for (int e = 0; e < EVENTS; e++) {
            builder.add(e % customers, (e * 31) % items, t + e, EventKind.ofOrdinal(e % 7), 1 + (e & 3), (e % 1000) / 10.0,
                    (e & 1) == 0 ? Double.NaN : 4.0, FitFeedback.ofOrdinal(e & 3), (e & 7) == 0 ? "M" : null);
        }
        EventLog log = builder.build();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.println("events=" + log.size() + " usedMB=" + (rt.totalMemory() - rt.freeMemory()) / (1 << 20));
    }

    @Test
    void tenMillionEventsFitInA512MegabyteHeap() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), TenMillionEventsMemoryTest.class.getName()))
                .redirectErrorStream(true).start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "the forked JVM did not finish in 120 s: " + output);
        assertEquals(0, process.exitValue(), "the forked JVM failed (OutOfMemoryError?): " + output);
        assertTrue(output.contains("events=" + EVENTS), output);
        long usedMb = Long.parseLong(output.replaceAll("(?s).*usedMB=(\\d+).*", "$1"));
        assertTrue(usedMb < 400, "heap in use after building: " + usedMb + " MB");
    }
}
