package dev.tailor.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one delimited record (RFC 4180 quoting: a quoted field may hold delimiters, doubled quotes and
 * line breaks). Unquoted fields are returned as they are, without trimming.
 */
final class DelimitedLine {
    private final char delimiter;
    private final char quote;
    private final StringBuilder field = new StringBuilder();

    DelimitedLine(char delimiter, char quote) {
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /**
     * Splits {@code record} into {@code out}.
     *
     * @return the number of fields, or -1 if a quoted field is still open at the end (the caller joins
     *     the next line and calls again)
     */
    int split(String record, List<String> out) {
        out.clear();
        int n = record.length();
        int start = 0;
        if (record.indexOf(quote) < 0) {
            // The common case: no quotes anywhere, so fields are plain substrings.
            for (int i = 0; i < n; i++) {
                if (record.charAt(i) == delimiter) {
                    out.add(record.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(record.substring(start));
            return out.size();
        }
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < n && record.charAt(i) == quote) {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = record.charAt(i);
                    if (c == quote) {
                        if (i + 1 < n && record.charAt(i + 1) == quote) {
                            field.append(quote);
                            i += 2;
                        } else {
                            i++;
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    return -1;
                }
                // Text between a closing quote and the delimiter is kept, as most readers do.
                while (i < n && record.charAt(i) != delimiter) {
                    field.append(record.charAt(i++));
                }
            } else {
                while (i < n && record.charAt(i) != delimiter) {
                    field.append(record.charAt(i++));
                }
            }
            out.add(field.toString());
            if (i >= n) {
                return out.size();
            }
            i++; // the delimiter
            if (i == n) {
                out.add("");
                return out.size();
            }
        }
    }

    static List<String> newFields() {
        return new ArrayList<>(16);
    }
}
