package dev.tailor.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a customer did with an item. Stored as one byte per event (its ordinal). */
public enum EventKind {
    /** Looked at the item's page. */
    VIEW,
    /** Put the item in the cart. */
    CART,
    /** Rented the item (fashion rental). */
    RENT,
    /** Reported wearing the item. */
    WEAR,
    /** Bought the item. */
    PURCHASE,
    /** Sent the item back; see {@link FitFeedback} for why. */
    RETURN,
    /** Rated the item explicitly; the rating value is on the event. */
    RATING;

    private static final EventKind[] VALUES = values();

    /**
     * The kind stored under the given ordinal.
     *
     * @throws IllegalArgumentException if no kind has that ordinal
     */
    public static EventKind ofOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException("no event kind has ordinal " + ordinal);
        }
        return VALUES[ordinal];
    }

    /**
     * Parses a kind name case-insensitively, ignoring surrounding blanks.
     *
     * @return the kind, or {@code null} if the text names none (callers turn that into an error
     *     that names their source)
     */
    public static EventKind parseOrNull(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (EventKind kind : VALUES) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** The accepted names, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(VALUES).map(Enum::name).collect(Collectors.joining(", "));
    }
}
