package dev.tailor.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.TimeFormat;
import dev.tailor.ingest.IngestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tailor.ingest.csv.EventCsvReader;

/**
 * Defect (#30, item 1): a valid gzip CSV followed by 10,000 empty gzip members (legal per RFC 1952) made the reader
 * throw StackOverflowError, and bytes after the last member were ignored. Members are now read in a loop, each checked,
 * and trailing garbage is refused.
 */
class GzipMembersTest {
    private static final String CSV = "customer,item,time,kind\nc1,i1,2024-03-01T10:15:30Z,VIEW\nc2,i2,2024-03-01T10:16:30Z,RENT\n";

    @TempDir
    Path dir;

    private static byte[] member(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static EventColumns columns() {
        return EventColumns.builder().customer("customer").item("item").time("time", TimeFormat.iso8601()).kind("kind").build();
    }

    private EventLog read(byte[] content) throws IOException {
        Path file = dir.resolve("events.csv.gz");
        Files.write(file, content);
        EventLog.Builder log = EventLog.builder();
        EventCsvReader.builder().columns(columns()).build().read(file, log);
        return log.build();
    }

    @Test
    void tenThousandEmptyMembersAfterTheDataAreRead() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(member(CSV));
        byte[] empty = member("");
        for (int i = 0; i < 10_000; i++) {
            content.write(empty);
        }
        assertEquals(2, read(content.toByteArray()).size());
    }

    @Test
    void theLinesOfSeveralMembersFollowOneAnother() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(member("customer,item,time,kind\nc1,i1,2024-03-01T10:15:30Z,VIEW\nc2,i2,"));
        content.write(member("2024-03-01T10:16:30Z,RENT\n"));
        assertEquals(2, read(content.toByteArray()).size());
    }

    @Test
    void trailingGarbageAndADamagedMemberAreRefusedNamingTheFile() throws IOException {
        ByteArrayOutputStream garbage = new ByteArrayOutputStream();
        garbage.write(member(CSV));
        garbage.write("not gzip at all".getBytes(StandardCharsets.UTF_8));
        IngestException trailing = assertThrows(IngestException.class, () -> read(garbage.toByteArray()));
        assertTrue(trailing.getMessage().contains("events.csv.gz") && trailing.getMessage().contains("trailing garbage"),
                trailing.getMessage());
        byte[] damaged = member(CSV);
        damaged[damaged.length - 6] ^= 0x55; // inside the stored CRC-32
        IngestException crc = assertThrows(IngestException.class, () -> read(damaged));
        assertTrue(crc.getMessage().contains("CRC-32"), crc.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(member(CSV), 30);
        assertThrows(IngestException.class, () -> read(truncated));
    }
}
