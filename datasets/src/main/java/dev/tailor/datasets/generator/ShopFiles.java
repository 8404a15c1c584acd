package dev.tailor.datasets.generator;

import dev.tailor.data.CatalogItem;
import java.util.List;

import dev.tailor.data.EventLog;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventCsvReader;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import java.nio.file.Path;

/** The file names a generated shop is written under, and the mapping to read its events back. */
public final class ShopFiles {
    /** Events: {@code customer,item,time,kind,quantity,amount,rating,fit,size}, ISO-8601 times. */
    public static final String EVENTS = "events.csv";
    /** Catalog: {@code item,category,price,sizes_in_stock,colour}, sizes separated by {@code ;}. */
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

    /**
     * Reads a catalog file: a header with {@code item} and {@code category} columns, optionally
     * {@code price} (a decimal number) and {@code sizes_in_stock} (sizes separated by {@code ;}); every
     * other column becomes an attribute. This is what {@code tailor generate} writes to {@link #CATALOG}.
     * Items are added to {@code items}, so a catalog read before the events shares their dense ids.
     *
     * @return the catalog and what was read and skipped
     * @throws dev.tailor.ingest.IngestException in strict mode at the first bad line; in either mode if the
     *     file is missing, damaged or lacks the item or category column
     */
    public static CatalogRead readCatalog(Path file, ParseMode mode, dev.tailor.data.IdIndex items) {
        java.util.List<dev.tailor.ingest.IngestProblem> problems = new java.util.ArrayList<>();
        java.util.List<java.util.List<String>> header = new java.util.ArrayList<>();
        dev.tailor.data.Catalog.Builder catalog = dev.tailor.data.Catalog.builder(items);
        long[] added = new long[1];
        String source = file.toString();
        java.util.function.Consumer<dev.tailor.ingest.IngestProblem> reject = problem -> {
            if (mode == ParseMode.STRICT) {
                throw new dev.tailor.ingest.IngestException(problem);
            }
            problems.add(problem);
        };
        long records = dev.tailor.internal.DelimitedRecords.read(file, ',', mode, reject, columns -> {
            for (String required : java.util.List.of("item", "category")) {
                if (!columns.contains(required)) {
                    throw new dev.tailor.ingest.IngestException(new dev.tailor.ingest.IngestProblem(source, 1, required,
                            String.join(",", columns), "a catalog header with item and category columns"));
                }
            }
            header.add(columns);
            return columns.size();
        }, (line, fields) -> {
            java.util.List<String> columns = header.get(0);
            String item = fields.get(columns.indexOf("item")).strip();
            String category = fields.get(columns.indexOf("category")).strip();
            int priceColumn = columns.indexOf("price");
            String priceText = priceColumn < 0 ? "" : fields.get(priceColumn).strip();
            if (priceText.isEmpty() ? false : !dev.tailor.internal.DecimalText.isDecimal(priceText)) {
                reject.accept(new dev.tailor.ingest.IngestProblem(source, line, "price", priceText, "a price such as 19.99"));
                return;
            }
            java.util.Map<String, String> attributes = new java.util.HashMap<>();
            java.util.Set<String> sizes = new java.util.HashSet<>();
            for (int c = 0; c < columns.size(); c++) {
                String name = columns.get(c);
                String value = fields.get(c).strip();
                if (name.equals("sizes_in_stock")) {
                    for (String size : value.split(";")) {
                        if (!size.isBlank()) {
                            sizes.add(size.strip());
                        }
                    }
                } else if (!List.of("item", "category", "price").contains(name) && !value.isEmpty()) {
                    attributes.put(name, value);
                }
            }
            try {
                String invalid = dev.tailor.data.IdIndex.problemWith(item);
                if (invalid != null) {
                    throw new IllegalArgumentException(invalid);
                }
                catalog.add(new CatalogItem(item, category, priceText.isEmpty() ? 0.0 : Double.parseDouble(priceText),
                        attributes, sizes));
                added[0]++;
            } catch (IllegalArgumentException e) {
                reject.accept(new dev.tailor.ingest.IngestProblem(source, line, "item", item, "a catalog entry ("
                        + e.getMessage() + ")"));
            }
        });
        IngestReport report = new IngestReport(source, records, added[0], problems.size(), 0,
                problems.subList(0, Math.min(problems.size(), IngestReport.MAX_EXAMPLES)));
        return new CatalogRead(catalog.build(), report);
    }

    /**
     * A catalog and its reading report.
     *
     * @param catalog the items read
     * @param report what was read and skipped
     */
    public record CatalogRead(dev.tailor.data.Catalog catalog, IngestReport report) {
    }

    /** Reads an events file in the default layout into {@code target}. */
    public static IngestReport readEvents(Path file, ParseMode mode, EventLog.Builder target) {
        return EventCsvReader.builder().columns(EVENT_COLUMNS).mode(mode).build().read(file, target);
    }
}
