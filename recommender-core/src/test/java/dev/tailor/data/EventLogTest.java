package dev.tailor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @Test
    void storesEveryFieldAndGivesItBackAsAValue() {
        Event rental = new Event("c1", "dress-9", Instant.parse("2024-05-01T10:00:00Z"), EventKind.RENT, 1, 49.90,
                Double.NaN, FitFeedback.NONE, "M");
        Event back = new Event("c1", "dress-9", Instant.parse("2024-05-04T09:30:00Z"), EventKind.RETURN, 1, 0,
                Double.NaN, FitFeedback.TOO_SMALL, "M");
        Event rating = new Event("c2", "jeans-1", Instant.parse("2024-05-02T00:00:00Z"), EventKind.RATING, 1, 0,
                4.5, FitFeedback.NONE, null);
        EventLog log = EventLog.builder().add(rental).add(back).add(rating).build();
        assertEquals(3, log.size());
        assertEquals(rental, log.event(0));
        assertEquals(back, log.event(1));
        assertEquals(rating, log.event(2));
        assertEquals(49.90, log.amount(0), 0.0);
        assertNull(log.sizeLabel(2));
        assertEquals(2, log.customers().size());
        assertEquals(2, log.items().size());
    }

    @Test
    void orderByTimeIsStableForEqualSeconds() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        EventLog log = EventLog.builder()
                .add(Event.of("a", "x", t.plusSeconds(5), EventKind.VIEW))
                .add(Event.of("b", "x", t, EventKind.VIEW))
                .add(Event.of("c", "x", t.plusSeconds(5), EventKind.VIEW))
                .add(Event.of("d", "x", t, EventKind.VIEW))
                .build();
        assertArrayEquals(new int[] {1, 3, 0, 2}, log.orderByTime());
    }

    @Test
    void selectKeepsTheSameIdIndexes() {
        EventLog log = EventLog.builder()
                .add(Event.of("a", "x", Instant.EPOCH, EventKind.VIEW))
                .add(Event.of("b", "y", Instant.EPOCH, EventKind.VIEW))
                .build();
        EventLog part = log.select(e -> log.customer(e) == 1);
        assertEquals(1, part.size());
        assertSame(log.customers(), part.customers());
        assertEquals("y", part.event(0).item());
    }

    @Test
    void builderNamesTheBadField() {
        EventLog.Builder builder = EventLog.builder();
        int c = builder.customers().idOf("c");
        int i = builder.items().idOf("i");
        IllegalArgumentException quantity = assertThrows(IllegalArgumentException.class,
                () -> builder.add(c, i, 0, EventKind.PURCHASE, -2, 0, Double.NaN, FitFeedback.NONE, null));
        assertTrue(quantity.getMessage().startsWith("quantity"), quantity.getMessage());
        IllegalArgumentException amount = assertThrows(IllegalArgumentException.class,
                () -> builder.add(c, i, 0, EventKind.PURCHASE, 1, 3e7, Double.NaN, FitFeedback.NONE, null));
        assertTrue(amount.getMessage().startsWith("amount"), amount.getMessage());
        IllegalArgumentException customer = assertThrows(IllegalArgumentException.class,
                () -> builder.add(5, i, 0, EventKind.PURCHASE, 1, 0, Double.NaN, FitFeedback.NONE, null));
        assertTrue(customer.getMessage().startsWith("customer"), customer.getMessage());
        builder.build();
        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void idIndexSurvivesSaveAndLoad(@TempDir Path dir) throws IOException {
        IdIndex index = IdIndex.of("z", "a", "ümlaut", "m");
        Path file = dir.resolve("customers.idx");
        index.save(file);
        IdIndex loaded = IdIndex.load(file);
        assertEquals(4, loaded.size());
        for (int i = 0; i < index.size(); i++) {
            assertEquals(index.externalId(i), loaded.externalId(i));
            assertEquals(i, loaded.find(index.externalId(i)));
        }
        assertEquals(-1, loaded.find("nope"));
    }
}
