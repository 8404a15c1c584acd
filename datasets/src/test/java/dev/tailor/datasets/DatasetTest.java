package dev.tailor.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static final Instant T = Instant.parse("2017-06-01T00:00:00Z");

    private static Event rent(String customer, String item, long days, String size) {
        return new Event(customer, item, T.plusSeconds(86_400 * days), EventKind.RENT, 1, 0, Double.NaN, FitFeedback.FITS, size);
    }

    @Test
    void sizesTakenBeforeTheCutStandInForStockAndLaterOnesDoNot() {
        EventLog.Builder log = EventLog.builder();
        List.of(rent("a", "dress", 0, "4"), rent("b", "dress", 1, "8"), rent("c", "dress", 10, "12"),
                rent("a", "gown", 2, "6"), rent("b", "stocked", 3, "M")).forEach(log::add);
        EventLog events = log.build();
        Catalog.Builder catalog = Catalog.builder(events.items());
        catalog.add(new CatalogItem("dress", "dress", Double.NaN, Map.of(), Set.of()));
        catalog.add(new CatalogItem("gown", "gown", Double.NaN, Map.of(), Set.of()));
        catalog.add(new CatalogItem("stocked", "top", 20, Map.of(), Set.of("S", "L")));
        int itemsBefore = events.items().size();
        Dataset dataset = new Dataset("rentals", events, catalog.build(), List.of());

        Dataset sized = dataset.withSizesTakenBefore(T.plusSeconds(86_400 * 5));
        Catalog c = sized.catalog();
        assertEquals(Set.of("4", "8"), c.get(c.items().find("dress")).sizesInStock(), "the rental after the cut is not seen");
        assertEquals(Set.of("6"), c.get(c.items().find("gown")).sizesInStock());
        assertEquals(Set.of("S", "L"), c.get(c.items().find("stocked")).sizesInStock(), "listed stock is kept");
        assertEquals(Set.of("4", "8", "12"), dataset.withSizesTakenBefore(null).catalog().get(c.items().find("dress")).sizesInStock());
        assertEquals(itemsBefore, events.items().size(), "no index grew");
        assertSame(dataset, dataset.withSizesTakenBefore(T), "nothing taken before: the same dataset");
    }
}
