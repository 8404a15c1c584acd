package dev.tailor.datasets.groceries;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.csv.EventCsvReader;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The Kaggle "Groceries dataset" (Dedhia 2020; item vocabulary of Hahsler et al.'s arules Groceries):
 * {@code Member_number,Date(dd-MM-yyyy),itemDescription}, one row per item bought.
 *
 * <p>Each row becomes a {@link EventKind#PURCHASE}. Item names are stripped of surrounding blanks, so
 * {@code "cream cheese "} and {@code "cream cheese"} are one item. The member ids and dates were probably
 * assigned when the Kaggle version was built: treat the timing as semi-synthetic.
 */
public final class Groceries {
    /** The folder name under the datasets root. */
    public static final String NAME = "groceries";

    private Groceries() {
    }

    /** Reads {@code Groceries_dataset.csv}. */
    public static Dataset read(Path folder, ParseMode mode) {
        EventColumns columns = EventColumns.builder().customer("Member_number").item("itemDescription")
                .time("Date", TimeFormat.pattern("dd-MM-yyyy", ZoneOffset.UTC)).constantKind(EventKind.PURCHASE).build();
        EventLog.Builder events = EventLog.builder().expectedSize(38_765);
        IngestReport report = EventCsvReader.builder().columns(columns).mode(mode).build()
                .read(folder.resolve("Groceries_dataset.csv"), events);
        EventLog log = events.build();
        return new Dataset(NAME, log, Catalog.builder(log.items()).build(), List.of(report));
    }
}
