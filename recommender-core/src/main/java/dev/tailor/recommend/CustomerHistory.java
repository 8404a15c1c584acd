package dev.tailor.recommend;

import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.IdIndex;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One customer's items and weights — what an engine scores from. A model hands out the snapshot it was
 * trained on ({@link Recommender#history(int)}); a service adds what happened since with {@link #plus}
 * and passes the result to {@link Recommender#recommend(CustomerHistory, int, Exclusions)}, so an event
 * recorded a moment ago changes the next answer without retraining, at the cost of this customer's items.
 *
 * <p>Items are dense ids of the model's item index, kept ascending and distinct; a weight may be zero or
 * negative (a returned item: owned, but no evidence for it).
 *
 * <p>Thread-safety: immutable.
 */
public final class CustomerHistory {
    private static final CustomerHistory EMPTY = new CustomerHistory(new int[0], new float[0]);

    private final int[] items;
    private final float[] weights;

    private CustomerHistory(int[] items, float[] weights) {
        this.items = items;
        this.weights = weights;
    }

    /** A history without items (a customer seen for the first time). */
    public static CustomerHistory empty() {
        return EMPTY;
    }

    /**
     * A history of these items and weights, in any order; weights of a repeated item are added up.
     *
     * @throws IllegalArgumentException if the lengths differ, an item is negative or a weight not finite
     */
    public static CustomerHistory of(int[] items, float[] weights) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(weights, "weights");
        if (items.length != weights.length) {
            throw new IllegalArgumentException("items and weights differ in length: " + items.length + " vs "
                    + weights.length);
        }
        long[] keyed = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            if (items[i] < 0) {
                throw new IllegalArgumentException("item ids must be >= 0, found " + items[i]);
            }
            if (!Float.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight of item " + items[i] + " is not finite: " + weights[i]);
            }
            keyed[i] = ((long) items[i] << 32) | i;
        }
        Arrays.sort(keyed);
        int[] sortedItems = new int[items.length];
        float[] sortedWeights = new float[items.length];
        int size = 0;
        for (long key : keyed) {
            int item = (int) (key >>> 32);
            float weight = weights[(int) key];
            if (size > 0 && sortedItems[size - 1] == item) {
                sortedWeights[size - 1] += weight;
            } else {
                sortedItems[size] = item;
                sortedWeights[size] = weight;
                size++;
            }
        }
        return new CustomerHistory(Arrays.copyOf(sortedItems, size), Arrays.copyOf(sortedWeights, size));
    }

    /** A customer's row of a matrix by customer (empty for a row the matrix does not have). */
    public static CustomerHistory ofRow(SparseMatrix matrix, int customer) {
        if (customer < 0 || customer >= matrix.rows() || matrix.rowLength(customer) == 0) {
            return EMPTY;
        }
        int from = matrix.rowStart(customer);
        int length = matrix.rowLength(customer);
        int[] items = new int[length];
        float[] weights = new float[length];
        for (int p = 0; p < length; p++) {
            items[p] = matrix.column(from + p);
            weights[p] = matrix.value(from + p);
        }
        return new CustomerHistory(items, weights);
    }

    /**
     * This history with {@code weight} added to an item's stored weight (the item is added when it is new), as it
     * is: no log scaling, no decay. To fold in events as retraining would weigh them, use {@link #withEvents}.
     *
     * @throws IllegalArgumentException if the item is negative or the weight not finite
     */
    public CustomerHistory plus(int item, float weight) {
        if (item < 0) {
            throw new IllegalArgumentException("item ids must be >= 0, was " + item);
        }
        if (!Float.isFinite(weight)) {
            throw new IllegalArgumentException("weight of item " + item + " is not finite: " + weight);
        }
        int at = Arrays.binarySearch(items, item);
        if (at >= 0) {
            float[] changed = weights.clone();
            changed[at] += weight;
            return new CustomerHistory(items, changed);
        }
        int insert = -at - 1;
        int[] moreItems = new int[items.length + 1];
        float[] moreWeights = new float[items.length + 1];
        System.arraycopy(items, 0, moreItems, 0, insert);
        System.arraycopy(weights, 0, moreWeights, 0, insert);
        moreItems[insert] = item;
        moreWeights[insert] = weight;
        System.arraycopy(items, insert, moreItems, insert + 1, items.length - insert);
        System.arraycopy(weights, insert, moreWeights, insert + 1, items.length - insert);
        return new CustomerHistory(moreItems, moreWeights);
    }

    /**
     * This history (a model's training snapshot of one customer) with events since training folded in exactly as
     * retraining on the training events plus these would weigh them: each pair's stored weight is turned back into
     * its sum of contributions ({@link dev.tailor.matrix.WeightingPolicy#sumOf}), moved to the new reference time when the policy
     * decays, the events' contributions are added ({@link dev.tailor.matrix.WeightingPolicy#contribution}: kind weight, bad-fit
     * returns, decay) and the sum is stored again ({@link dev.tailor.matrix.WeightingPolicy#pairWeight}); a pair whose sum becomes 0
     * is dropped, as training drops it. A fourth rental of an item therefore weighs {@code log2(5)} by default, and
     * a return marked as a bad fit changes nothing.
     *
     * <p>The reference time of decay is the later of the policy's as-of time and the latest event's. Events of items
     * the index does not hold (or beyond {@code itemCount}) are left out: the model cannot score them.
     *
     * @param events the customer's events since training, any order
     * @param itemIndex the model's item index
     * @param itemCount the number of items the model scores
     * @param policy the model's weighting policy
     * @throws IllegalStateException if the policy decays but has no as-of time (the snapshot's reference is unknown)
     */
    public CustomerHistory withEvents(List<Event> events, IdIndex itemIndex,
            int itemCount, WeightingPolicy policy) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return this;
        }
        if (policy.halfLife().isPresent() && policy.asOf().isEmpty()) {
            throw new IllegalStateException("the model's weighting policy decays without an as-of time, so its snapshot's "
                    + "reference time is unknown; train with WeightingPolicy.builder().asOf(cut)");
        }
        long snapshotSecond = policy.asOf().map(Instant::getEpochSecond).orElse(Long.MIN_VALUE);
        long reference = snapshotSecond;
        for (Event event : events) {
            reference = Math.max(reference, event.time().getEpochSecond());
        }
        double factor = policy.halfLife().isPresent() ? policy.decayBetween(snapshotSecond, reference) : 1;
        TreeMap<Integer, Double> changed = new TreeMap<>();
        int returnOrdinal = EventKind.RETURN.ordinal();
        for (Event event : events) {
            int item = itemIndex.find(event.item());
            if (item < 0 || item >= itemCount) {
                continue;
            }
            int kind = event.kind().ordinal();
            double contribution = policy.contribution(kind, kind == returnOrdinal && event.fit().isBadFit(),
                    event.time().getEpochSecond(), reference);
            changed.merge(item, contribution, Double::sum);
        }
        if (changed.isEmpty() && factor == 1) {
            return this;
        }
        int[] outItems = new int[this.items.length + changed.size()];
        float[] outWeights = new float[outItems.length];
        int size = 0;
        int i = 0;
        Iterator<Map.Entry<Integer, Double>> next = changed.entrySet().iterator();
        Map.Entry<Integer, Double> pending = next.hasNext() ? next.next() : null;
        while (i < this.items.length || pending != null) {
            int item;
            double sum;
            boolean touched;
            if (pending == null || i < this.items.length && this.items[i] < pending.getKey()) {
                item = this.items[i];
                sum = policy.sumOf(weights[i]) * factor;
                touched = factor != 1;
                if (!touched) {
                    outItems[size] = item;
                    outWeights[size++] = weights[i];
                    i++;
                    continue;
                }
                i++;
            } else {
                item = pending.getKey();
                sum = pending.getValue();
                if (i < this.items.length && this.items[i] == item) {
                    sum += policy.sumOf(weights[i]) * factor;
                    i++;
                }
                pending = next.hasNext() ? next.next() : null;
            }
            if (sum != 0) {
                outItems[size] = item;
                outWeights[size++] = (float) policy.pairWeight(sum);
            }
        }
        return new CustomerHistory(Arrays.copyOf(outItems, size), Arrays.copyOf(outWeights, size));
    }

    /** The number of distinct items. */
    public int size() {
        return items.length;
    }

    /** Whether there are no items. */
    public boolean isEmpty() {
        return items.length == 0;
    }

    /** The item at a position (ascending ids). */
    public int item(int position) {
        return items[position];
    }

    /** The weight at a position. */
    public float weight(int position) {
        return weights[position];
    }

    /** Whether the history holds the item (with any weight). */
    public boolean contains(int item) {
        return Arrays.binarySearch(items, item) >= 0;
    }

    /** Whether any item has positive weight: evidence an engine can score from. */
    public boolean hasEvidence() {
        for (float weight : weights) {
            if (weight > 0) {
                return true;
            }
        }
        return false;
    }


    /** A copy of the item ids, ascending. */
    public int[] items() {
        return items.clone();
    }

    /** A copy of the weights, in the order of {@link #items()}. */
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerHistory h && Arrays.equals(items, h.items) && Arrays.equals(weights, h.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "CustomerHistory[" + items.length + " items]";
    }
}
