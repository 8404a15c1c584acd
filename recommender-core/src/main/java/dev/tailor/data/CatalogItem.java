package dev.tailor.data;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the shop knows about one item.
 *
 * @param id external item id
 * @param category category name (e.g. {@code "running shoes"})
 * @param price list price in currency units, at least 0; NaN when the shop's data do not say (a public dataset without
 *     prices): such an item has no price in its offers and is never inside a requested price band
 * @param attributes free attributes (name → value), e.g. colour or fabric
 * @param sizesInStock sizes that can be shipped now; empty for items without sizes or out of stock
 */
public record CatalogItem(
        String id, String category, double price, Map<String, String> attributes, Set<String> sizesInStock)
        implements Serializable {

    /** Validates and copies the collections. */
    public CatalogItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        if (!(price >= 0.0) && !Double.isNaN(price) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("price of item '" + id + "' must be finite and >= 0 (or NaN: unknown), was "
                    + price);
        }
        attributes = Map.copyOf(attributes);
        sizesInStock = Set.copyOf(sizesInStock);
    }
}
