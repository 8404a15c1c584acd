package dev.tailor.datasets.renault;

import dev.tailor.data.Configuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.tailor.ingest.IngestReport;

/**
 * A sales history of configurations of one product, as integer codes: row {@code r} chose value
 * {@code rows[r][v]} for variable {@code variables.get(v)} and was sold {@code weights[r]} times.
 *
 * @param product the product's name, e.g. {@code "renault-medium"}
 * @param variables variable names in column order
 * @param rows one int array per row, one value code per variable ({@code -1} where a variable does not
 *     apply, in the Renault coding)
 * @param weights how many sales each row stands for (1 for histories with one row per sale)
 * @param report what the reader read and skipped
 */
public record ConfigurationHistory(String product, List<String> variables, int[][] rows, int[] weights,
        IngestReport report) {

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
        for (int[] row : rows) {
            if (row.length != variables.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values for " + variables.size() + " variables");
            }
        }
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

    /** The rows as configuration records (anonymous, undated), values as their decimal codes. */
    public List<Configuration> toConfigurations() {
        List<Configuration> configurations = new ArrayList<>(rows.length);
        for (int[] row : rows) {
            Map<String, String> choices = new LinkedHashMap<>();
            for (int v = 0; v < row.length; v++) {
                choices.put(variables.get(v), Integer.toString(row[v]));
            }
            configurations.add(new Configuration(null, product, null, choices));
        }
        return configurations;
    }
}
