package dev.tailor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tailor.ingest.csv.EventCsvReader;

/**
 * Defect (#30, item 13): kinds and fit values written with look-alike letters (a dotless i, a dotted capital I, a long
 * s) were accepted, because case folding maps them onto ASCII letters. Only ASCII letters name a kind or a fit.
 */
class LookAlikeLettersTest {
    @TempDir
    Path dir;

    @Test
    void lookAlikesAreNotKindsOrFitValues() {
        assertNull(EventKind.parseOrNull("v\u0131ew"));
        assertNull(EventKind.parseOrNull("V\u0130EW"));
        assertNull(FitFeedback.parseOrNull("TOO_\u017fMALL"));
        assertEquals(EventKind.VIEW, EventKind.parseOrNull(" view "));
        assertEquals(FitFeedback.TOO_SMALL, FitFeedback.parseOrNull("too-small"));
        EventColumns columns = EventColumns.builder().customer("customer").item("item").time("time", TimeFormat.iso8601())
                .kind("kind").kindAlias("kaufen", EventKind.PURCHASE).build();
        assertTrue(columns.kindOf("v\u0131ew").isEmpty());
        assertEquals(EventKind.PURCHASE, columns.kindOf("Kaufen").orElseThrow());
        assertEquals(EventKind.RENT, columns.kindOf("rent").orElseThrow());
    }

    @Test
    void aFileWithALookAlikeKindIsRefusedNamingTheLine() throws Exception {
        Path file = dir.resolve("events.csv");
        Files.writeString(file, "customer,item,time,kind\nc1,i1,2024-03-01T10:15:30Z,VIEW\nc1,i2,2024-03-01T10:16:30Z,v\u0131ew\n");
        EventColumns columns = EventColumns.builder().customer("customer").item("item").time("time", TimeFormat.iso8601())
                .kind("kind").build();
        IngestException e = assertThrows(IngestException.class,
                () -> EventCsvReader.builder().columns(columns).build().read(file, EventLog.builder()));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("kind"), e.getMessage());
    }
}
