package dev.tailor.datasets.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Configuration;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.ingest.ParseMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopGeneratorTest {
    private static final GeneratedShop SHOP = ShopGenerator.builder().seed(7).customers(2_000).items(400).build().generate();

    @Test
    void sameSeedGivesIdenticalShopsWhateverTheThreadsAndAnotherSeedDiffers() {
        GeneratedShop one = ShopGenerator.builder().seed(7).customers(300).items(100).threads(1).build().generate();
        GeneratedShop two = ShopGenerator.builder().seed(7).customers(300).items(100).threads(2).build().generate();
        GeneratedShop other = ShopGenerator.builder().seed(8).customers(300).items(100).build().generate();
        assertEquals(one.events().size(), two.events().size());
        for (int e = 0; e < one.events().size(); e++) {
            assertEquals(one.events().event(e), two.events().event(e));
        }
        assertEquals(one.configurations(), two.configurations());
        assertNotEquals(one.events().size(), other.events().size());
    }

    @Test
    void eventVolumeScalesWithCustomers() {
        double perCustomer = SHOP.events().size() / 2_000.0;
        assertTrue(perCustomer > 60 && perCustomer < 140, "events per customer: " + perCustomer);
        for (EventKind kind : EventKind.values()) {
            int count = 0;
            for (int e = 0; e < SHOP.events().size(); e++) {
                if (SHOP.events().kind(e) == kind) {
                    count++;
                }
            }
            assertTrue(count > 0, "no " + kind + " events");
        }
    }

    @Test
    void badFitReturnsComeExactlyFromSizesOtherThanTheTrueOne() {
        EventLog log = SHOP.events();
        GroundTruth truth = SHOP.truth();
        int badFit = 0;
        for (int e = 0; e < log.size(); e++) {
            String size = log.sizeLabel(e);
            if (size == null || log.kind(e) != EventKind.RETURN) {
                continue;
            }
            String trueSize = size.matches("\\d+") ? truth.shoeSize()[log.customer(e)] : truth.apparelSize()[log.customer(e)];
            FitFeedback fit = log.fit(e);
            if (fit.isBadFit()) {
                badFit++;
                assertNotEquals(trueSize, size);
                boolean smaller = size.matches("\\d+") ? Integer.parseInt(size) < Integer.parseInt(trueSize)
                        : List.of(ShopGenerator.APPAREL_SIZES).indexOf(size) < List.of(ShopGenerator.APPAREL_SIZES).indexOf(trueSize);
                assertEquals(smaller ? FitFeedback.TOO_SMALL : FitFeedback.TOO_LARGE, fit);
            } else {
                assertEquals(trueSize, size);
            }
        }
        assertTrue(badFit > 100, "bad-fit returns: " + badFit);
    }

    @Test
    void consumableIntervalsFollowEachCustomersTrueCycle() {
        EventLog log = SHOP.events();
        GroundTruth truth = SHOP.truth();
        int socks = truth.consumableCategories().indexOf("socks");
        List<Double> ratios = new ArrayList<>();
        long[] last = new long[log.customers().size()];
        int[] lastQuantity = new int[log.customers().size()];
        for (int e = 0; e < log.size(); e++) {
            int c = log.customer(e);
            String category = SHOP.catalog().has(log.item(e)) ? SHOP.catalog().get(log.item(e)).category() : "";
            if (log.kind(e) != EventKind.PURCHASE || !category.equals("socks") || Double.isNaN(truth.cycleDays()[c][socks])) {
                continue;
            }
            if (last[c] != 0) {
                double days = (log.epochSecond(e) - last[c]) / 86_400.0;
                ratios.add(days / (truth.cycleDays()[c][socks] * lastQuantity[c]));
            }
            last[c] = log.epochSecond(e);
            lastQuantity[c] = log.quantity(e);
        }
        ratios.sort(null);
        double median = ratios.get(ratios.size() / 2);
        assertTrue(ratios.size() > 500, "intervals: " + ratios.size());
        assertTrue(Math.abs(median - 1.0) < 0.05, "median interval / (true cycle x quantity) = " + median);
    }

    @Test
    void shirtOrdersRespectTheRulesAndMostlyRepeatFavourites() {
        int agree = 0;
        int total = 0;
        for (Configuration order : SHOP.configurations()) {
            assertTrue(ShirtOptions.isValid(order.choices()), "invalid order " + order);
            int customer = SHOP.events().customers().find(order.customer());
            var favourites = SHOP.truth().shirtFavorites().get(customer);
            for (var choice : order.choices().entrySet()) {
                total++;
                if (choice.getValue().equals(favourites.get(choice.getKey()))) {
                    agree++;
                }
            }
        }
        double share = agree / (double) total;
        assertTrue(share > 0.75 && share < 0.95, "share of choices equal to the favourite: " + share);
    }

    @Test
    void writtenEventsReadBackIdentically(@TempDir Path dir) throws IOException {
        GeneratedShop small = ShopGenerator.builder().seed(3).customers(50).items(40).build().generate();
        small.writeCsv(dir);
        EventLog.Builder target = EventLog.builder();
        ShopFiles.readEvents(dir.resolve(ShopFiles.EVENTS), ParseMode.STRICT, target);
        EventLog back = target.build();
        assertEquals(small.events().size(), back.size());
        for (int e = 0; e < back.size(); e++) {
            assertEquals(small.events().event(e), back.event(e));
        }
        assertTrue(Files.readAllLines(dir.resolve(ShopFiles.CONFIGURATIONS)).size() > 1);
        assertTrue(Files.readAllLines(dir.resolve(ShopFiles.CATALOG)).size() == small.catalog().size() + 1);
    }
}
