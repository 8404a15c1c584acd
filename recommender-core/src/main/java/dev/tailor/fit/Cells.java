package dev.tailor.fit;

import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Values for (row, key) pairs — an item's sizes, a customer's categories — stored row by row with keys
 * sorted, {@code width} doubles per cell. Lookups are a binary search in one short row.
 */
final class Cells {
    final int width;
    final int[] rowStart;
    final int[] key;
    final double[] values;

    private Cells(int width, int[] rowStart, int[] key, double[] values) {
        this.width = width;
        this.rowStart = rowStart;
        this.key = key;
        this.values = values;
    }

    static long pair(int row, int key) {
        return ((long) row << 32) | (key & 0xffffffffL);
    }

    /** Cells from a table of {@link #pair} → values (each of length {@code width}); rows ≥ every row used. */
    static Cells of(PairTable cells, int rows, int width) {
        long[] pairs = cells.sortedPairs();
        int[] rowStart = new int[rows + 1];
        int[] key = new int[pairs.length];
        double[] values = new double[pairs.length * width];
        for (int p = 0; p < pairs.length; p++) {
            int row = (int) (pairs[p] >>> 32);
            rowStart[row + 1]++;
            key[p] = (int) pairs[p];
            System.arraycopy(cells.get(pairs[p]), 0, values, p * width, width);
        }
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        return new Cells(width, rowStart, key, values);
    }

    int rows() {
        return rowStart.length - 1;
    }

    /** The cell index of (row, key), or -1. */
    int find(int row, int k) {
        if (row < 0 || row >= rows()) {
            return -1;
        }
        int found = Arrays.binarySearch(key, rowStart[row], rowStart[row + 1], k);
        return found >= 0 ? found : -1;
    }

    double value(int cell, int j) {
        return values[cell * width + j];
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(width);
        out.writeInt(rows());
        out.writeInt(key.length);
        for (int s : rowStart) {
            out.writeInt(s);
        }
        for (int k : key) {
            out.writeInt(k);
        }
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static Cells readFrom(DataInputStream in, int maxRows, int maxKey) throws IOException {
        int width = FitModelFormat.checkedLength(in.readInt(), 64, "cell width");
        int rows = FitModelFormat.checkedLength(in.readInt(), maxRows, "cell rows");
        int n = FitModelFormat.checkedLength(in.readInt(), (1 << 27) / Math.max(1, width), "cells");
        ArrayCodec.requireBytes(in, 4L * (rows + 1) + 4L * n + 8L * n * width, rows + " rows of " + n + " cells");
        int[] rowStart = new int[rows + 1];
        for (int r = 0; r <= rows; r++) {
            rowStart[r] = in.readInt();
            if (r > 0 ? rowStart[r] < rowStart[r - 1] : rowStart[r] != 0) {
                throw new IOException("cell rows are not in order");
            }
        }
        if (rowStart[rows] != n) {
            throw new IOException("cell rows do not add up to " + n + " cells");
        }
        int[] key = new int[n];
        for (int p = 0; p < n; p++) {
            key[p] = in.readInt();
            if (key[p] < 0 || key[p] >= maxKey) {
                throw new IOException("cell key " + key[p] + " is outside [0, " + maxKey + ")");
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int p = rowStart[r] + 1; p < rowStart[r + 1]; p++) {
                if (key[p] <= key[p - 1]) {
                    throw new IOException("cell keys of row " + r + " are not sorted");
                }
            }
        }
        double[] values = new double[n * width];
        for (int p = 0; p < values.length; p++) {
            values[p] = in.readDouble();
            if (!(Math.abs(values[p]) <= FitModelFormat.MAX_STORED_MAGNITUDE)) {
                throw new IOException("a cell value is not a finite number within ±" + FitModelFormat.MAX_STORED_MAGNITUDE);
            }
        }
        return new Cells(width, rowStart, key, values);
    }
}
