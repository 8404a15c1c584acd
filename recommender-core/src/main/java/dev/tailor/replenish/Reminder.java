package dev.tailor.replenish;

import java.util.Objects;
import java.util.Optional;

import dev.tailor.data.Configuration;
import java.time.LocalDate;

/**
 * Someone due to buy something again.
 *
 * @param customer external customer id
 * @param key the item id or category name the cycle is about
 * @param dueDate the expected day of the next purchase (the conditional median)
 * @param remindOn the day to send the reminder (the due date minus the lead time, not before the as-of date)
 * @param probability probability of a purchase between the as-of date and the end of horizon plus lead time
 * @param lastItem external id of the item bought last time: the one-click reorder (same item, same size)
 * @param lastSize the size bought last time, when the purchase had one
 * @param lastQuantity the quantity bought last time
 * @param lastConfiguration for a configurable product, the customer's latest configuration of the last item
 *     before the as-of time (the one-click reorder), when there is one
 */
public record Reminder(String customer, String key, LocalDate dueDate, LocalDate remindOn, double probability,
        String lastItem, Optional<String> lastSize, int lastQuantity, Optional<Configuration> lastConfiguration) {

    /** Validates that every part is present. */
    public Reminder {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(remindOn, "remindOn");
        Objects.requireNonNull(lastItem, "lastItem");
        Objects.requireNonNull(lastSize, "lastSize");
        Objects.requireNonNull(lastConfiguration, "lastConfiguration");
    }
}
