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

    /**
     * The best {@code n} items for a customer named by external id, leaving out what {@code exclusions}
     * says: an id the index does not hold (a new customer) gets the cold-start answer, never an exception.
     *
     * @param customers the customer index of the model's training data
     * @throws IllegalArgumentException if {@code n} is negative
     */
    default RecommendationList recommendFor(dev.tailor.data.IdIndex customers, String customer, int n, Exclusions exclusions) {
        java.util.Objects.requireNonNull(customer, "customer");
        int dense = customers.find(customer);
        // A dense id beyond the training data is, by this interface's contract, a customer the model has not seen.
        return recommend(dense < 0 ? customers.size() : dense, n, exclusions);
    }

    /** As {@link #recommendFor(dev.tailor.data.IdIndex, String, int, Exclusions)}, leaving out owned items. */
    default RecommendationList recommendFor(dev.tailor.data.IdIndex customers, String customer, int n) {
        return recommendFor(customers, customer, n, Exclusions.owned());
    }
}
