package dev.tailor.datasets.orders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShirtOptions;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.ParseMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderCsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheGeneratedShopsOrdersAgainstTheShirtProduct() throws IOException {
        GeneratedShop shop = ShopGenerator.builder().seed(3).customers(400).build().generate();
        shop.writeCsv(dir);
        ConfigurableProduct shirt = ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN);
        OrderCsvReader.Orders orders = OrderCsvReader.read(dir.resolve("configurations.csv"), shirt, ShirtOptions.PRODUCT, ParseMode.STRICT);
        ConfigurationHistory fromRecords = ConfigurationHistory.of(shirt, shop.configurations());
        assertEquals(fromRecords.size(), orders.history().size());
        assertArrayEquals(fromRecords.rows()[5], orders.history().rows()[5]);
        assertEquals(fromRecords.customers()[5], orders.history().customers()[5]);
        assertEquals(fromRecords.times()[5], orders.history().times()[5]);
        for (int[] row : orders.history().rows()) {
            assertTrue(shirt.violatedBy(row).isEmpty(), "generated orders keep the shirt's rules");
        }
    }

    @Test
    void strictNamesLineAndColumnAndLenientSkipsAndReports() throws IOException {
        Path file = dir.resolve("orders.csv");
        Files.writeString(file, """
                customer,collar,cuff
                a,cutaway,french
                b,wing,single
                c,spread
                d,spread,single
                """);
        ConfigurableProduct product = ConfigurableProduct.labelled("shirt", java.util.Map.of("collar",
                java.util.List.of("cutaway", "spread"), "cuff", java.util.List.of("single", "french")), java.util.List.of());
        IngestException e = assertThrows(IngestException.class, () -> OrderCsvReader.read(file, product, null, ParseMode.STRICT));
        assertEquals(3, e.problem().line());
        assertEquals("collar", e.problem().column());
        assertTrue(e.getMessage().contains("wing"), e.getMessage());
        OrderCsvReader.Orders lenient = OrderCsvReader.read(file, product, null, ParseMode.LENIENT);
        assertEquals(2, lenient.history().size());
        assertEquals(2, lenient.history().report().skipped());
        assertNull(lenient.history().times(), "no time column");
        OrderCsvReader.Orders inferred = OrderCsvReader.read(file, null, null, ParseMode.LENIENT);
        assertEquals(3, inferred.history().size(), "without a product, wing is a value");
        assertEquals("wing", inferred.product().label(inferred.product().indexOf("collar"), inferred.history().rows()[1][inferred.product().indexOf("collar")]));
    }
}
