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
}
