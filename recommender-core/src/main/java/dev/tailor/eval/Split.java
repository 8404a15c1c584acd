package dev.tailor.eval;

import dev.tailor.data.EventLog;
import java.util.Objects;

/**
 * A training log and a test log over the same id indexes.
 *
 * @param train events the model may learn from
 * @param test events it is judged on
 * @param description how the split was made, for tables (e.g. {@code "temporal 80/20 at 1998-03-08T..."})
 */
public record Split(EventLog train, EventLog test, String description) {

    /** Checks that both logs share the id indexes. */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(description, "description");
        if (train.customers() != test.customers() || train.items() != test.items()) {
            throw new IllegalArgumentException("train and test must share id indexes");
        }
    }
}
