package dev.tailor.replenish;

import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(size);
        for (int p = 0; p < size; p++) {
            out.writeInt(customer[p]);
            out.writeInt(key[p]);
            out.writeInt(purchases[p]);
            out.writeInt(intervals[p]);
            out.writeDouble(sumY[p]);
            out.writeDouble(sumY2[p]);
            out.writeLong(lastDay[p]);
            out.writeInt(lastQuantity[p]);
            out.writeInt(lastItem[p]);
            out.writeBoolean(returnedLast[p]);
            out.writeDouble(lastInterval[p]);
            out.writeBoolean(lastSize[p] != null);
            if (lastSize[p] != null) {
                out.writeUTF(lastSize[p]);
            }
        }
    }

    /**
     * Reads a table, checking every field against the indexes and the order {@link #freeze} needs
     * (customer, then key, strictly increasing).
     */
    static PairTable readFrom(DataInputStream in, int customers, int keys, int items) throws IOException {
        int n = in.readInt();
        // Each pair takes at least 58 bytes.
        ArrayCodec.requireBytes(in, n < 0 ? Long.MAX_VALUE : 58L * n, n + " customer-key pairs");
        PairTable table = new PairTable(customers);
        long minDay = Math.floorDiv(EventLog.MIN_EPOCH_SECOND, 86_400L);
        long maxDay = Math.floorDiv(EventLog.MAX_EPOCH_SECOND, 86_400L);
        long previous = -1;
        for (int p = 0; p < n; p++) {
            int c = in.readInt();
            int k = in.readInt();
            int purchases = in.readInt();
            int intervals = in.readInt();
            double sumY = in.readDouble();
            double sumY2 = in.readDouble();
            long day = in.readLong();
            int quantity = in.readInt();
            int item = in.readInt();
            boolean returned = in.readBoolean();
            double lastInterval = in.readDouble();
            String size = in.readBoolean() ? in.readUTF() : null;
            long order = ((long) c << 21) | k;
            boolean valid = c >= 0 && c < customers && k >= 0 && k < keys && order > previous && purchases >= 1
                    && intervals >= 0 && intervals < purchases && Double.isFinite(sumY) && Double.isFinite(sumY2)
                    && Math.abs(sumY) < 1e9 && sumY2 >= 0 && sumY2 < 1e12 && day >= minDay && day <= maxDay
                    && quantity >= 1 && item >= 0 && item < items && (Double.isNaN(lastInterval)
                            || (lastInterval > 0 && lastInterval < 4e6))
                    && (size == null || IdIndex.problemWith(size) == null);
            if (!valid) {
                throw new IOException("replenishment pairs: pair " + p + " is out of range or out of order");
            }
            previous = order;
            table.add(c, k, purchases, intervals, sumY, sumY2, day, quantity, item, size, returned, lastInterval);
        }
        return table.freeze();
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
