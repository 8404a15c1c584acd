package dev.tailor.ingest.csv;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.IdIndex;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.DelimitedRecords;
import dev.tailor.internal.DecimalText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a shop's catalog from CSV, with the same record reader, limits, strict and lenient modes and problem
 * reports as {@link EventCsvReader}.
 *
 * <p>Thread-safety: stateless.
 */
public final class CatalogCsvReader {
    private CatalogCsvReader() {
    }

    /**
     * A catalog and its reading report.
     *
     * @param catalog the items read
     * @param report what was read and skipped
     */
    public record Result(Catalog catalog, IngestReport report) {
    }

    /**
     * Reads a catalog file: a header with {@code item} and {@code category} columns, optionally
     * {@code price} (a decimal number) and {@code sizes_in_stock} (sizes separated by {@code ;}); every
     * other column becomes an attribute; an empty or missing price is unknown (NaN: shown as none, in no price band).
     * This is what {@code tailor generate} writes to {@code catalog.csv}.
     * Items are added to {@code items}, so a catalog read before the events shares their dense ids.
     *
     * @param file the CSV file
     * @param mode strict stops at the first bad line; lenient skips it and reports it
     * @param items the index the items join (the event log's, to share its dense ids)
     * @return the catalog and what was read and skipped
     * @throws IngestException in strict mode at the first bad line; in either mode if the
     *     file is missing, damaged or lacks the item or category column
     */
    public static Result read(Path file, ParseMode mode, IdIndex items) {
        List<IngestProblem> problems = new ArrayList<>();
        List<List<String>> header = new ArrayList<>();
        Catalog.Builder catalog = Catalog.builder(items);
        long[] added = new long[1];
        String source = file.toString();
        Consumer<IngestProblem> reject = problem -> {
            if (mode == ParseMode.STRICT) {
                throw new IngestException(problem);
            }
            problems.add(problem);
        };
        long records = DelimitedRecords.read(file, ',', mode, reject, columns -> {
            for (String required : List.of("item", "category")) {
                if (!columns.contains(required)) {
                    throw new IngestException(new IngestProblem(source, 1, required,
                            String.join(",", columns), "a catalog header with item and category columns"));
                }
            }
            header.add(columns);
            return columns.size();
        }, (line, fields) -> {
            List<String> columns = header.get(0);
            String item = fields.get(columns.indexOf("item")).strip();
            String category = fields.get(columns.indexOf("category")).strip();
            int priceColumn = columns.indexOf("price");
            String priceText = priceColumn < 0 ? "" : fields.get(priceColumn).strip();
            if (priceText.isEmpty() ? false : !DecimalText.isDecimal(priceText)) {
                reject.accept(new IngestProblem(source, line, "price", priceText, "a price such as 19.99"));
                return;
            }
            Map<String, String> attributes = new HashMap<>();
            Set<String> sizes = new HashSet<>();
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
                String invalid = IdIndex.problemWith(item);
                if (invalid != null) {
                    throw new IllegalArgumentException(invalid);
                }
                catalog.add(new CatalogItem(item, category, priceText.isEmpty() ? Double.NaN : Double.parseDouble(priceText),
                        attributes, sizes));
                added[0]++;
            } catch (IllegalArgumentException e) {
                reject.accept(new IngestProblem(source, line, "item", item, "a catalog entry ("
                        + e.getMessage() + ")"));
            }
        });
        IngestReport report = new IngestReport(source, records, added[0], problems.size(), 0,
                problems.subList(0, Math.min(problems.size(), IngestReport.MAX_EXAMPLES)));
        return new Result(catalog.build(), report);
    }
}
