package dev.tailor.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.datasets.jsonl.EventJsonLinesReader;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.csv.EventCsvReader;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over valid event files (CSV and JSON Lines, plain and gzip; issue #12): every
 * mutated file is either read or refused with an {@link IngestException} naming the file; strict and
 * lenient agree (strict reads a file exactly when lenient reads it without a skip, and then both give the
 * same events). The CI run is short; {@code -Dtailor.fuzz.scale=N} multiplies it (see RESULTS.md).
 */
class IngestFuzzTest {
    private static final EventColumns CSV_COLUMNS = EventColumns.builder().customer("customer").item("item")
            .time("time", TimeFormat.iso8601()).kind("kind").quantity("qty").amount("paid").rating("rating")
            .fit("fit").size("size").build();
    private static final EventColumns JSON_COLUMNS = EventColumns.builder().customer("user").item("sku")
            .time("ts", TimeFormat.epochMillis()).kind("type").quantity("qty").amount("paid").rating("stars")
            .fit("fit").size("size").build();
    private static final String[] INSERTS = {"\"", ",", "\n", "\r\n", "\u0000", "{", "}", "\\", "1e309", "0x1p4", "NaN",
        "-", "99999999999999999999", "\uFEFF", "\u001b[2J", "\"\"", ":", "[", "]", "null", "é", "\uFFFD", " ", "\t"};

    @TempDir
    Path dir;

    private static String validCsv(SplittableRandom random) {
        StringBuilder s = new StringBuilder("customer,item,time,kind,qty,paid,rating,fit,size,note\n");
        String[] kinds = {"purchase", "rent", "view", "return", "wear"};
        String[] fits = {"", "fits", "too small", "too large"};
        for (int i = 0; i < 25; i++) {
            s.append(i % 3 == 0 ? "\"c, " + i % 7 + "\"" : "c" + i % 7).append(',')
                    .append("i").append(random.nextInt(9)).append(',')
                    .append(String.format("2024-0%d-1%dT10:0%d:00Z", 1 + random.nextInt(9), random.nextInt(10), random.nextInt(10))).append(',')
                    .append(kinds[random.nextInt(kinds.length)]).append(',')
                    .append(1 + random.nextInt(3)).append(',')
                    .append(random.nextInt(100)).append('.').append(random.nextInt(10)).append(',')
                    .append(random.nextBoolean() ? "" : String.valueOf(1 + random.nextInt(5))).append(',')
                    .append(fits[random.nextInt(fits.length)]).append(',')
                    .append(random.nextBoolean() ? "M" : "").append(',')
                    .append(i % 5 == 0 ? "\"a note\nover two lines\"" : "plain").append('\n');
        }
        return s.toString();
    }

    private static String validJson(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            s.append("{\"user\":\"u").append(i % 6).append("\",\"sku\":").append(random.nextInt(9))
                    .append(",\"ts\":").append(1_700_000_000_000L + random.nextInt(1_000_000))
                    .append(",\"type\":\"").append(random.nextBoolean() ? "purchase" : "rent").append('"')
                    .append(",\"qty\":").append(1 + random.nextInt(3))
                    .append(",\"paid\":").append(random.nextInt(1000) / 10.0)
                    .append(random.nextBoolean() ? ",\"stars\":" + (1 + random.nextInt(5)) : ",\"stars\":null")
                    .append(",\"fit\":\"").append(random.nextBoolean() ? "fits" : "too small").append('"')
                    .append(",\"size\":\"").append(random.nextInt(4) * 2).append("\",\"extra\":{\"a\":[1,2]}}\n");
        }
        return s.toString();
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        byte[] b = valid;
        for (int round = 1 + random.nextInt(3); round > 0 && b.length > 0; round--) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(8)) {
                case 0 -> {
                    b = b.clone();
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> b = splice(b, at, at, INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
                case 2 -> b = splice(b, at, Math.min(b.length, at + 1 + random.nextInt(20)), new byte[0]);
                case 3 -> b = Arrays.copyOf(b, at);
                case 4 -> b = splice(b, at, at, new byte[] {(byte) (0x80 + random.nextInt(0x80))});
                case 5 -> { // a line repeated
                    int start = lineStart(b, at);
                    int end = lineEnd(b, at);
                    b = splice(b, end, end, Arrays.copyOfRange(b, start, Math.min(b.length, end + 1)));
                }
                case 6 -> b = splice(b, at, at, "x".repeat(random.nextInt(2000)).getBytes(StandardCharsets.UTF_8));
                default -> b = splice(b, at, at, String.valueOf(random.nextLong()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    private static int lineStart(byte[] b, int at) {
        while (at > 0 && b[at - 1] != '\n') {
            at--;
        }
        return at;
    }

    private static int lineEnd(byte[] b, int at) {
        while (at < b.length && b[at] != '\n') {
            at++;
        }
        return at;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    private static byte[] gzip(byte[] bytes, SplittableRandom random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        byte[] z = out.toByteArray();
        if (random.nextInt(4) == 0) { // damaged in transit
            z = random.nextBoolean() ? Arrays.copyOf(z, random.nextInt(z.length)) : z.clone();
            if (z.length > 0) {
                z[random.nextInt(z.length)] ^= 0x20;
            }
        }
        return z;
    }

    @FunctionalInterface
    private interface Read {
        IngestReport read(Path file, ParseMode mode, EventLog.Builder target);
    }

    /** The outcome of one read: the events as text, or the refusal. */
    private record Result(String events, long skipped, IngestException refusal) {
    }

    private static Result attempt(Read read, Path file, ParseMode mode) {
        EventLog.Builder target = EventLog.builder();
        try {
            IngestReport report = read.read(file, mode, target);
            EventLog log = target.build();
            StringBuilder events = new StringBuilder();
            for (int e = 0; e < log.size(); e++) {
                events.append(log.event(e)).append('\n');
            }
            return new Result(events.toString(), report.skipped(), null);
        } catch (IngestException e) {
            if (!e.getMessage().startsWith(file.toString())) {
                throw new AssertionError("the refusal does not name the file: " + e.getMessage(), e);
            }
            return new Result(null, 0, e);
        } catch (Throwable t) {
            throw new AssertionError(file + " (" + mode + "): " + t + " instead of a read or an IngestException", t);
        }
    }

    private long[] fuzz(String name, String suffix, Read read, java.util.function.Function<SplittableRandom, String> valid,
            long seed, int cases) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long read0 = 0;
        long refused = 0;
        for (int i = 0; i < cases; i++) {
            byte[] bytes = mutate(valid.apply(random).getBytes(StandardCharsets.UTF_8), random);
            boolean compressed = random.nextInt(5) == 0;
            Path file = dir.resolve(name + i % 10 + suffix + (compressed ? ".gz" : ""));
            Files.write(file, compressed ? gzip(bytes, random) : bytes);
            Result strict = attempt(read, file, ParseMode.STRICT);
            Result lenient = attempt(read, file, ParseMode.LENIENT);
            String what = name + " case " + i + " (seed " + seed + ")";
            if (strict.refusal() == null) {
                assertEquals(strict.events(), lenient.events(), what + ": strict read it, lenient must give the same events");
                assertEquals(0, lenient.skipped(), what);
                read0++;
            } else {
                assertTrue(lenient.refusal() != null || lenient.skipped() > 0,
                        what + ": strict refused (" + strict.refusal().getMessage() + ") but lenient skipped nothing");
                refused++;
            }
        }
        return new long[] {cases, read0, refused};
    }

    @Test
    void mutatedCsvFilesAreReadOrRefusedNamingTheFileAndBothModesAgree() throws IOException {
        int cases = 1500 * Math.max(1, Integer.getInteger("tailor.fuzz.scale", 1));
        long[] outcome = fuzz("events", ".csv", (file, mode, target) -> EventCsvReader.builder().columns(CSV_COLUMNS).mode(mode)
                .build().read(file, target), IngestFuzzTest::validCsv, 42, cases);
        System.out.println("ingest fuzz, CSV: " + outcome[0] + " files, " + outcome[1] + " read whole, " + outcome[2]
                + " refused or partly skipped, 0 failures");
        assertTrue(outcome[1] > 0 && outcome[2] > 0, Arrays.toString(outcome));
    }

    @Test
    void mutatedJsonLinesFilesAreReadOrRefusedNamingTheFileAndBothModesAgree() throws IOException {
        int cases = 1500 * Math.max(1, Integer.getInteger("tailor.fuzz.scale", 1));
        long[] outcome = fuzz("events", ".jsonl", (file, mode, target) -> new EventJsonLinesReader(JSON_COLUMNS, mode)
                .read(file, target), IngestFuzzTest::validJson, 43, cases);
        System.out.println("ingest fuzz, JSON Lines: " + outcome[0] + " files, " + outcome[1] + " read whole, " + outcome[2]
                + " refused or partly skipped, 0 failures");
        assertTrue(outcome[1] > 0 && outcome[2] > 0, Arrays.toString(outcome));
    }

    @Test
    void aByteOrderMarkAndADuplicateJsonNameAreHandledAlikeInBothModes() throws IOException {
        Path bom = dir.resolve("bom.jsonl");
        Files.writeString(bom, "\uFEFF{\"user\":\"u1\",\"sku\":\"1\",\"ts\":1700000000000,\"type\":\"purchase\"}\n");
        for (ParseMode mode : ParseMode.values()) {
            EventLog.Builder target = EventLog.builder();
            assertEquals(1, new EventJsonLinesReader(JSON_COLUMNS, mode).read(bom, target).eventsAdded());
        }
        Path duplicate = dir.resolve("dup.jsonl");
        Files.writeString(duplicate, "{\"user\":\"u1\",\"user\":\"u2\",\"sku\":\"1\",\"ts\":1700000000000,\"type\":\"purchase\"}\n"
                + "{\"user\":\"u3\",\"sku\":\"1\",\"ts\":1700000000000,\"type\":\"purchase\"}\n");
        IngestException e = org.junit.jupiter.api.Assertions.assertThrows(IngestException.class,
                () -> new EventJsonLinesReader(JSON_COLUMNS, ParseMode.STRICT).read(duplicate, EventLog.builder()));
        assertEquals(1, e.problem().line());
        IngestReport lenient = new EventJsonLinesReader(JSON_COLUMNS, ParseMode.LENIENT).read(duplicate, EventLog.builder());
        assertEquals(1, lenient.skipped());
        assertEquals(1, lenient.eventsAdded());
    }
}
