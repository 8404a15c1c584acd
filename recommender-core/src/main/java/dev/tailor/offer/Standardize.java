package dev.tailor.offer;

import java.io.IOException;
import java.util.Arrays;

/** Feature standardization and ranking helpers of the learned offer sources. */
final class Standardize {
    private Standardize() {
    }

    /** Column means and standard deviations (1 for a constant column), ignoring NaN (a feature not known). */
    static void fit(double[][] rows, double[] mean, double[] scale) {
        int d = mean.length;
        double[] sum = new double[d];
        double[] squares = new double[d];
        long[] known = new long[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                if (!Double.isNaN(row[j])) {
                    sum[j] += row[j];
                    squares[j] += row[j] * row[j];
                    known[j]++;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = known[j] == 0 ? 0 : sum[j] / known[j];
            double variance = known[j] == 0 ? 0 : squares[j] / known[j] - mean[j] * mean[j];
            scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
    }

    /** z = (1, standardized row), a NaN feature at its mean (0). */
    static void row(double[] row, double[] mean, double[] scale, double[] z) {
        z[0] = 1;
        for (int j = 0; j < mean.length; j++) {
            z[j + 1] = Double.isNaN(row[j]) ? 0 : (row[j] - mean[j]) / scale[j];
        }
    }

    /** Indices by value, largest first, ties by index. */
    static int[] descending(double[] values) {
        int[] order = new int[values.length];
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> {
            int byValue = Double.compare(values[b], values[a]);
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        for (int i = 0; i < values.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    static void requireFinite(double[]... arrays) throws IOException {
        for (double[] array : arrays) {
            for (double v : array) {
                if (!Double.isFinite(v)) {
                    throw new IOException("a learned offer source holds a value that is not finite: " + v);
                }
            }
        }
    }
}
