package dev.tailor.recommend;

import java.util.List;

/**
 * A model that can say why it scores an item for a customer, in terms of the customer's own items — the
 * evidence behind an offer's "because you rented X and Y".
 */
public interface Explainable {
    /**
     * The customer's items that add to the item's score, largest contribution first (empty when none
     * does, or the customer is unknown).
     *
     * @throws IndexOutOfBoundsException if the item is not a dense id of the model
     */
    List<Contribution> because(int customer, int item);
}
