package dev.tailor.datasets.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJsonLinesReaderTest {
    private static final EventColumns COLUMNS = EventColumns.builder().customer("user").item("sku")
            .time("ts", TimeFormat.epochMillis()).kind("type").amount("paid").fit("fit").build();

    @TempDir
    Path dir;

    @Test
    void readsScalarFieldsIgnoringUnmappedNestedOnes() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"user\":\"u1\",\"sku\":42,\"ts\":1700000000123,\"type\":\"purchase\",\"paid\":19.5,"
                + "\"meta\":{\"device\":[\"ios\"]}}\n"
                + "\n"
                + "{\"user\":\"u2\",\"sku\":\"a\",\"ts\":\"1700000001000\",\"type\":\"RETURN\",\"fit\":\"too_large\",\"paid\":null}\n");
        EventLog.Builder target = EventLog.builder();
        IngestReport report = new EventJsonLinesReader(COLUMNS, ParseMode.STRICT).read(file, target);
        EventLog log = target.build();
        assertEquals(2, report.eventsAdded());
        assertEquals("42", log.event(0).item());
        assertEquals(1_700_000_000L, log.epochSecond(0));
        assertEquals(19.5, log.amount(0), 0);
        assertEquals(EventKind.RETURN, log.kind(1));
        assertEquals(FitFeedback.TOO_LARGE, log.fit(1));
        assertEquals(0.0, log.amount(1), 0);
    }

    @Test
    void invalidJsonIsNamedByLineAndLenientModeSkipsIt() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"user\":\"u1\",\"sku\":\"a\",\"ts\":1,\"type\":\"view\"}\n"
                + "{\"user\":\"u2\",\"sku\":\"a\",\"ts\":1,\"type\":\"view\"\n"
                + "{\"user\":\"u3\",\"sku\":{\"id\":1},\"ts\":1,\"type\":\"view\"}\n"
                + "[1,2]\n"
                + "{\"user\":\"u4\",\"sku\":\"a\",\"ts\":\"yesterday\",\"type\":\"view\"}\n");
        IngestException e = assertThrows(IngestException.class,
                () -> new EventJsonLinesReader(COLUMNS, ParseMode.STRICT).read(file, EventLog.builder()));
        assertEquals(2, e.problem().line());
        assertTrue(e.getMessage().contains("JSON"), e.getMessage());

        IngestReport report = new EventJsonLinesReader(COLUMNS, ParseMode.LENIENT).read(file, EventLog.builder());
        assertEquals(1, report.eventsAdded());
        assertEquals(4, report.skipped());
        assertEquals("sku", report.firstProblems().get(1).column());
        assertEquals(4, report.firstProblems().get(2).line());
        assertEquals("ts", report.firstProblems().get(3).column());
    }

    /** Defect (#30, item 9): a malformed line's reason quoted the parser's message, raw customer id included, into logs. */
    @org.junit.jupiter.api.Test
    void aMalformedLinesReasonNamesTheColumnNotTheText() {
        String reason = FlatJsonObject.parse("{\"customer\": C12345secret, \"item\": \"i1\"}", (name, text, nested) -> { });
        org.junit.jupiter.api.Assertions.assertFalse(reason.contains("C12345secret"), reason);
        org.junit.jupiter.api.Assertions.assertTrue(reason.startsWith("malformed JSON at column"), reason);
    }
}
