package dev.tailor.recommend.kit;

import dev.tailor.recommend.RecommendationList;
import java.util.Arrays;

/**
 * Keeps the N best (item, score) pairs seen so far, in O(log N) per offer and no allocation per item:
 * the building block of every engine's scoring loop.
 *
 * <p>Order: higher score first; equal scores put the lower item id first, so results are reproducible.
 * {@code NaN} scores are never kept.
 *
 * <p>Memory grows with what is kept, not with {@code n}: asking for {@code Integer.MAX_VALUE} items
 * costs what the offered items need.
 *
 * <p>Not thread-safe; reusable with {@link #reset}.
 */
public final class TopN {
    private static final int INITIAL = 64;

    private final int capacity;
    private int[] items;
    private float[] scores;
    private int size;

    /** A selector for the best {@code n} items. @throws IllegalArgumentException if n is negative */
    public TopN(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        this.capacity = n;
        this.items = new int[Math.min(n, INITIAL)];
        this.scores = new float[items.length];
    }

    /** Forgets everything offered. */
    public void reset() {
        size = 0;
    }

    /** How many pairs are kept now. */
    public int size() {
        return size;
    }

    /**
     * The score an offer must beat to enter once the selector is full, or negative infinity while it is
     * not (positive infinity when nothing may be kept): lets a scoring loop skip work for items that
     * cannot enter.
     */
    public float threshold() {
        if (capacity == 0) {
            return Float.POSITIVE_INFINITY;
        }
        return size < capacity ? Float.NEGATIVE_INFINITY : scores[0];
    }

    /** Offers an item. */
    public void offer(int item, float score) {
        if (capacity == 0 || score != score) {
            return;
        }
        if (size < capacity) {
            if (size == items.length) {
                int grown = (int) Math.min(capacity, Math.max(INITIAL, 2L * items.length));
                items = Arrays.copyOf(items, grown);
                scores = Arrays.copyOf(scores, grown);
            }
            int i = size++;
            items[i] = item;
            scores[i] = score;
            siftUp(i);
        } else if (better(item, score, items[0], scores[0])) {
            items[0] = item;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** The kept pairs, best first, as a list for a customer; the selector is left empty. */
    public RecommendationList drain(int customer) {
        int n = size;
        int[] outItems = new int[n];
        float[] outScores = new float[n];
        // Popping the worst repeatedly fills the output from the back.
        for (int i = n - 1; i >= 0; i--) {
            outItems[i] = items[0];
            outScores[i] = scores[0];
            size--;
            if (size > 0) {
                items[0] = items[size];
                scores[0] = scores[size];
                siftDown(0);
            }
        }
        return new RecommendationList(customer, outItems, outScores);
    }

    private static boolean better(int itemA, float scoreA, int itemB, float scoreB) {
        return scoreA > scoreB || (scoreA == scoreB && itemA < itemB);
    }

    private void siftUp(int i) {
        int item = items[i];
        float score = scores[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(items[parent], scores[parent], item, score)) {
                break;
            }
            items[i] = items[parent];
            scores[i] = scores[parent];
            i = parent;
        }
        items[i] = item;
        scores[i] = score;
    }

    private void siftDown(int i) {
        int item = items[i];
        float score = scores[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && better(items[child], scores[child], items[right], scores[right])) {
                child = right;
            }
            if (!better(item, score, items[child], scores[child])) {
                break;
            }
            items[i] = items[child];
            scores[i] = scores[child];
            i = child;
        }
        items[i] = item;
        scores[i] = score;
    }

    @Override
    public String toString() {
        return "TopN[" + size + "/" + capacity + ", worst=" + (size == 0 ? "-" : Arrays.toString(new float[] {scores[0]})) + "]";
    }
}
