package dev.tailor.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The items on offer, indexed by the dense item ids of an {@link IdIndex}, with each item's category
 * as a dense category id for fast rules (category caps, replenishment per category).
 *
 * <p>Items that appear in events but not in the catalog have no entry: {@link #has} tells.
 *
 * <p>Thread-safety: immutable once built.
 */
public final class Catalog {
    private final IdIndex items;
    private final CatalogItem[] byItem;
    private final int[] categoryOfItem;
    private final List<String> categoryNames;

    private Catalog(IdIndex items, CatalogItem[] byItem, int[] categoryOfItem, List<String> categoryNames) {
        this.items = items;
        this.byItem = byItem;
        this.categoryOfItem = categoryOfItem;
        this.categoryNames = List.copyOf(categoryNames);
    }

    /** A builder that adds items to the given index (typically the one an event log uses). */
    public static Builder builder(IdIndex items) {
        return new Builder(Objects.requireNonNull(items, "items"));
    }

    /** The item index the catalog's dense ids refer to. */
    public IdIndex items() {
        return items;
    }

    /** Whether the catalog describes the item with this dense id. */
    public boolean has(int item) {
        return item >= 0 && item < byItem.length && byItem[item] != null;
    }

    /**
     * The item with this dense id.
     *
     * @throws IllegalArgumentException if the catalog has no entry for it
     */
    public CatalogItem get(int item) {
        if (!has(item)) {
            throw new IllegalArgumentException("the catalog has no item with dense id " + item);
        }
        return byItem[item];
    }

    /** Dense category id of an item, or -1 if the catalog does not describe it. */
    public int category(int item) {
        return item >= 0 && item < categoryOfItem.length ? categoryOfItem[item] : -1;
    }

    /** The number of distinct categories; category ids run from 0 to {@code categoryCount() - 1}. */
    public int categoryCount() {
        return categoryNames.size();
    }

    /** The name of a dense category id. */
    public String categoryName(int category) {
        return categoryNames.get(category);
    }

    /** The dense id of a category name, or -1 if no item has it. */
    public int categoryId(String name) {
        return categoryNames.indexOf(name);
    }

    /** The number of items described. */
    public int size() {
        int n = 0;
        for (CatalogItem item : byItem) {
            if (item != null) {
                n++;
            }
        }
        return n;
    }

    /** Collects catalog items. Not thread-safe. */
    public static final class Builder {
        private final IdIndex items;
        private final Map<Integer, CatalogItem> entries = new HashMap<>();
        private final Map<String, Integer> categoryIds = new HashMap<>();
        private final List<String> categoryNames = new ArrayList<>();

        private Builder(IdIndex items) {
            this.items = items;
        }

        /**
         * Adds an item, registering its id in the index.
         *
         * @throws IllegalArgumentException if the item id was already added
         */
        public Builder add(CatalogItem item) {
            int id = items.idOf(item.id());
            if (entries.putIfAbsent(id, item) != null) {
                throw new IllegalArgumentException("catalog: item '" + item.id() + "' added twice");
            }
            categoryIds.computeIfAbsent(item.category(), name -> {
                categoryNames.add(name);
                return categoryNames.size() - 1;
            });
            return this;
        }

        /** Builds the catalog, sized to the index as it is now. */
        public Catalog build() {
            CatalogItem[] byItem = new CatalogItem[items.size()];
            int[] categoryOfItem = new int[items.size()];
            java.util.Arrays.fill(categoryOfItem, -1);
            entries.forEach((id, item) -> {
                byItem[id] = item;
                categoryOfItem[id] = categoryIds.get(item.category());
            });
            return new Catalog(items, byItem, categoryOfItem, categoryNames);
        }
    }
}
