package dev.tailor.offer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why an item is offered, as data a front end renders: the kind, the ids it rests on (items, products or
 * categories), the numbers behind it and a sentence. The figures let a front end word or chart the reason itself:
 * {@code count} and {@code windowDays} for a trend, {@code probability}, {@code cycleDays}, {@code daysSinceLast} and
 * {@code horizonDays} for a replenishment, {@code score} and one {@code contribution.<item>} per evidence item for
 * collaborative filtering, {@code similarity} for a content neighbour, {@code association} for a basket,
 * {@code orders} for a repeat configuration, {@code views} and {@code daysAgo} for the wish list.
 *
 * @param kind what kind of evidence
 * @param evidence external ids of what the reason refers to, e.g. the rented items behind "because you
 *     rented X and Y"
 * @param text the reason in words, e.g. "because you rented dress-7 and dress-9"
 * @param figures the numbers behind the reason by name (see above), in a stable order
 */
public record Reason(Kind kind, List<String> evidence, String text, Map<String, Double> figures) {

    /** Validates and copies the evidence and figures. */
    public Reason {
        Objects.requireNonNull(kind, "kind");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(text, "text");
        for (Map.Entry<String, Double> figure : figures.entrySet()) {
            if (figure.getKey() == null || figure.getValue() == null) {
                throw new NullPointerException("a figure of reason '" + text + "' is null");
            }
        }
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** A reason without figures. */
    public Reason(Kind kind, List<String> evidence, String text) {
        this(kind, evidence, text, Map.of());
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
        /** A favourite of the shop's customers: what an engine offers someone it knows nothing about. */
        POPULAR,
        /** Popular lately in the requested category or occasion, or overall. */
        TRENDING,
        /** Like the customer's items by its catalog attributes (reaches new items without history). */
        LIKE_YOUR_ITEMS,
        /** Expected to be taken a lot in the coming days (the demand forecast). */
        IN_DEMAND,
        /** Suits the customer: her sizes, occasions, categories, build, and what is in demand. */
        SUITS_YOU
    }
}
