package dev.tailor.data;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as a value, for the edges of the library (tests, adapters, printing). The
 * {@link EventLog} stores events columnar and never holds these objects.
 *
 * @param customer external customer id
 * @param item external item id
 * @param time when it happened (second precision is kept)
 * @param kind what happened
 * @param quantity how many units, at least 0
 * @param amount amount paid, in currency units (cents are kept exactly)
 * @param rating explicit rating, or {@code NaN} when there is none
 * @param fit fit feedback, {@link FitFeedback#NONE} when there is none
 * @param size the size involved, or {@code null} when unknown
 */
public record Event(
        String customer,
        String item,
        Instant time,
        EventKind kind,
        int quantity,
        double amount,
        double rating,
        FitFeedback fit,
        String size) {

    /** Validates the fields that must be present. */
    public Event {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fit, "fit");
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be >= 0, was " + quantity);
        }
    }

    /** An event with quantity 1, no amount, no rating, no fit feedback and no size. */
    public static Event of(String customer, String item, Instant time, EventKind kind) {
        return new Event(customer, item, time, kind, 1, 0.0, Double.NaN, FitFeedback.NONE, null);
    }

    /** Whether the event carries an explicit rating. */
    public boolean hasRating() {
        return !Double.isNaN(rating);
    }
}
