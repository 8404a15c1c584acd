package dev.tailor.recommend;

import dev.tailor.data.Event;
import dev.tailor.data.TrainedModel;
import dev.tailor.matrix.WeightingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trained model that ranks items for a customer: the one contract every engine (ALS, item-kNN, RP3β,
 * EASE, popularity, random, and peers' adapters) satisfies, so a caller never asks which engine it holds.
 * Ids are dense ids of the model's own frozen {@link #customers()} and {@link #items()} indexes.
 *
 * <p>An engine scores from a {@link CustomerHistory}: the snapshot it was trained on
 * ({@link #recommend(int, int, Exclusions)}) or one the caller passes in with what happened since
 * ({@link #recommend(CustomerHistory, int, Exclusions)}), so a live service answers from an event recorded a
 * moment ago without retraining.
 *
 * <p>Implementations are immutable and thread-safe: any number of threads may call any method at once.
 */
public interface Recommender extends TrainedModel {
    /** The number of items the model can rank (dense ids {@code 0..itemCount()-1}). */
    int itemCount();

    /** The weighting policy of the training matrix: how a live event is weighed ({@link #historyWith}). */
    WeightingPolicy policy();

    /** The customer's training history (empty for a customer the model has not seen, any id {@code >= 0}). */
    CustomerHistory history(int customer);

    /**
     * The customer's training history with events recorded since folded in exactly as retraining on the training
     * events plus these would weigh them (see {@link CustomerHistory#withEvents}); for a customer the model never
     * saw (a negative or unknown dense id), the history of those events alone.
     *
     * @param customer a dense id of {@link #customers()}, or -1
     * @param since the customer's events since training, any order
     */
    default CustomerHistory historyWith(int customer, List<Event> since) {
        CustomerHistory snapshot = customer >= 0 ? history(customer) : CustomerHistory.empty();
        return snapshot.withEvents(since, items(), itemCount(), policy());
    }

    /**
     * The best {@code n} items for a trained customer, best first, leaving out what {@code exclusions}
     * says. A customer the model has not seen (no training evidence, or a dense id beyond the training
     * data) gets the engine's cold-start answer, never an exception. Fewer than {@code n} items come back
     * only when fewer remain after exclusions.
     *
     * @throws IllegalArgumentException if {@code n} is negative or {@code customer} is negative
     */
    RecommendationList recommend(int customer, int n, Exclusions exclusions);

    /**
     * The best {@code n} items for a customer with this history — their training snapshot plus live events,
     * or the history of a customer the model never saw — as {@link #recommend(int, int, Exclusions)}
     * (owned items are those of {@code history}); the list's customer is {@code -1}. Costs the engine's
     * scoring of this history: for a factor model, one fold-in of the history's items.
     *
     * @throws IllegalArgumentException if {@code n} is negative or the history holds an item beyond
     *     {@link #itemCount()}
     */
    RecommendationList recommend(CustomerHistory history, int n, Exclusions exclusions);

    /** The best {@code n} items, leaving out the customer's own training items. */
    default RecommendationList recommend(int customer, int n) {
        return recommend(customer, n, Exclusions.owned());
    }

    /**
     * The best {@code n} items for a customer named by external id: an id the model's index does not hold
     * (a new customer) gets the cold-start answer, never an exception.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    default RecommendationList recommend(String customer, int n, Exclusions exclusions) {
        Objects.requireNonNull(customer, "customer");
        int dense = customers().find(customer);
        // A dense id beyond the training data is, by this interface's contract, a customer the model has not seen.
        return recommend(dense < 0 ? customers().size() : dense, n, exclusions);
    }

    /**
     * An engine that can say why it scores an item: the history's items behind the score. A caller asks with
     * {@code model instanceof Recommender.Explainable e}, so "this engine cannot explain" (popularity, random, a
     * peer's adapter) is a different answer from "nothing in this history contributes" (an empty list).
     */
    interface Explainable extends Recommender {
        /**
         * Why the model scores an item for a customer with this history: the history's items that add to the
         * score, largest contribution first; empty when none does.
         *
         * @throws IndexOutOfBoundsException if the item is not a dense id of the model
         */
        List<Contribution> because(CustomerHistory history, int item);

        /**
         * {@link #because(CustomerHistory, int)} for several items at once (an engine may share work between them:
         * ALS decomposes the history's system once).
         *
         * @throws IndexOutOfBoundsException if an item is not a dense id of the model
         */
        default List<List<Contribution>> because(CustomerHistory history, int[] items) {
            List<List<Contribution>> all = new ArrayList<>(items.length);
            for (int item : items) {
                all.add(because(history, item));
            }
            return all;
        }

        /** As {@link #because(CustomerHistory, int)} for a trained customer's snapshot. */
        default List<Contribution> because(int customer, int item) {
            return because(history(customer), item);
        }
    }

    /**
     * An engine with its own measure of how alike two items are ("customers who rented this also rented", as Taste's
     * {@code ItemBasedRecommender.mostSimilarItems}); popularity and random have none.
     */
    interface ItemSimilarity extends Recommender {
        /**
         * The items most like {@code item}, best first, never the item itself; fewer than {@code n} when fewer are
         * alike at all.
         *
         * @throws IndexOutOfBoundsException if the item is not a dense id of the model
         * @throws IllegalArgumentException if {@code n} is negative
         */
        RecommendationList similarItems(int item, int n);
    }
}
