package dev.tailor.replenish;

import java.util.Arrays;

/**
 * Per (customer, key) sufficient statistics, in columns, sorted by customer then key; customer c's pairs
 * are {@code [customerStart[c], customerStart[c+1])}.
 */
final class PairTable {
    int size;
    int[] customer = new int[1024];
    int[] key = new int[1024];
    int[] purchases = new int[1024];
    int[] intervals = new int[1024];
    double[] sumY = new double[1024];
    double[] sumY2 = new double[1024];
    long[] lastDay = new long[1024];
    int[] lastQuantity = new int[1024];
    int[] lastItem = new int[1024];
    String[] lastSize = new String[1024];
    boolean[] returnedLast = new boolean[1024];
    double[] lastInterval = new double[1024];
    int[] customerStart;
    private final int customers;

    PairTable(int customers) {
        this.customers = customers;
    }

    void add(int c, int k, int p, int m, double sy, double sy2, long day, int q, int item, String sizeLabel,
            boolean returned, double lastIntervalDays) {
        if (size == customer.length) {
            int n = size * 2;
            customer = Arrays.copyOf(customer, n);
            key = Arrays.copyOf(key, n);
            purchases = Arrays.copyOf(purchases, n);
            intervals = Arrays.copyOf(intervals, n);
            sumY = Arrays.copyOf(sumY, n);
            sumY2 = Arrays.copyOf(sumY2, n);
            lastDay = Arrays.copyOf(lastDay, n);
            lastQuantity = Arrays.copyOf(lastQuantity, n);
            lastItem = Arrays.copyOf(lastItem, n);
            lastSize = Arrays.copyOf(lastSize, n);
            returnedLast = Arrays.copyOf(returnedLast, n);
            lastInterval = Arrays.copyOf(lastInterval, n);
        }
        customer[size] = c;
        key[size] = k;
        purchases[size] = p;
        intervals[size] = m;
        sumY[size] = sy;
        sumY2[size] = sy2;
        lastDay[size] = day;
        lastQuantity[size] = q;
        lastItem[size] = item;
        lastSize[size] = sizeLabel;
        returnedLast[size] = returned;
        lastInterval[size] = lastIntervalDays;
        size++;
    }

    /** The interval between the pair's last two purchases, in days (NaN with fewer than two). */
    double lastIntervalDays(int p) {
        return intervals[p] == 0 ? Double.NaN : lastInterval[p];
    }

    PairTable freeze() {
        customerStart = new int[customers + 1];
        for (int p = 0; p < size; p++) {
            customerStart[customer[p] + 1]++;
        }
        for (int c = 0; c < customers; c++) {
            customerStart[c + 1] += customerStart[c];
        }
        return this;
    }
}
