package dev.tailor.recommend;

import java.util.Objects;
import java.util.Optional;

/**
 * What a recommendation request leaves out: the items the customer already has in their history
 * (by default), and an optional business {@link ItemFilter}.
 *
 * <p>Thread-safety: immutable.
 */
public final class Exclusions {
    private static final Exclusions OWNED = new Exclusions(true, null);
    private static final Exclusions NONE = new Exclusions(false, null);

    private final boolean owned;
    private final ItemFilter filter;

    private Exclusions(boolean owned, ItemFilter filter) {
        this.owned = owned;
        this.filter = filter;
    }

    /** Leave out the customer's own training items (the default for every request). */
    public static Exclusions owned() {
        return OWNED;
    }

    /** Leave out nothing (e.g. for "buy again" lists). */
    public static Exclusions none() {
        return NONE;
    }

    /** These exclusions plus a business filter. */
    public Exclusions and(ItemFilter businessFilter) {
        Objects.requireNonNull(businessFilter, "businessFilter");
        return new Exclusions(owned, filter == null ? businessFilter : filter.or(businessFilter));
    }

    /** Whether the customer's own items are left out. */
    public boolean excludesOwned() {
        return owned;
    }

    /** The business filter, when there is one. */
    public Optional<ItemFilter> businessFilter() {
        return Optional.ofNullable(filter);
    }

    /**
     * The filter for a customer with this history: their items when owned items are left out, then the
     * business filter.
     */
    public ItemFilter forHistory(CustomerHistory history) {
        Objects.requireNonNull(history, "history");
        if (!owned || history.isEmpty()) {
            return filter == null ? ItemFilter.none() : filter;
        }
        ItemFilter own = history::contains;
        return filter == null ? own : own.or(filter);
    }
}
