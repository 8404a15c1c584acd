package dev.tailor.internal;

/**
 * Text from data files as it may be shown in a message, a log line or a terminal: characters that a
 * terminal would obey or that reorder or hide text — control characters (an escape sequence in a customer
 * id), bidirectional overrides, line and paragraph separators, lone surrogates — are written as
 * {@code \\uXXXX}. The one escaper every message goes through.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /**
     * The text with every such character escaped.
     *
     * @param keepLineBreaks keep {@code \n} and {@code \t} as they are (a multi-line message), or escape them
     *     too (a value shown inside one line)
     */
    public static String escape(String text, boolean keepLineBreaks) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean escape = !paired && mustEscape(c, keepLineBreaks)
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean mustEscape(char c, boolean keepLineBreaks) {
        if (keepLineBreaks && (c == '\n' || c == '\t')) {
            return false;
        }
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069') || Character.isSurrogate(c);
    }
}
