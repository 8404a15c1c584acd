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
     * Parses a kind name case-insensitively, ignoring surrounding blanks. Only ASCII letters match: case folding
     * would read look-alikes ({@code vıew} with a dotless i, {@code VİEW}) as the kind.
     *
     * @return the kind, or {@code null} if the text names none (callers turn that into an error
     *     that names their source)
     */
    public static EventKind parseOrNull(String text) {
        if (!isAscii(text)) {
            return null;
        }
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (EventKind kind : VALUES) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** Whether every character is ASCII (what the kind and fit names are written in). */
    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The accepted names, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(VALUES).map(Enum::name).collect(Collectors.joining(", "));
    }
}
