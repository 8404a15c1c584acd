package dev.tailor.recommend;

/**
 * A model that knows which items are like a given item ("customers who rented this also rented"), as
 * Taste's {@code ItemBasedRecommender.mostSimilarItems} does. Implemented by the item-based engines; a
 * caller asks {@code model instanceof SimilarItems} once, not per engine class.
 */
public interface SimilarItems {
    /**
     * The items most like {@code item}, best first, never the item itself.
     *
     * @throws IndexOutOfBoundsException if the item is not a dense id of the model
     * @throws IllegalArgumentException if {@code n} is negative
     */
    RecommendationList similarItems(int item, int n);
}
