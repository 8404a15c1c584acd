package dev.tailor.configure;

import dev.tailor.data.Configuration;
import dev.tailor.ingest.IngestReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * A sales history of configurations of one product, as integer value codes: row {@code r} chose value
 * {@code rows[r][v]} for variable {@code variables.get(v)} and stands for {@code weights[r]} sales.
 * Histories of made-to-measure orders also say who ordered and when; anonymous, undated histories (the
 * Renault ones) have {@code null} there. Immutable: the arrays given are copied, the array accessors hand out
 * copies, and {@link #row}, {@link #weight}, {@link #customer} and {@link #time} read one row's entries.
 *
 * @param product the product's name, e.g. {@code "renault-medium"}
 * @param variables variable names in column order
 * @param rows one int array per row, one value code per variable ({@code -1} where a variable does not
 *     apply, in the Renault coding)
 * @param weights how many sales each row stands for (1 for histories with one row per sale)
 * @param customers per row the customer's id, or {@code null} for an anonymous history
 * @param times per row when it was ordered, or {@code null} for an undated history
 * @param report what the reader read and skipped
 */
public record ConfigurationHistory(String product, List<String> variables, int[][] rows, int[] weights,
        String[] customers, Instant[] times, IngestReport report) {

    /** Validates shapes. */
    public ConfigurationHistory {
        Objects.requireNonNull(product, "product");
        variables = List.copyOf(variables);
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(report, "report");
        if (rows.length != weights.length) {
            throw new IllegalArgumentException("rows and weights differ in length: " + rows.length + " vs " + weights.length);
        }
        if (customers != null && customers.length != rows.length || times != null && times.length != rows.length) {
            throw new IllegalArgumentException("customers and times, when given, need one entry per row");
        }
        for (int[] row : rows) {
            if (row.length != variables.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values for " + variables.size() + " variables");
            }
        }
        for (int w : weights) {
            if (w <= 0) {
                throw new IllegalArgumentException("weights must be positive, got " + w);
            }
        }
        rows = deepCopy(rows);
        weights = weights.clone();
        customers = customers == null ? null : customers.clone();
        times = times == null ? null : times.clone();
    }

    private static int[][] deepCopy(int[][] rows) {
        int[][] copy = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            copy[r] = rows[r].clone();
        }
        return copy;
    }

    /** The rows (a copy). */
    @Override
    public int[][] rows() {
        return deepCopy(rows);
    }

    /** The weights (a copy). */
    @Override
    public int[] weights() {
        return weights.clone();
    }

    /** The customers (a copy), or null for an anonymous history. */
    @Override
    public String[] customers() {
        return customers == null ? null : customers.clone();
    }

    /** The times (a copy), or null for an undated history. */
    @Override
    public Instant[] times() {
        return times == null ? null : times.clone();
    }

    /** Row {@code r}'s value codes (a copy). */
    public int[] row(int r) {
        return rows[r].clone();
    }

    /** How many sales row {@code r} stands for. */
    public int weight(int r) {
        return weights[r];
    }

    /** Who ordered row {@code r}. @throws IllegalStateException for an anonymous history */
    public String customer(int r) {
        if (customers == null) {
            throw new IllegalStateException("history '" + product + "' is anonymous");
        }
        return customers[r];
    }

    /** When row {@code r} was ordered. @throws IllegalStateException for an undated history */
    public Instant time(int r) {
        if (times == null) {
            throw new IllegalStateException("history '" + product + "' is undated");
        }
        return times[r];
    }

    /** Whether the rows say who ordered them. */
    public boolean hasCustomers() {
        return customers != null;
    }

    /** Whether the rows say when they were ordered. */
    public boolean hasTimes() {
        return times != null;
    }

    // The arrays themselves, for this package's algorithms, which only read them.

    int[][] rowArray() {
        return rows;
    }

    int[] weightArray() {
        return weights;
    }

    String[] customerArray() {
        return customers;
    }

    Instant[] timeArray() {
        return times;
    }

    /** An anonymous, undated history. */
    public ConfigurationHistory(String product, List<String> variables, int[][] rows, int[] weights, IngestReport report) {
        this(product, variables, rows, weights, null, null, report);
    }

    /**
     * The orders of one product among configuration records, coded by the product's value labels, one
     * row of weight 1 per order, with customers and times.
     *
     * @throws IllegalArgumentException naming the order (position, customer) and attribute when a choice is
     *     missing or not a value of the product
     */
    public static ConfigurationHistory of(ConfigurableProduct product, List<Configuration> orders) {
        List<int[]> rows = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        int position = 0;
        int otherProducts = 0;
        for (Configuration order : orders) {
            position++;
            if (!order.product().equals(product.name())) {
                otherProducts++;
                continue;
            }
            int[] row = new int[product.size()];
            for (int v = 0; v < product.size(); v++) {
                String attribute = product.variables().get(v);
                String label = order.choices().get(attribute);
                if (label == null) {
                    throw new IllegalArgumentException("order " + position + " (customer " + order.customer() + ") of "
                            + product.name() + " has no value for " + attribute);
                }
                row[v] = product.valueOf(v, label);
                if (row[v] == ConfigurableProduct.UNSET) {
                    throw new IllegalArgumentException("order " + position + " (customer " + order.customer() + ") of "
                            + product.name() + ": '" + label + "' is not a value of " + attribute);
                }
            }
            rows.add(row);
            customers.add(order.customer());
            times.add(order.time());
        }
        int[] weights = new int[rows.size()];
        Arrays.fill(weights, 1);
        boolean dated = times.stream().allMatch(Objects::nonNull);
        boolean known = customers.stream().allMatch(Objects::nonNull);
        return new ConfigurationHistory(product.name(), product.variables(), rows.toArray(int[][]::new), weights,
                known ? customers.toArray(String[]::new) : null, dated ? times.toArray(Instant[]::new) : null,
                new IngestReport("orders of " + product.name(), orders.size(), rows.size(), 0, otherProducts, List.of()));
    }

    /** The number of rows. */
    public int size() {
        return rows.length;
    }

    /** The total number of sales (sum of weights). */
    public long sales() {
        long total = 0;
        for (int w : weights) {
            total += w;
        }
        return total;
    }

    /** The rows whose index the filter keeps, with their weights, customers and times. */
    public ConfigurationHistory select(IntPredicate keep) {
        int[] kept = IntStream.range(0, rows.length).filter(keep).toArray();
        return new ConfigurationHistory(product, variables, Arrays.stream(kept).mapToObj(r -> rows[r]).toArray(int[][]::new),
                Arrays.stream(kept).map(r -> weights[r]).toArray(),
                customers == null ? null : Arrays.stream(kept).mapToObj(r -> customers[r]).toArray(String[]::new),
                times == null ? null : Arrays.stream(kept).mapToObj(r -> times[r]).toArray(Instant[]::new), report);
    }

    /** The rows as configuration records, values as their decimal codes. */
    public List<Configuration> toConfigurations() {
        List<Configuration> configurations = new ArrayList<>(rows.length);
        for (int r = 0; r < rows.length; r++) {
            Map<String, String> choices = new LinkedHashMap<>();
            for (int v = 0; v < rows[r].length; v++) {
                choices.put(variables.get(v), Integer.toString(rows[r][v]));
            }
            configurations.add(new Configuration(customers == null ? null : customers[r], product,
                    times == null ? null : times[r], choices));
        }
        return configurations;
    }
}
