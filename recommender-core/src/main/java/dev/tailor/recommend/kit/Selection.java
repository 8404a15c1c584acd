package dev.tailor.recommend.kit;

import dev.tailor.matrix.SparseMatrix;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import java.util.Arrays;
import java.util.Objects;

/**
 * The last step every engine shares: choose the top n items from its scores, leaving out the customer's
 * own items and the business filter during selection, and fill a short list from a popularity order
 * (the cold-start answer). For implementations of {@link dev.tailor.recommend.Recommender}; thread-safe (stateless).
 */
public final class Selection {
    private Selection() {
    }

    /**
     * Item ids ordered by the number of customers with positive evidence, most first (ties: lower id
     * first): the order short lists are filled from.
     */
    public static int[] popularityOrder(SparseMatrix byItem) {
        int items = byItem.rows();
        long[] keys = new long[items];
        for (int i = 0; i < items; i++) {
            int count = 0;
            for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                if (byItem.value(p) > 0) {
                    count++;
                }
            }
            // Descending count, then ascending id, in one primitive sort.
            keys[i] = ((long) (Integer.MAX_VALUE - count) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[items];
        for (int i = 0; i < items; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** Number of customers with positive evidence per item. */
    public static int[] popularity(SparseMatrix byItem) {
        int[] counts = new int[byItem.rows()];
        for (int i = 0; i < counts.length; i++) {
            for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                if (byItem.value(p) > 0) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }

    /**
     * Selects from a dense score per item, walking the customer's sorted history alongside, so owned
     * items cost one comparison each.
     */
    public static RecommendationList fromDense(int customer, int n, Exclusions exclusions, CustomerHistory history,
            float[] scores, int items) {
        TopN top = new TopN(n);
        int p = 0;
        int end = exclusions.excludesOwned() ? history.size() : 0;
        ItemFilter business = exclusions.businessFilter().orElse(null);
        for (int item = 0; item < items; item++) {
            float score = scores[item];
            if (score <= top.threshold()) {
                continue;
            }
            while (p < end && history.item(p) < item) {
                p++;
            }
            if (p < end && history.item(p) == item) {
                continue;
            }
            if (business != null && business.excludes(item)) {
                continue;
            }
            top.offer(item, score);
        }
        return top.drain(customer);
    }

    /**
     * Checks a request against a model: n not negative, every history item a dense id of the model.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void checkRequest(CustomerHistory history, int n, int itemCount) {
        Objects.requireNonNull(history, "history");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (!history.isEmpty() && history.item(history.size() - 1) >= itemCount) {
            throw new IllegalArgumentException("the history holds item " + history.item(history.size() - 1)
                    + ", the model has " + itemCount + " items");
        }
    }

    /**
     * Checks a request by dense customer id.
     *
     * @throws IllegalArgumentException if the customer or n is negative
     */
    public static void checkRequest(int customer, int n) {
        if (customer < 0 || n < 0) {
            throw new IllegalArgumentException("customer and n must be >= 0, were " + customer + " and " + n);
        }
    }

    /** The same list for another customer id (a history-scored list answering a request by customer). */
    public static RecommendationList forCustomer(int customer, RecommendationList list) {
        return list.customer() == customer ? list : new RecommendationList(customer, list.items(), list.scores());
    }

    /** Appends items of the fill order, not excluded and not already listed, until the list has n items (score 0). */
    public static RecommendationList fill(RecommendationList list, int n, ItemFilter excluded, int[] fill) {
        if (list.size() >= n || fill.length == 0) {
            return list;
        }
        int[] items = Arrays.copyOf(list.items(), Math.min(n, list.size() + fill.length));
        float[] scores = Arrays.copyOf(list.scores(), items.length);
        int k = list.size();
        int[] sortedChosen = Arrays.copyOf(list.items(), list.size());
        Arrays.sort(sortedChosen);
        for (int f = 0; f < fill.length && k < items.length; f++) {
            int item = fill[f];
            if (!excluded.excludes(item) && Arrays.binarySearch(sortedChosen, item) < 0) {
                items[k] = item;
                scores[k] = 0f;
                k++;
            }
        }
        return new RecommendationList(list.customer(), Arrays.copyOf(items, k), Arrays.copyOf(scores, k));
    }
}
