package dev.tailor.matrix;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import java.util.Arrays;
import java.util.Objects;

/**
 * Customer × item evidence, with its item × customer transpose, over the dense ids of an event log.
 *
 * <p>Dimensions are the sizes of the log's id indexes when the matrix was built, so customers and items
 * with no evidence (for example those seen only in a test period) have empty rows.
 *
 * <p>Thread-safety: immutable.
 */
public final class InteractionMatrix {
    private final IdIndex customers;
    private final IdIndex items;
    private final SparseMatrix byCustomer;
    private final SparseMatrix byItem;
    private final WeightingPolicy policy;

    private InteractionMatrix(IdIndex customers, IdIndex items, SparseMatrix byCustomer, WeightingPolicy policy) {
        this.customers = customers;
        this.items = items;
        this.byCustomer = byCustomer;
        this.byItem = byCustomer.transpose();
        this.policy = policy;
    }

    /**
     * Builds the matrix from a log.
     *
     * <p>Cost: O(events + customers + items) plus sorting each customer's events by item.
     */
    public static InteractionMatrix build(EventLog log, WeightingPolicy policy) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(policy, "policy");
        int customerCount = log.customers().size();
        int itemCount = log.items().size();
        int n = log.size();

        long asOf;
        if (policy.asOf().isPresent()) {
            asOf = policy.asOf().get().getEpochSecond();
        } else {
            asOf = n == 0 ? 0 : log.maxEpochSecond();
        }
        boolean cutAtAsOf = policy.asOf().isPresent();
        int returnOrdinal = EventKind.RETURN.ordinal();

        // Counting sort of events by customer: bucket[customerStart[c] .. customerStart[c+1]) holds c's events.
        int[] customerStart = new int[customerCount + 1];
        for (int e = 0; e < n; e++) {
            customerStart[log.customer(e) + 1]++;
        }
        for (int c = 0; c < customerCount; c++) {
            customerStart[c + 1] += customerStart[c];
        }
        int[] fill = Arrays.copyOf(customerStart, customerCount);
        int[] bucket = new int[n];
        for (int e = 0; e < n; e++) {
            bucket[fill[log.customer(e)]++] = e;
        }

        int[] rowPointers = new int[customerCount + 1];
        int[] columns = new int[Math.min(n, 1 << 20)];
        float[] values = new float[columns.length];
        int nnz = 0;
        long[] keys = new long[16];
        for (int c = 0; c < customerCount; c++) {
            int from = customerStart[c];
            int to = customerStart[c + 1];
            int len = to - from;
            if (keys.length < len) {
                keys = new long[Math.max(len, keys.length * 2)];
            }
            for (int i = 0; i < len; i++) {
                int e = bucket[from + i];
                keys[i] = ((long) log.item(e) << 32) | e;
            }
            Arrays.sort(keys, 0, len);
            int i = 0;
            while (i < len) {
                int item = (int) (keys[i] >>> 32);
                double sum = 0;
                boolean any = false;
                while (i < len && (int) (keys[i] >>> 32) == item) {
                    int e = (int) keys[i];
                    i++;
                    long time = log.epochSecond(e);
                    if (cutAtAsOf && time > asOf) {
                        continue;
                    }
                    int kind = log.kindOrdinal(e);
                    sum += policy.contribution(kind, kind == returnOrdinal && log.fit(e).isBadFit(), time, asOf);
                    any = true;
                }
                if (any && sum != 0.0) {
                    if (nnz == columns.length) {
                        columns = Arrays.copyOf(columns, Math.max(16, (int) Math.min(n, columns.length * 2L)));
                        values = Arrays.copyOf(values, columns.length);
                    }
                    columns[nnz] = item;
                    values[nnz] = (float) policy.scale(sum);
                    nnz++;
                }
            }
            rowPointers[c + 1] = nnz;
        }
        SparseMatrix matrix = new SparseMatrix(customerCount, itemCount, rowPointers,
                Arrays.copyOf(columns, nnz), Arrays.copyOf(values, nnz));
        return new InteractionMatrix(log.customers(), log.items(), matrix, policy);
    }

    /**
     * Wraps a ready customer × item matrix (for adapters that bring their own weights).
     *
     * @throws IllegalArgumentException if its dimensions exceed the indexes
     */
    public static InteractionMatrix of(IdIndex customers, IdIndex items, SparseMatrix byCustomer, WeightingPolicy policy) {
        if (byCustomer.rows() > customers.size() || byCustomer.columns() > items.size()) {
            throw new IllegalArgumentException("matrix " + byCustomer + " is larger than the indexes ("
                    + customers.size() + " customers, " + items.size() + " items)");
        }
        return new InteractionMatrix(customers, items, byCustomer, policy);
    }

    /** The customer index (row ids). */
    public IdIndex customers() {
        return customers;
    }

    /** The item index (column ids). */
    public IdIndex items() {
        return items;
    }

    /** Number of customer rows. */
    public int customerCount() {
        return byCustomer.rows();
    }

    /** Number of item columns. */
    public int itemCount() {
        return byCustomer.columns();
    }

    /** Customer × item, CSR. */
    public SparseMatrix byCustomer() {
        return byCustomer;
    }

    /** Item × customer, CSR (the transpose). */
    public SparseMatrix byItem() {
        return byItem;
    }

    /** The policy the weights came from. */
    public WeightingPolicy policy() {
        return policy;
    }

    /**
     * The items a customer has evidence for (any sign), ascending; empty for a customer beyond the
     * matrix (one first seen after it was built).
     */
    public int[] itemsOf(int customer) {
        if (customer < 0 || customer >= byCustomer.rows()) {
            return new int[0];
        }
        return byCustomer.rowColumns(customer);
    }

    @Override
    public String toString() {
        return "InteractionMatrix[" + customerCount() + " customers x " + itemCount() + " items, "
                + byCustomer.nonZeros() + " pairs]";
    }
}
