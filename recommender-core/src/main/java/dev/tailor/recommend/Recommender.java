package dev.tailor.recommend;

/**
 * A trained model that ranks items for a customer. Ids are the dense ids of the training data's
 * indexes.
 *
 * <p>Implementations are immutable and thread-safe: any number of threads may call
 * {@link #recommend} at once.
 */
public interface Recommender {
    /** A short name for tables and logs, e.g. {@code "popular"}. */
    String name();

    /** The number of items the model can rank (dense ids {@code 0..itemCount()-1}). */
    int itemCount();

    /**
     * The best {@code n} items for a customer, best first, leaving out what {@code exclusions} says.
     * A customer the model has not seen (no training evidence, or a dense id beyond the training data)
     * gets the engine's cold-start answer, never an exception. Fewer than {@code n} items come back only
     * when fewer remain after exclusions.
     *
     * @throws IllegalArgumentException if {@code n} is negative or {@code customer} is negative
     */
    RecommendationList recommend(int customer, int n, Exclusions exclusions);

    /** The best {@code n} items, leaving out the customer's own training items. */
    default RecommendationList recommend(int customer, int n) {
        return recommend(customer, n, Exclusions.owned());
    }
}
