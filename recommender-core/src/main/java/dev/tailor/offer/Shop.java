package dev.tailor.offer;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import java.util.Arrays;

/**
 * The event log and catalog the offers answer from, with each customer's events in time order: what the
 * sources and rules read about a customer without scanning the log.
 */
final class Shop {
    final EventLog log;
    final Catalog catalog;
    final AttributeSignatures signatures;
    /** Events of customer c are positions[start[c] .. start[c + 1]), oldest first. */
    private final int[] start;
    private final int[] positions;

    Shop(EventLog log, Catalog catalog) {
        this.log = log;
        this.catalog = catalog;
        this.signatures = new AttributeSignatures(catalog);
        int customers = log.customers().size();
        start = new int[customers + 1];
        for (int e = 0; e < log.size(); e++) {
            start[log.customer(e) + 1]++;
        }
        for (int c = 0; c < customers; c++) {
            start[c + 1] += start[c];
        }
        positions = new int[log.size()];
        int[] next = Arrays.copyOf(start, customers);
        for (int e : log.orderByTime()) {
            positions[next[log.customer(e)]++] = e;
        }
    }

    /** The customer's events, oldest first (empty for -1). */
    int[] eventsOf(int customer) {
        return customer < 0 ? new int[0] : Arrays.copyOfRange(positions, start[customer], start[customer + 1]);
    }

    /** Whether an event is evidence of taking the item: a rental, purchase or wear. */
    static boolean isTaking(EventKind kind) {
        return kind == EventKind.RENT || kind == EventKind.PURCHASE || kind == EventKind.WEAR;
    }
}
