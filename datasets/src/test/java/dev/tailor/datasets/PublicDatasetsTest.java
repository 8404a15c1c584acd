package dev.tailor.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.cdnow.Cdnow;
import dev.tailor.datasets.groceries.Groceries;
import dev.tailor.datasets.movielens.MovieLens100k;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.datasets.renault.RenaultHistories;
import dev.tailor.datasets.retail.OnlineRetailInvoices;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.ParseMode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each reader against the counts verified independently in the dataset's PROVENANCE.md. Skipped (not
 * failed) where the shared datasets are not on the machine.
 */
class PublicDatasetsTest {
    private static Path folder(String name) {
        Optional<Path> path = DatasetPaths.dataset(name);
        assumeTrue(path.isPresent(), "dataset " + name + " is not available here");
        return path.get();
    }

    private static double totalAmount(EventLog log) {
        double sum = 0;
        for (int e = 0; e < log.size(); e++) {
            sum += log.amount(e);
        }
        return sum;
    }

    private static long totalQuantity(EventLog log) {
        long sum = 0;
        for (int e = 0; e < log.size(); e++) {
            sum += log.quantity(e);
        }
        return sum;
    }

    @Test
    void movieLens100kHas100000RatingsBy943UsersOf1682MoviesWithGenres() {
        Dataset ml = MovieLens100k.read(folder(MovieLens100k.NAME));
        EventLog log = ml.events();
        assertEquals(100_000, log.size());
        assertEquals(943, log.customers().size());
        assertEquals(1682, log.items().size());
        assertEquals(1682, ml.catalog().size());
        int[] histogram = new int[6];
        for (int e = 0; e < log.size(); e++) {
            histogram[(int) log.rating(e)]++;
            assertEquals(EventKind.RATING, log.kind(e));
        }
        assertArrayEquals(new int[] {0, 6110, 11370, 27145, 34174, 21201}, histogram);
        int toyStory = log.items().find("1");
        assertEquals("Animation", ml.catalog().get(toyStory).category());
        assertEquals("Toy Story (1995)", ml.catalog().get(toyStory).attributes().get("title"));
        assertTrue(ml.catalog().get(log.items().find("543")).attributes().get("title").contains("Mis\u00e9rables"));
    }

    @Test
    void cdnowMasterHas23570CustomersAnd167881CdsWorth2500316Dollars() {
        Dataset master = Cdnow.readMaster(folder(Cdnow.NAME), ParseMode.STRICT);
        assertEquals(69_659, master.events().size());
        assertEquals(23_570, master.events().customers().size());
        assertEquals(167_881, totalQuantity(master.events()));
        assertEquals(2_500_316, totalAmount(master.events()), 1.0);
    }

    @Test
    void cdnowSampleHas2357CustomersAnd16479CdsWorth244092Dollars() {
        Dataset sample = Cdnow.readSample(folder(Cdnow.NAME), ParseMode.STRICT);
        assertEquals(6_919, sample.events().size());
        assertEquals(2_357, sample.events().customers().size());
        assertEquals(16_479, totalQuantity(sample.events()));
        assertEquals(244_092, totalAmount(sample.events()), 1.0);
        assertEquals("0001", sample.events().customers().externalId(sample.events().customer(0)));
    }

    @Test
    void onlineRetailKeepsThe22221InvoicesOf4372KnownCustomers() {
        Dataset retail = OnlineRetailInvoices.read(folder(OnlineRetailInvoices.NAME), ParseMode.STRICT);
        EventLog log = retail.events();
        // 25,943 rows; 3,722 have no customer ("(blank)") and are excluded, and the report says so.
        assertEquals(25_943 - 3_722, log.size());
        assertEquals(3_722, retail.reports().get(0).excluded());
        assertEquals(4_372, log.customers().size());
        int returns = 0;
        for (int e = 0; e < log.size(); e++) {
            if (log.kind(e) == EventKind.RETURN) {
                returns++;
            }
        }
        assertEquals(3_655, returns, "cancellations with a known customer (3,837 in all)");
    }

    @Test
    void groceriesHas38765PurchasesBy3898Members() {
        Dataset groceries = Groceries.read(folder(Groceries.NAME), ParseMode.STRICT);
        assertEquals(38_765, groceries.events().size());
        assertEquals(3_898, groceries.events().customers().size());
        // 167 names in the file; names that differ only by a trailing blank are one item here.
        assertTrue(groceries.events().items().size() <= 167 && groceries.events().items().size() >= 160,
                "items: " + groceries.events().items().size());
    }

    @Test
    void renaultFilteredHistoriesAndFoldsHaveThePublishedShapes() {
        Path renault = folder(RenaultHistories.NAME);
        ConfigurationHistory medium = RenaultHistories.readFiltered(renault, "medium", ParseMode.STRICT);
        assertEquals(8_252, medium.size());
        assertEquals(44, medium.variables().size());
        assertEquals(8_252, RenaultHistories.readFolds(renault, "medium").length);
        ConfigurationHistory big = RenaultHistories.readFiltered(renault, "big", ParseMode.STRICT);
        assertEquals(8_337, big.size());
        assertEquals(87, big.variables().size());
        assertEquals(8_562, RenaultHistories.readFolds(renault, "big").length);
        assertEquals(44, medium.toConfigurations().get(0).choices().size());
    }

    @Test
    void renaultRawHistoriesWeightRowsBySalesCounts() {
        Path renault = folder(RenaultHistories.NAME);
        ConfigurationHistory small = RenaultHistories.readRaw(renault, "small", ParseMode.STRICT);
        assertEquals(15_972, small.size());
        assertEquals(48, small.variables().size());
        assertEquals(27_088, small.sales());
        ConfigurationHistory medium = RenaultHistories.readRaw(renault, "medium", ParseMode.STRICT);
        assertEquals(9_151, medium.size());
        assertEquals(14_786, medium.sales());
        IngestException strict = assertThrows(IngestException.class,
                () -> RenaultHistories.readRaw(renault, "big", ParseMode.STRICT));
        assertEquals("v190", strict.problem().column());
        // 11 rows of big hold a date ("02/01/14") in v190, one sale each: lenient mode skips and reports them.
        ConfigurationHistory big = RenaultHistories.readRaw(renault, "big", ParseMode.LENIENT);
        assertEquals(8_526 - 11, big.size());
        assertEquals(11, big.report().skipped());
        assertEquals(87, big.variables().size());
        assertEquals(17_715 - 11, big.sales());
    }
}
