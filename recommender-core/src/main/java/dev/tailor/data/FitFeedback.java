package dev.tailor.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an item fitted, as the customer reported it. Stored as one byte per event. */
public enum FitFeedback {
    /** No fit feedback given. */
    NONE,
    /** The item was too small. */
    TOO_SMALL,
    /** The item fitted. */
    FITS,
    /** The item was too large. */
    TOO_LARGE;

    private static final FitFeedback[] VALUES = values();

    /** Whether the feedback says the size was wrong, which makes a return no verdict on the style. */
    public boolean isBadFit() {
        return this == TOO_SMALL || this == TOO_LARGE;
    }

    /**
     * The feedback stored under the given ordinal.
     *
     * @throws IllegalArgumentException if no feedback has that ordinal
     */
    public static FitFeedback ofOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException("no fit feedback has ordinal " + ordinal);
        }
        return VALUES[ordinal];
    }

    /**
     * Parses a feedback name case-insensitively; blanks, hyphens and spaces are read as underscores
     * ({@code "too small"}, {@code "too-small"}). An empty text is {@link #NONE}. Only ASCII letters match
     * ({@code TOO_ſMALL}, with a long s, would fold to TOO_SMALL).
     *
     * @return the feedback, or {@code null} if the text names none
     */
    public static FitFeedback parseOrNull(String text) {
        if (!EventKind.isAscii(text)) {
            return null;
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (name.isEmpty()) {
            return NONE;
        }
        for (FitFeedback fit : VALUES) {
            if (fit.name().equals(name)) {
                return fit;
            }
        }
        return null;
    }

    /** The accepted names, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(VALUES).map(Enum::name).collect(Collectors.joining(", "));
    }
}
