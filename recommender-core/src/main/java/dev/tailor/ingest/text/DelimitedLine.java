package dev.tailor.ingest.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited records (RFC 4180 quoting: a quoted field may hold delimiters, doubled quotes and
 * line breaks). Unquoted fields are returned as they are, without trimming. A record that spans lines
 * is fed line by line ({@link #start}, then {@link #resume} while it is open), so each character is
 * looked at once however long the record grows.
 */
final class DelimitedLine {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int AFTER_QUOTED = 4;

    private final char delimiter;
    private final char quote;
    private final StringBuilder field = new StringBuilder();
    private List<String> out;
    private int state;

    DelimitedLine(char delimiter, char quote) {
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /**
     * Starts a record with its first line, splitting into {@code out}.
     *
     * @return whether the record is complete; {@code false} when a quoted field is still open at the
     *     end of the line (feed the next line to {@link #resume})
     */
    boolean start(String line, List<String> out) {
        out.clear();
        this.out = out;
        field.setLength(0);
        if (line.indexOf(quote) < 0) {
            // The common case: no quotes anywhere, so fields are plain substrings.
            int start = 0;
            for (int i = 0, n = line.length(); i < n; i++) {
                if (line.charAt(i) == delimiter) {
                    out.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(line.substring(start));
            state = FIELD_START;
            return true;
        }
        state = FIELD_START;
        return scan(line);
    }

    /**
     * Continues an open record with its next line (the line break belongs to the quoted field).
     *
     * @return whether the record is now complete
     */
    boolean resume(String line) {
        if (state != QUOTED) {
            throw new IllegalStateException("no quoted field is open");
        }
        field.append('\n');
        return scan(line);
    }

    /** Splits a whole record; returns the number of fields, or -1 if a quoted field is left open. */
    int split(String record, List<String> out) {
        return start(record, out) ? out.size() : -1;
    }

    private boolean scan(String line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            switch (state) {
                case FIELD_START:
                    if (c == quote) {
                        state = QUOTED;
                    } else if (c == delimiter) {
                        endField();
                    } else {
                        field.append(c);
                        state = UNQUOTED;
                    }
                    break;
                case QUOTED:
                    if (c == quote) {
                        state = QUOTE_IN_QUOTED;
                    } else {
                        field.append(c);
                    }
                    break;
                case QUOTE_IN_QUOTED:
                    if (c == quote) {
                        field.append(quote);
                        state = QUOTED;
                    } else if (c == delimiter) {
                        endField();
                    } else {
                        // Text between a closing quote and the delimiter is kept, as most readers do.
                        field.append(c);
                        state = AFTER_QUOTED;
                    }
                    break;
                default: // UNQUOTED, AFTER_QUOTED: a quote here is an ordinary character
                    if (c == delimiter) {
                        endField();
                    } else {
                        field.append(c);
                    }
                    break;
            }
        }
        if (state == QUOTED) {
            return false;
        }
        out.add(field.toString());
        field.setLength(0);
        state = FIELD_START;
        return true;
    }

    private void endField() {
        out.add(field.toString());
        field.setLength(0);
        state = FIELD_START;
    }

    static List<String> newFields() {
        return new ArrayList<>(16);
    }
}
