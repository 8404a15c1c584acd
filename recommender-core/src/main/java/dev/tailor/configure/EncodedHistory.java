package dev.tailor.configure;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A history's distinct configurations as value positions with summed weights, and for every (column,
 * value) the bit set of the distinct configurations that have it: what every completion method reads.
 */
final class EncodedHistory {
    final String product;
    /** The values of all columns together, their squares summed, and the most of any column: what tables cost. */
    final long totalValues;
    final long squaredValues;
    final int largestDomain;
    final List<String> variables;
    final int columns;
    /** values[c]: the codes seen in column c, ascending. */
    final int[][] values;
    /** rows[r][c]: position in values[c] of distinct configuration r. */
    final int[][] rows;
    final double[] weights;
    final double total;
    /** withValue[c][p]: bit set over distinct configurations having value position p in column c. */
    final long[][][] withValue;
    /** counts[c][p]: total weight of value position p in column c. */
    final double[][] counts;
    final int words;

    EncodedHistory(ConfigurationHistory history) {
        this(history.product(), history.variables(), history.rowArray(), Arrays.stream(history.weightArray()).asDoubleStream().toArray());
    }

    /**
     * From rows of value codes and their positive weights (a history's orders, or a saved model's distinct
     * configurations: either gives the same encoding).
     */
    EncodedHistory(String product, List<String> variables, int[][] codeRows, double[] codeWeights) {
        if (codeRows.length == 0) {
            throw new IllegalArgumentException(product + ": the history has no configurations to learn from");
        }
        this.product = product;
        this.variables = List.copyOf(variables);
        columns = variables.size();
        values = new int[columns][];
        for (int c = 0; c < columns; c++) {
            int column = c;
            values[c] = Arrays.stream(codeRows).mapToInt(row -> row[column]).distinct().sorted().toArray();
        }
        Map<IntKey, Integer> distinct = new HashMap<>();
        int[][] encoded = new int[codeRows.length][];
        double[] summed = new double[codeRows.length];
        int count = 0;
        for (int r = 0; r < codeRows.length; r++) {
            int[] row = new int[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = Arrays.binarySearch(values[c], codeRows[r][c]);
            }
            Integer id = distinct.putIfAbsent(new IntKey(row), count);
            if (id == null) {
                id = count++;
                encoded[id] = row;
            }
            summed[id] += codeWeights[r];
        }
        rows = Arrays.copyOf(encoded, count);
        weights = Arrays.copyOf(summed, count);
        total = Arrays.stream(weights).sum();
        words = (count + 63) / 64;
        long valueCount = 0;
        long squares = 0;
        int widest = 0;
        for (int[] column : values) {
            valueCount += column.length;
            squares += (long) column.length * column.length;
            widest = Math.max(widest, column.length);
        }
        totalValues = valueCount;
        squaredValues = squares;
        largestDomain = widest;
        requireWithinBudget(product, "value bitsets", 8L * totalValues * words);
        withValue = new long[columns][][];
        counts = new double[columns][];
        for (int c = 0; c < columns; c++) {
            withValue[c] = new long[values[c].length][words];
            counts[c] = new double[values[c].length];
            for (int r = 0; r < count; r++) {
                int p = rows[r][c];
                withValue[c][p][r >>> 6] |= 1L << r;
                counts[c][p] += weights[r];
            }
        }
    }

    /**
     * The most memory the tables of one completion model may take (its value bitsets, naive Bayes's conditional
     * tables, the Chow-Liu tree's pairwise information): far above what real products need (Renault's largest,
     * a few MiB), and what keeps a small crafted file from taking gigabytes to load.
     */
    static final long MAX_TABLE_BYTES = 256L << 20;

    /** @throws IllegalArgumentException naming the product and the tables, if they would take more than the budget */
    static void requireWithinBudget(String product, String tables, long bytes) {
        if (bytes > MAX_TABLE_BYTES) {
            throw new IllegalArgumentException(product + ": its " + tables + " would take " + (bytes >> 20) + " MiB, more "
                    + "than the " + (MAX_TABLE_BYTES >> 20) + " MiB a completion model may use (too many variables or "
                    + "values for its configurations)");
        }
    }

    int size() {
        return rows.length;
    }

    /** The position of a code in a column's values, or -1 if the history never showed it. */
    int position(int column, int code) {
        int p = Arrays.binarySearch(values[column], code);
        return p >= 0 ? p : -1;
    }

    void checkPartial(int[] partial) {
        if (partial.length != columns) {
            throw new IllegalArgumentException("partial configuration has " + partial.length + " entries for " + columns
                    + " variables");
        }
    }

    static double[] normalized(double[] scores) {
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        if (sum <= 0) {
            Arrays.fill(scores, 1.0 / scores.length);
        } else {
            for (int i = 0; i < scores.length; i++) {
                scores[i] /= sum;
            }
        }
        return scores;
    }

    /** An int array compared by content. */
    private record IntKey(int[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IntKey key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
