package dev.tailor.offer;

import java.io.IOException;

/** Feature standardization of the learned offer sources. */
final class Standardize {
    private Standardize() {
    }

    /** Column means and standard deviations (1 for a constant column), ignoring NaN (a feature not known). */
    static void fit(double[][] rows, double[] mean, double[] scale) {
        Moments moments = new Moments(mean.length);
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                moments.add(j, row[j]);
            }
        }
        moments.finish(mean, scale);
    }

    /** Running sums of each column's known values, for rows held in any layout. */
    static final class Moments {
        private final double[] sum;
        private final double[] squares;
        private final long[] known;

        Moments(int columns) {
            sum = new double[columns];
            squares = new double[columns];
            known = new long[columns];
        }

        void add(int column, double value) {
            if (!Double.isNaN(value)) {
                sum[column] += value;
                squares[column] += value * value;
                known[column]++;
            }
        }

        /** The means, and the standard deviations (1 for a constant or unknown column). */
        void finish(double[] mean, double[] scale) {
            for (int j = 0; j < sum.length; j++) {
                mean[j] = known[j] == 0 ? 0 : sum[j] / known[j];
                double variance = known[j] == 0 ? 0 : squares[j] / known[j] - mean[j] * mean[j];
                scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
            }
        }
    }

    /** z = (1, standardized row), a NaN feature at its mean (0). */
    static void row(double[] row, double[] mean, double[] scale, double[] z) {
        z[0] = 1;
        for (int j = 0; j < mean.length; j++) {
            z[j + 1] = Double.isNaN(row[j]) ? 0 : (row[j] - mean[j]) / scale[j];
        }
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
