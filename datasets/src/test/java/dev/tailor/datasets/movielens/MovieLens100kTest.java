package dev.tailor.datasets.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.datasets.Dataset;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defect (#30, item 10): a duplicated or over-long movie id in u.item gave exit 2 without file or line, in either mode. */
class MovieLens100kTest {
    @TempDir
    Path dir;

    private static String movie(String id) {
        return id + "|Title (1995)|01-Jan-1995||http://x|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n";
    }

    private Path folder(String items) throws IOException {
        Files.writeString(dir.resolve("u.item"), items);
        Files.writeString(dir.resolve("u.data"), "1\t1\t5\t881250949\n2\t2\t3\t881250950\n");
        return dir;
    }

    @Test
    void aDuplicatedMovieIdNamesFileLineAndFieldStrictlyAndIsSkippedLeniently() throws IOException {
        Path folder = folder(movie("1") + movie("2") + movie("1"));
        IngestException strict = assertThrows(IngestException.class, () -> MovieLens100k.read(folder, "u.data", ParseMode.STRICT));
        assertTrue(strict.getMessage().contains("u.item") && strict.getMessage().contains("line 3")
                && strict.getMessage().contains("movie id"), strict.getMessage());
        Dataset lenient = MovieLens100k.read(folder, "u.data", ParseMode.LENIENT);
        IngestReport items = lenient.reports().get(0);
        assertEquals(3, items.records());
        assertEquals(2, items.eventsAdded());
        assertEquals(1, items.skipped());
        assertEquals(3, items.firstProblems().get(0).line());
        assertTrue(Double.isNaN(lenient.catalog().get(lenient.events().items().find("1")).price()), "no prices: unknown");
    }

    @Test
    void anOverLongMovieIdIsABadLineNotABareError() throws IOException {
        Path folder = folder(movie("1") + movie("x".repeat(1_001)));
        IngestException strict = assertThrows(IngestException.class, () -> MovieLens100k.read(folder, "u.data", ParseMode.STRICT));
        assertTrue(strict.getMessage().contains("line 2") && strict.getMessage().contains("movie id"), strict.getMessage());
        assertEquals(1, MovieLens100k.read(folder, "u.data", ParseMode.LENIENT).reports().get(0).skipped());
    }
}
