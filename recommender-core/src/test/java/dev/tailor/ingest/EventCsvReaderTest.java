package dev.tailor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tailor.ingest.csv.EventCsvReader;

class EventCsvReaderTest {
    private static final EventColumns COLUMNS = EventColumns.builder()
            .customer("customer").item("item").time("time", TimeFormat.iso8601()).kind("kind")
            .quantity("qty").amount("paid").fit("fit").size("size")
            .kindAlias("buy", EventKind.PURCHASE)
            .build();
    private static final String HEADER = "customer,item,time,kind,qty,paid,fit,size\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static EventCsvReader strict() {
        return EventCsvReader.builder().columns(COLUMNS).build();
    }

    private static EventCsvReader lenient() {
        return EventCsvReader.builder().columns(COLUMNS).mode(ParseMode.LENIENT).build();
    }

    @Test
    void readsEveryMappedFieldIncludingQuotedFieldsAndAliases() throws IOException {
        Path file = write("events.csv", HEADER
                + "c1,\"shirt, white\",2024-03-01T10:15:30Z,buy,2,59.80,,L\n"
                + "c1,\"shirt, white\",2024-03-05 08:00:00,RETURN,1,0,too small,L\n"
                + "\"c\"\"2\",shoe,2024-03-02,view,,,,\n");
        EventLog.Builder target = EventLog.builder();
        IngestReport report = strict().read(file, target);
        EventLog log = target.build();
        assertEquals(3, report.eventsAdded());
        assertEquals(0, report.skipped());
        assertEquals("shirt, white", log.event(0).item());
        assertEquals(EventKind.PURCHASE, log.kind(0));
        assertEquals(2, log.quantity(0));
        assertEquals(59.80, log.amount(0), 0.0);
        assertEquals("L", log.sizeLabel(0));
        assertEquals(Instant.parse("2024-03-01T10:15:30Z").getEpochSecond(), log.epochSecond(0));
        assertEquals(FitFeedback.TOO_SMALL, log.fit(1));
        assertEquals(Instant.parse("2024-03-05T08:00:00Z").getEpochSecond(), log.epochSecond(1));
        assertEquals("c\"2", log.event(2).customer());
        assertEquals(1, log.quantity(2));
    }

    @Test
    void badTimestampOnLine37IsNamedWithLineColumnAndValue() throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (int line = 2; line <= 40; line++) {
            String time = line == 37 ? "2024-13-45T99:00:00Z" : "2024-03-01T10:15:30Z";
            text.append("c").append(line).append(",i1,").append(time).append(",view,1,0,,\n");
        }
        Path file = write("events.csv", text.toString());
        IngestException e = assertThrows(IngestException.class, () -> strict().read(file, EventLog.builder()));
        assertEquals(37, e.problem().line());
        assertEquals("time", e.problem().column());
        assertTrue(e.getMessage().contains("line 37"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'time'"), e.getMessage());
        assertTrue(e.getMessage().contains("2024-13-45T99:00:00Z"), e.getMessage());
        assertTrue(e.getMessage().contains("events.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());
    }

    @Test
    void lenientModeSkipsBadRecordsAndReportsThem() throws IOException {
        Path file = write("events.csv", HEADER
                + "c1,i1,2024-03-01,view,1,0,,\n"
                + "c2,i1,not-a-time,view,1,0,,\n"
                + "c3,i1,2024-03-01,teleport,1,0,,\n"
                + "c4,i1,2024-03-01,view,-3,0,,\n"
                + "c5,i1\n"
                + "c6,i2,2024-03-01,view,1,0,,\n");
        EventLog.Builder target = EventLog.builder();
        IngestReport report = lenient().read(file, target);
        assertEquals(6, report.records());
        assertEquals(2, report.eventsAdded());
        assertEquals(4, report.skipped());
        assertEquals(3, report.firstProblems().get(0).line());
        assertEquals("kind", report.firstProblems().get(1).column());
        assertEquals("qty", report.firstProblems().get(2).column());
        assertEquals(6, report.firstProblems().get(3).line());
        // Skipped records must not leave their ids behind.
        EventLog log = target.build();
        assertEquals(2, log.customers().size());
        assertEquals("c6", log.customers().externalId(1));
    }

    @Test
    void emptyFileIsAnErrorInBothModes() throws IOException {
        Path file = write("empty.csv", "");
        IngestException strictError = assertThrows(IngestException.class, () -> strict().read(file, EventLog.builder()));
        assertTrue(strictError.getMessage().contains("empty"), strictError.getMessage());
        assertThrows(IngestException.class, () -> lenient().read(file, EventLog.builder()));
    }

    @Test
    void headerWithoutRecordsIsAnErrorInBothModes() throws IOException {
        Path file = write("header-only.csv", HEADER);
        IngestException e = assertThrows(IngestException.class, () -> strict().read(file, EventLog.builder()));
        assertTrue(e.getMessage().contains("no records"), e.getMessage());
        IngestException lenientError = assertThrows(IngestException.class, () -> lenient().read(file, EventLog.builder()));
        assertTrue(lenientError.getMessage().contains("no records"), lenientError.getMessage());
    }

    @Test
    void missingColumnIsNamedWithTheColumnsFound() throws IOException {
        Path file = write("events.csv", "customer,item,when,kind,qty,paid,fit,size\nc,i,2024-01-01,view,1,0,,\n");
        IngestException e = assertThrows(IngestException.class, () -> lenient().read(file, EventLog.builder()));
        assertEquals("time", e.problem().column());
        assertTrue(e.getMessage().contains("when"), e.getMessage());
    }

    @Test
    void unknownKindListsTheAcceptedKinds() throws IOException {
        Path file = write("events.csv", HEADER + "c,i,2024-01-01,teleport,1,0,,\n");
        IngestException e = assertThrows(IngestException.class, () -> strict().read(file, EventLog.builder()));
        assertEquals(2, e.problem().line());
        assertTrue(e.getMessage().contains("teleport"), e.getMessage());
        assertTrue(e.getMessage().contains("PURCHASE"), e.getMessage());
    }

    @Test
    void unknownFitFeedbackIsAnError() throws IOException {
        Path file = write("events.csv", HEADER + "c,i,2024-01-01,return,1,0,baggy,\n");
        IngestException e = assertThrows(IngestException.class, () -> strict().read(file, EventLog.builder()));
        assertEquals("fit", e.problem().column());
        assertTrue(e.getMessage().contains("TOO_SMALL"), e.getMessage());
    }

    @Test
    void negativeQuantityIsAnError() throws IOException {
        Path file = write("events.csv", HEADER + "c,i,2024-01-01,purchase,-1,0,,\n");
        IngestException e = assertThrows(IngestException.class, () -> strict().read(file, EventLog.builder()));
        assertEquals("qty", e.problem().column());
        assertEquals("-1", e.problem().rawValue());
    }

    @Test
    void nonUtf8BytesAreNamedByLineInStrictModeAndSkippedInLenientMode() throws IOException {
        Path file = dir.resolve("latin1.csv");
        byte[] head = (HEADER + "c1,i1,2024-01-01,view,1,0,,\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "c2,caf\u00e9,2024-01-01,view,1,0,,\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "c3,i3,2024-01-01,view,1,0,,\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            out.write(bad);
            out.write(tail);
        }
        IngestException e = assertThrows(IngestException.class, () -> strict().read(file, EventLog.builder()));
        assertEquals(3, e.problem().line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        IngestReport report = lenient().read(file, EventLog.builder());
        assertEquals(2, report.eventsAdded());
        assertEquals(1, report.skipped());
        assertEquals(3, report.firstProblems().get(0).line());
    }

    @Test
    void shortLineIsNamed() throws IOException {
        Path file = write("events.csv", HEADER + "c1,i1\n");
        IngestException e = assertThrows(IngestException.class, () -> strict().read(file, EventLog.builder()));
        assertEquals(2, e.problem().line());
        assertTrue(e.getMessage().contains("the line has 2"), e.getMessage());
    }

    @Test
    void gzipIsDetectedByContentNotByName() throws IOException {
        Path file = dir.resolve("events.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((HEADER + "c1,i1,2024-01-01,view,1,0,,\n").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(1, strict().read(file, EventLog.builder()).eventsAdded());
    }

    @Test
    void headerlessTabSeparatedWithEpochSecondsAndConstantKind() throws IOException {
        Path file = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\r\n");
        EventColumns columns = EventColumns.builder().customer("user").item("item")
                .time("ts", TimeFormat.epochSeconds()).rating("rating").constantKind(EventKind.RATING).build();
        EventLog.Builder target = EventLog.builder();
        EventCsvReader.builder().columns(columns).delimiter('\t').headerless("user", "item", "rating", "ts").build()
                .read(file, target);
        EventLog log = target.build();
        assertEquals(2, log.size());
        assertEquals(881250949L, log.epochSecond(0));
        assertEquals(3.0f, log.rating(1));
        assertEquals(EventKind.RATING, log.kind(1));
    }

    @Test
    void missingFileIsNamed() {
        IngestException e = assertThrows(IngestException.class,
                () -> strict().read(dir.resolve("nope.csv"), EventLog.builder()));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }

    @Test
    void timeFormatsReadTheSameInstant() {
        long expected = Instant.parse("2011-12-09T12:50:00Z").getEpochSecond();
        assertEquals(expected, TimeFormat.iso8601().toEpochSecond("2011-12-09T12:50:00Z"));
        assertEquals(expected, TimeFormat.iso8601().toEpochSecond("2011-12-09T13:50:00+01:00"));
        assertEquals(expected, TimeFormat.iso8601().toEpochSecond("2011-12-09T12:50"));
        assertEquals(expected, TimeFormat.epochSeconds().toEpochSecond(Long.toString(expected)));
        assertEquals(expected, TimeFormat.epochMillis().toEpochSecond(expected * 1000 + 999 + ""));
        assertEquals(expected, TimeFormat.pattern("M/d/yyyy H:mm", ZoneOffset.UTC).toEpochSecond("12/9/2011 12:50"));
        assertEquals(Instant.parse("1997-01-01T00:00:00Z").getEpochSecond(),
                TimeFormat.pattern("yyyyMMdd", ZoneOffset.UTC).toEpochSecond("19970101"));
        assertThrows(IllegalArgumentException.class, () -> TimeFormat.parse("sometimes"));
    }

    @Test
    void mappingWithoutRequiredColumnsIsRefused() {
        assertThrows(IllegalStateException.class, () -> EventColumns.builder().customer("c").item("i").build());
        assertThrows(IllegalStateException.class, () -> EventColumns.builder().customer("c").item("i")
                .time("t", TimeFormat.iso8601()).build());
        assertThrows(IllegalArgumentException.class, () -> EventCsvReader.builder().delimiter('"'));
    }
}
