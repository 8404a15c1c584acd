package dev.tailor.recommend;

import java.util.BitSet;
import java.util.Objects;

/**
 * A business rule over dense item ids that removes items from a recommendation (out of stock, wrong
 * category, not allowed in this market). Applied during top-N selection, so a filtered list is still N
 * long.
 *
 * <p>Implementations must be thread-safe: one filter may serve many concurrent requests.
 */
@FunctionalInterface
public interface ItemFilter {
    /** Whether the item must not be recommended. */
    boolean excludes(int item);

    /** A filter that excludes nothing. */
    static ItemFilter none() {
        return item -> false;
    }

    /** Excludes the items whose bits are set (the set is copied, so later changes do not leak in). */
    static ItemFilter excluding(BitSet items) {
        BitSet copy = (BitSet) Objects.requireNonNull(items, "items").clone();
        return copy::get;
    }

    /** Excludes every item whose bit is not set (the set is copied). */
    static ItemFilter allowingOnly(BitSet items) {
        BitSet copy = (BitSet) Objects.requireNonNull(items, "items").clone();
        return item -> !copy.get(item);
    }

    /** Excludes what this filter or the other excludes. */
    default ItemFilter or(ItemFilter other) {
        Objects.requireNonNull(other, "other");
        return item -> excludes(item) || other.excludes(item);
    }
}
