package dev.tailor.offer;

import java.util.List;
import java.util.Objects;

/**
 * Why an item is offered, as data a front end renders: the kind, the ids it rests on (items, products or
 * categories) and a sentence.
 *
 * @param kind what kind of evidence
 * @param evidence external ids of what the reason refers to, e.g. the rented items behind "because you
 *     rented X and Y"
 * @param text the reason in words, e.g. "because you rented dress-7 and dress-9"
 */
public record Reason(Kind kind, List<String> evidence, String text) {

    /** Validates and copies the evidence. */
    public Reason {
        Objects.requireNonNull(kind, "kind");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(text, "text");
    }

    /** The kinds of evidence, one per source. */
    public enum Kind {
        /** Customers with the customer's items also had this one (collaborative filtering). */
        BECAUSE_YOU_HAD,
        /** Bought together with what is in the basket. */
        GOES_WITH_BASKET,
        /** The customer's cycle for this item or category comes round. */
        TIME_TO_REPLENISH,
        /** The customer's usual made-to-measure configuration. */
        REPEAT_CONFIGURATION,
        /** Saved to the cart or viewed again and again, not yet bought or rented. */
        STILL_INTERESTED,
        /** Popular lately in the requested category or occasion, or overall. */
        TRENDING,
        /** Like the customer's items by its catalog attributes (reaches new items without history). */
        LIKE_YOUR_ITEMS
    }
}
