package dev.tailor.internal;

/**
 * The number syntax data files use, and nothing more: Java's parsers also accept hexadecimal
 * ({@code 0x1p4}), type suffixes ({@code 19.99d}), {@code NaN}, {@code Infinity}, surrounding
 * whitespace and non-ASCII digits, none of which is a number in a data file.
 */
public final class DecimalText {
    private DecimalText() {
    }

    /**
     * Whether {@code text} is a decimal number: an optional sign, digits with an optional fraction (or a
     * fraction alone), and an optional exponent — {@code 4}, {@code -19.99}, {@code .5}, {@code 1e-3}.
     */
    public static boolean isDecimal(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isAsciiDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isAsciiDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isAsciiDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Whether {@code text} is one or more ASCII digits, nothing else (no sign). */
    public static boolean isWholeNumber(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
