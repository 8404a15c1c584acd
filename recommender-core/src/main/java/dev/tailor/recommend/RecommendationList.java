package dev.tailor.recommend;

import dev.tailor.data.IdIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A ranked list of items for one customer, best first. Immutable: the arrays given are copied, and
 * {@link #items()} and {@link #scores()} hand out copies ({@link #item}, {@link #score} and {@link #size} read
 * without one).
 *
 * @param customer dense customer id
 * @param items dense item ids, best first
 * @param scores the engine's score for each item (comparable only within one engine)
 */
public record RecommendationList(int customer, int[] items, float[] scores) {

    /** Validates that items and scores have the same length, and keeps copies of them. */
    public RecommendationList {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(scores, "scores");
        if (items.length != scores.length) {
            throw new IllegalArgumentException("items and scores differ in length: " + items.length + " vs " + scores.length);
        }
        items = items.clone();
        scores = scores.clone();
    }

    /** The dense item ids, best first (a copy). */
    @Override
    public int[] items() {
        return items.clone();
    }

    /** The scores, best first (a copy). */
    @Override
    public float[] scores() {
        return scores.clone();
    }

    /** Lists are equal when they hold the same customer, items and scores in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RecommendationList that && customer == that.customer
                && Arrays.equals(items, that.items) && Arrays.equals(scores, that.scores);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * customer + Arrays.hashCode(items)) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "RecommendationList[customer=" + customer + ", items=" + Arrays.toString(items) + ", scores="
                + Arrays.toString(scores) + "]";
    }

    /** The number of items. */
    public int size() {
        return items.length;
    }

    /** Dense item id at a rank (0 = best). */
    public int item(int rank) {
        return items[rank];
    }

    /** Score at a rank. */
    public float score(int rank) {
        return scores[rank];
    }

    /** The items as external ids, best first. */
    public List<String> externalIds(IdIndex itemIndex) {
        List<String> ids = new ArrayList<>(items.length);
        for (int item : items) {
            ids.add(itemIndex.externalId(item));
        }
        return ids;
    }
}
