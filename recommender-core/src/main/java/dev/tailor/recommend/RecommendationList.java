package dev.tailor.recommend;

import dev.tailor.data.IdIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A ranked list of items for one customer, best first.
 *
 * @param customer dense customer id
 * @param items dense item ids, best first
 * @param scores the engine's score for each item (comparable only within one engine)
 */
public record RecommendationList(int customer, int[] items, float[] scores) {

    /** Validates that items and scores have the same length. */
    public RecommendationList {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(scores, "scores");
        if (items.length != scores.length) {
            throw new IllegalArgumentException("items and scores differ in length: " + items.length + " vs " + scores.length);
        }
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
