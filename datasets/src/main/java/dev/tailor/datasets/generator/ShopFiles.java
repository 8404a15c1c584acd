package dev.tailor.datasets.generator;

import dev.tailor.data.EventLog;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.csv.EventCsvReader;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import java.nio.file.Path;

/** The file names a generated shop is written under, and the mapping to read its events back. */
public final class ShopFiles {
    /** Events: {@code customer,item,time,kind,quantity,amount,rating,fit,size}, ISO-8601 times. */
    public static final String EVENTS = "events.csv";
    /**
     * Catalog: {@code item,category,price,sizes_in_stock,colour}, sizes separated by {@code ;}; read by the core's
     * {@link dev.tailor.ingest.csv.CatalogCsvReader}.
     */
    public static final String CATALOG = "catalog.csv";
    /** Made-to-measure orders: {@code customer,product,time,<one column per attribute>}. */
    public static final String CONFIGURATIONS = "configurations.csv";
    /** True consumption cycles: {@code customer,category,true_cycle_days}. */
    public static final String TRUTH_CYCLES = "truth_cycles.csv";

    /** The column mapping of {@link #EVENTS}, which is also Tailor's documented default CSV layout. */
    public static final EventColumns EVENT_COLUMNS = EventColumns.builder()
            .customer("customer").item("item").time("time", TimeFormat.iso8601()).kind("kind")
            .quantity("quantity").amount("amount").rating("rating").fit("fit").size("size").build();

    private ShopFiles() {
    }

    /** Reads an events file in the default layout into {@code target}. */
    public static IngestReport readEvents(Path file, ParseMode mode, EventLog.Builder target) {
        return EventCsvReader.builder().columns(EVENT_COLUMNS).mode(mode).build().read(file, target);
    }
}
