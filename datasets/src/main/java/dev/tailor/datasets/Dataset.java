package dev.tailor.datasets;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventLog;
import dev.tailor.ingest.IngestReport;
import java.util.List;
import java.util.Objects;

/**
 * A dataset read into Tailor's model.
 *
 * @param name the dataset's name, e.g. {@code "movielens-100k"}
 * @param events its events
 * @param catalog what is known about its items (empty when the source has no item data)
 * @param reports what the readers read and skipped, one per source file
 */
public record Dataset(String name, EventLog events, Catalog catalog, List<IngestReport> reports) {

    /** Validates and copies. */
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(catalog, "catalog");
        reports = List.copyOf(reports);
    }

    /**
     * This dataset with the sizes its events name standing in for stock where the catalog lists none (RentTheRunway
     * has no stock data): an item without sizes in stock gets the sizes it was taken in before {@code until}, so
     * offers carry a size to send. Events at or after {@code until} are not looked at (an evaluation's cut keeps its
     * future out); null looks at all of them. Items the catalog lists sizes for keep them.
     */
    public Dataset withSizesTakenBefore(java.time.Instant until) {
        long before = until == null ? Long.MAX_VALUE : until.getEpochSecond();
        java.util.Map<Integer, java.util.Set<String>> taken = new java.util.HashMap<>();
        for (int e = 0; e < events.size(); e++) {
            if (events.epochSecond(e) < before && events.sizeLabel(e) != null) {
                taken.computeIfAbsent(events.item(e), i -> new java.util.TreeSet<>()).add(events.sizeLabel(e));
            }
        }
        if (taken.isEmpty()) {
            return this;
        }
        Catalog.Builder sized = Catalog.builder(catalog.items()); // the catalog's own ids: no index grows
        for (int item = 0; item < catalog.items().size(); item++) {
            if (!catalog.has(item)) {
                continue;
            }
            dev.tailor.data.CatalogItem entry = catalog.get(item);
            int inLog = events.items().find(entry.id());
            sized.add(entry.sizesInStock().isEmpty() && taken.containsKey(inLog)
                    ? new dev.tailor.data.CatalogItem(entry.id(), entry.category(), entry.price(), entry.attributes(),
                            taken.get(inLog))
                    : entry);
        }
        return new Dataset(name, events, sized.build(), reports);
    }
}
