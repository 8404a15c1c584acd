package dev.tailor.offer;

/**
 * A business rule that removes items from a customer's offers (not allowed in this market, a recall,
 * a channel that cannot show made-to-measure products). Applied inside selection, with the built-in
 * rules, so a filtered list is still as long as the sources allow. Implementations are thread-safe.
 */
@FunctionalInterface
public interface OfferRule {
    /** Whether the item (external id) must not be offered to this customer for this request. */
    boolean excludes(CustomerView customer, OfferRequest request, String item);
}
