package dev.tailor.datasets.orders;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.DelimitedRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads configuration orders from a comma-separated file with a header: a {@code customer} column, an
 * optional {@code time} column (ISO-8601 instant or date), an optional {@code product} column, and one
 * column per attribute; values may be quoted as in RFC 4180 ({@code "linen, washed"}). This is the format
 * {@code tailor generate} writes to {@code configurations.csv}.
 *
 * <p>With a product, its variables must all be columns and every value must be one of its values (by
 * label or decimal code); without one, each attribute's values are the labels seen, in order of first
 * appearance, with no constraints. Strict mode fails on the first bad line (in file order) naming file,
 * line, column and value; lenient mode skips bad lines and reports them.
 */
public final class OrderCsvReader {
    private OrderCsvReader() {
    }

    /**
     * The orders and the product they configure.
     *
     * @param product the given product, or the one inferred from the file
     * @param history one row per order, with customers (and times when the file has them)
     */
    public record Orders(ConfigurableProduct product, ConfigurationHistory history) {
    }

    /**
     * The attribute columns of an orders file (every header column but customer, time and product), from
     * its header alone.
     *
     * @throws IngestException if the file is missing, empty or its header cannot be read
     */
    public static List<String> attributes(Path file) {
        return DelimitedRecords.header(file, ',').stream()
                .filter(h -> !h.equals("customer") && !h.equals("time") && !h.equals("product")).toList();
    }

    /**
     * Reads orders.
     *
     * @param product the product the orders configure, or null to infer attributes and values from the file
     * @param productName with a product column, only rows of this product are read (others are counted as
     *     excluded); null reads all rows
     */
    public static Orders read(Path file, ConfigurableProduct product, String productName, ParseMode mode) {
        List<String[]> fields = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<IngestProblem> problems = new ArrayList<>();
        List<List<String>> headerHolder = new ArrayList<>();
        long[] counts = new long[2]; // records, excluded
        String source = file.toString();
        // Problems are collected in both modes and the first in file order is thrown for strict mode below,
        // after the values are checked too; the CSV itself is read by the core's one parser.
        long seen = DelimitedRecords.read(file, ',', ParseMode.LENIENT, problems::add, columns -> {
            if (!columns.contains("customer")) {
                throw new IngestException(new IngestProblem(source, 1, "customer", String.join(",", columns),
                        "a header with a customer column"));
            }
            headerHolder.add(columns);
            return columns.size();
        }, (line, values) -> {
            List<String> header = headerHolder.get(0);
            if (values.size() != header.size()) {
                problems.add(new IngestProblem(source, line, null, null,
                        header.size() + " comma-separated fields, found " + values.size()));
                return;
            }
            int productColumn = header.indexOf("product");
            if (productColumn >= 0 && productName != null && !values.get(productColumn).strip().equals(productName)) {
                counts[1]++;
                return;
            }
            fields.add(values.toArray(String[]::new));
            lines.add(line);
        });
        long records = seen;
        long excluded = counts[1];
        List<String> header = headerHolder.get(0);
        int customerColumn = header.indexOf("customer");
        int timeColumn = header.indexOf("time");
        List<String> attributes = header.stream().filter(h -> !h.equals("customer") && !h.equals("time") && !h.equals("product")).toList();
        if (product == null) {
            Map<String, List<String>> domains = new LinkedHashMap<>();
            for (String attribute : attributes) {
                int column = header.indexOf(attribute);
                domains.put(attribute, fields.stream().map(f -> f[column].strip()).filter(v -> !v.isEmpty()).distinct().toList());
                if (domains.get(attribute).isEmpty()) {
                    throw new IngestException(new IngestProblem(source, 1, attribute, "", "at least one value in the column"));
                }
            }
            product = ConfigurableProduct.labelled(productName != null ? productName : file.getFileName().toString(), domains, List.of());
        }
        int[] columnOf = new int[product.size()];
        for (int v = 0; v < product.size(); v++) {
            columnOf[v] = header.indexOf(product.variables().get(v));
            if (columnOf[v] < 0) {
                throw new IngestException(new IngestProblem(source, 1, product.variables().get(v), String.join(",", header),
                        "a column for every variable of " + product.name()));
            }
        }
        List<int[]> rows = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        records:
        for (int i = 0; i < fields.size(); i++) {
            String[] f = fields.get(i);
            int[] row = new int[product.size()];
            for (int v = 0; v < row.length; v++) {
                String raw = f[columnOf[v]].strip();
                row[v] = product.valueOf(v, raw);
                if (row[v] == ConfigurableProduct.UNSET) {
                    IngestProblem problem = new IngestProblem(source, lines.get(i), product.variables().get(v), raw,
                            "a value of " + product.variables().get(v));
                    problems.add(problem);
                    continue records;
                }
            }
            String customer = f[customerColumn].strip();
            if (customer.isEmpty()) {
                IngestProblem problem = new IngestProblem(source, lines.get(i), "customer", "", "a customer id");
                problems.add(problem);
                continue;
            }
            Instant time = null;
            if (timeColumn >= 0) {
                time = parseTime(f[timeColumn].strip());
                if (time == null) {
                    IngestProblem problem = new IngestProblem(source, lines.get(i), "time", f[timeColumn],
                            "an ISO-8601 instant (2024-03-01T10:00:00Z) or date (2024-03-01)");
                    problems.add(problem);
                    continue;
                }
            }
            rows.add(row);
            customers.add(customer);
            times.add(time);
        }
        // problems are found in two passes (shape, then values): report them in file order
        problems.sort(java.util.Comparator.comparingLong(IngestProblem::line));
        if (mode == ParseMode.STRICT && !problems.isEmpty()) {
            throw new IngestException(problems.get(0));
        }
        int[] weights = new int[rows.size()];
        Arrays.fill(weights, 1);
        IngestReport report = new IngestReport(source, records, rows.size(), problems.size(), excluded,
                problems.subList(0, Math.min(problems.size(), IngestReport.MAX_EXAMPLES)));
        return new Orders(product, new ConfigurationHistory(product.name(), product.variables(), rows.toArray(int[][]::new),
                weights, customers.toArray(String[]::new), timeColumn >= 0 ? times.toArray(Instant[]::new) : null, report));
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
