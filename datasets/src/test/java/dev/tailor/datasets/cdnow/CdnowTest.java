package dev.tailor.datasets.cdnow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.ParseMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defect (#30, item 10): an empty CDNOW file was accepted as data. */
class CdnowTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyOrHeaderOnlyFileIsRefusedInEitherMode() throws IOException {
        for (String content : new String[] {"", "customer_id date number_of_cds dollar_value\n"}) {
            Files.writeString(dir.resolve("CDNOW_master.txt"), content);
            for (ParseMode mode : ParseMode.values()) {
                IngestException e = assertThrows(IngestException.class, () -> Cdnow.readMaster(dir, mode));
                assertTrue(e.getMessage().contains("CDNOW_master.txt") && e.getMessage().contains("at least one purchase"),
                        e.getMessage());
            }
        }
        Files.writeString(dir.resolve("CDNOW_master.txt"), "customer_id date number_of_cds dollar_value\n1 19970101 1 29.33\n");
        assertEquals(1, Cdnow.readMaster(dir, ParseMode.STRICT).events().size());
    }
}
