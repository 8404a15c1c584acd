package dev.tailor.data;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One mass-customization order: the choices a customer made for a configurable product.
 *
 * @param customer external customer id, or {@code null} for anonymous sales histories
 * @param product the configurable product (e.g. {@code "mtm-shirt"})
 * @param time when it was ordered, or {@code null} when the history carries no dates
 * @param choices attribute → chosen value (e.g. {@code collar → cutaway}); insertion order is kept
 */
public record Configuration(String customer, String product, Instant time, Map<String, String> choices) {

    /** Validates and copies the choices (keeping their order). */
    public Configuration {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(choices, "choices");
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
        for (Map.Entry<String, String> choice : choices.entrySet()) {
            if (choice.getKey() == null || choice.getValue() == null) {
                throw new IllegalArgumentException("configuration of product '" + product
                        + "': attributes and values must not be null: " + choice);
            }
        }
    }

    /** Whether the order is tied to a known customer. */
    public boolean hasCustomer() {
        return customer != null;
    }
}
