package dev.tailor.fit;

import java.util.Arrays;

/**
 * Training's cells of (row, key) pairs — an item's sizes, a customer's categories — as they are counted: arrays of
 * doubles keyed by {@link Cells#pair}, with open addressing on the packed pair. A {@code HashMap<Long, …>} would hold
 * the same, but a {@code Long} hashes to {@code row ^ key}: pairs of small dense ids collide in long chains, and on
 * RentTheRunway a quarter of the fit model's training time went to searching them. Not thread-safe for adding; reads
 * of a table no longer added to are.
 */
final class PairTable {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] pairs;
    private double[][] values;
    private int size;
    private int shift;

    PairTable() {
        allocate(16);
    }

    /** The cell of a pair, or null. */
    double[] get(long pair) {
        for (int slot = slot(pair); ; slot = (slot + 1) & (values.length - 1)) {
            if (values[slot] == null) {
                return null;
            }
            if (pairs[slot] == pair) {
                return values[slot];
            }
        }
    }

    /** The cell of a pair, added as {@code width} zeros if absent. */
    double[] getOrAdd(long pair, int width) {
        int slot = slot(pair);
        for (; values[slot] != null; slot = (slot + 1) & (values.length - 1)) {
            if (pairs[slot] == pair) {
                return values[slot];
            }
        }
        double[] cell = new double[width];
        pairs[slot] = pair;
        values[slot] = cell;
        if (++size * 2 > values.length) {
            grow();
        }
        return cell;
    }

    int size() {
        return size;
    }

    /** Every pair held, ascending (rows first, then keys). */
    long[] sortedPairs() {
        long[] held = new long[size];
        int at = 0;
        for (int slot = 0; slot < values.length; slot++) {
            if (values[slot] != null) {
                held[at++] = pairs[slot];
            }
        }
        Arrays.sort(held);
        return held;
    }

    private int slot(long pair) {
        return (int) ((pair * GOLDEN) >>> shift);
    }

    private void allocate(int capacity) {
        pairs = new long[capacity];
        values = new double[capacity][];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private void grow() {
        long[] oldPairs = pairs;
        double[][] oldValues = values;
        allocate(values.length * 2);
        for (int slot = 0; slot < oldValues.length; slot++) {
            if (oldValues[slot] != null) {
                int to = slot(oldPairs[slot]);
                while (values[to] != null) {
                    to = (to + 1) & (values.length - 1);
                }
                pairs[to] = oldPairs[slot];
                values[to] = oldValues[slot];
            }
        }
    }
}
