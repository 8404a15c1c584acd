package dev.tailor.recommend.kit;

import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * What every trained model carries besides its own parameters: its name, the id indexes and weighting
 * policy of its training data, the training history (owned items, known customers) and the popularity
 * order short lists are filled from. Written first in every model file.
 *
 * @param name the model's name
 * @param customers the training data's customer index
 * @param items the training data's item index
 * @param policy the weighting policy of the training matrix
 * @param history the training matrix by customer
 * @param popularityOrder item ids, most popular first
 */
public record ModelBasis(String name, IdIndex customers, IdIndex items, WeightingPolicy policy, SparseMatrix history,
        int[] popularityOrder) {

    /** The largest stored pair weight a file may hold, in size. */
    static final float MAX_PAIR_WEIGHT = 1e15f;

    /** Validates that the pieces fit together. */
    public ModelBasis {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(popularityOrder, "popularityOrder");
        // The model's own ids: ingesting more events into the log's index cannot reach them.
        customers = customers.frozenCopy();
        items = items.frozenCopy();
        if (popularityOrder.length != history.columns()) {
            throw new IllegalArgumentException("popularity order has " + popularityOrder.length + " items, the history "
                    + history.columns());
        }
        boolean[] listed = new boolean[popularityOrder.length];
        for (int item : popularityOrder) {
            if (item < 0 || item >= listed.length || listed[item]) {
                throw new IllegalArgumentException("popularity order must list each of the " + listed.length
                        + " items once, found " + item + " out of range or twice");
            }
            listed[item] = true;
        }
    }

    /** The basis of a model trained on this matrix. */
    public static ModelBasis of(String name, InteractionMatrix matrix) {
        return new ModelBasis(name, matrix.customers(), matrix.items(), matrix.policy(), matrix.byCustomer(),
                Selection.popularityOrder(matrix.byItem()));
    }

    /** Number of items the model ranks. */
    public int itemCount() {
        return history.columns();
    }

    /** Whether the customer has training history (otherwise the model gives its cold-start answer). */
    public boolean knows(int customer) {
        return customer >= 0 && customer < history.rows() && history.rowLength(customer) > 0;
    }

    /** Writes the basis. */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeUTF(name);
        customers.writeTo(out);
        items.writeTo(out);
        policy.writeTo(out);
        history.writeTo(out);
        ArrayCodec.writeInts(popularityOrder, out);
    }

    /** Reads a basis written by {@link #writeTo}. @throws IOException if it is truncated or inconsistent */
    public static ModelBasis readFrom(DataInputStream in) throws IOException {
        String name = in.readUTF();
        IdIndex customers = IdIndex.readFrom(in);
        IdIndex items = IdIndex.readFrom(in);
        WeightingPolicy policy = WeightingPolicy.readFrom(in);
        SparseMatrix history = SparseMatrix.readFrom(in);
        int[] popularity = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        for (int p = 0; p < history.nonZeros(); p++) {
            float weight = history.value(p);
            // A stored pair weight is a (log-scaled) sum of event weights: anything near the float range is damage, and
            // would overflow the scoring it feeds.
            if (!(Math.abs(weight) <= MAX_PAIR_WEIGHT)) {
                throw new IOException("model " + name + ": a history weight of " + weight + " (at most " + MAX_PAIR_WEIGHT
                        + " in size)");
            }
        }
        if (history.columns() > items.size() || history.rows() > customers.size()) {
            throw new IOException("model " + name + ": the history (" + history + ") is larger than the id indexes ("
                    + customers.size() + " customers, " + items.size() + " items)");
        }
        try {
            return new ModelBasis(name, customers, items, policy, history, popularity);
        } catch (IllegalArgumentException e) {
            throw new IOException("model " + name + ": " + e.getMessage(), e);
        }
    }
}
