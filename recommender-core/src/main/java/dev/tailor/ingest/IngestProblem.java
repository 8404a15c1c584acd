package dev.tailor.ingest;

import dev.tailor.internal.PrintableText;
import java.io.Serializable;

/**
 * One bad record: where it is and what was wrong.
 *
 * @param source file name or other source description
 * @param line 1-based line number in the source (0 when the problem is not tied to a line)
 * @param column the source column (or JSON field) at fault, or {@code null} when the whole record is
 * @param rawValue the text found, or {@code null}
 * @param expected what a valid value looks like
 */
public record IngestProblem(String source, long line, String column, String rawValue, String expected)
        implements Serializable {

    /** A one-line description naming source, line, column, value and expectation. */
    public String message() {
        return describe(true);
    }

    /**
     * The same without the raw value: what logs carry, since values may be personal data such as
     * customer ids.
     */
    public String withoutValue() {
        return describe(false);
    }

    private String describe(boolean withValue) {
        StringBuilder m = new StringBuilder(source);
        if (line > 0) {
            m.append(", line ").append(line);
        }
        if (column != null) {
            m.append(", column '").append(column).append('\'');
        }
        m.append(": ");
        if (withValue && rawValue != null) {
            m.append("cannot read '").append(abbreviate(rawValue)).append("': ");
        }
        m.append("expected ").append(expected);
        return m.toString();
    }

    /** Shortened, with control characters escaped so a terminal shows them instead of obeying them. */
    private static String abbreviate(String raw) {
        return PrintableText.escape(raw.length() <= 80 ? raw : raw.substring(0, 77) + "...", false);
    }
}
