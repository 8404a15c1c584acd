package dev.tailor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.IdIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tailor.ingest.csv.CatalogCsvReader;

class CatalogCsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("catalog.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsWhatGenerateWritesAndAnEmptyPriceIsUnknown() throws IOException {
        IdIndex items = new IdIndex();
        CatalogCsvReader.Result read = CatalogCsvReader.read(file("item,category,price,sizes_in_stock,colour\n"
                + "dress-1,dresses,49.90,S;M; L,red\n"
                + "dress-2,dresses,,,\n"), ParseMode.STRICT, items);
        Catalog catalog = read.catalog();
        CatalogItem first = catalog.get(items.find("dress-1"));
        assertEquals(49.90, first.price(), 0);
        assertEquals(Set.of("S", "M", "L"), first.sizesInStock());
        assertEquals(Map.of("colour", "red"), first.attributes());
        CatalogItem second = catalog.get(items.find("dress-2"));
        assertTrue(Double.isNaN(second.price()), "unknown, not free: " + second);
        assertEquals(2, read.report().eventsAdded());
    }

    @Test
    void aBadPriceNamesFileLineAndFieldStrictlyAndIsSkippedAndReportedLeniently() throws IOException {
        Path file = file("item,category,price\na,tops,9.99\nb,tops,cheap\nc,tops,5\n");
        IngestException strict = assertThrows(IngestException.class, () -> CatalogCsvReader.read(file, ParseMode.STRICT, new IdIndex()));
        assertTrue(strict.getMessage().contains(file.toString()) && strict.getMessage().contains("line 3")
                && strict.getMessage().contains("price"), strict.getMessage());
        CatalogCsvReader.Result lenient = CatalogCsvReader.read(file, ParseMode.LENIENT, new IdIndex());
        assertEquals(2, lenient.report().eventsAdded());
        assertEquals(1, lenient.report().skipped());
        assertEquals(3, lenient.report().firstProblems().get(0).line());
    }

    @Test
    void aHeaderWithoutTheCategoryColumnIsRefusedInEitherMode() throws IOException {
        Path file = file("item,price\na,1\n");
        for (ParseMode mode : ParseMode.values()) {
            IngestException e = assertThrows(IngestException.class, () -> CatalogCsvReader.read(file, mode, new IdIndex()));
            assertTrue(e.getMessage().contains("category"), e.getMessage());
        }
    }
}
