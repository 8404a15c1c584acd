package dev.tailor.recommend;

import dev.tailor.matrix.SparseMatrix;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a recommendation request leaves out: the items the customer already has in the training data
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

    /** The business filter, or {@code null} when there is none. */
    public ItemFilter businessFilter() {
        return filter;
    }

    /**
     * The filter for one customer: their row of {@code owners} (searched in place, not copied) when
     * owned items are left out, then the business filter.
     */
    public ItemFilter forCustomer(SparseMatrix owners, int customer) {
        if (!owned || customer < 0 || customer >= owners.rows() || owners.rowLength(customer) == 0) {
            return filter == null ? ItemFilter.none() : filter;
        }
        int from = owners.rowStart(customer);
        int to = owners.rowEnd(customer);
        int[] row = new int[to - from];
        for (int p = from; p < to; p++) {
            row[p - from] = owners.column(p);
        }
        ItemFilter own = item -> Arrays.binarySearch(row, item) >= 0;
        return filter == null ? own : own.or(filter);
    }
}
