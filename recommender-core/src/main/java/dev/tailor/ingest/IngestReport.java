package dev.tailor.ingest;

import java.util.List;

/**
 * What a reader did with one source.
 *
 * @param source file name or other source description
 * @param records records (data lines or JSON objects) seen, good or bad
 * @param eventsAdded events added to the log
 * @param skipped bad records skipped (always 0 in strict mode, which throws instead)
 * @param excluded good records a reader leaves out by its documented policy (e.g. invoices without a
 *     customer), never errors
 * @param firstProblems the first bad records (at most {@value #MAX_EXAMPLES}), for the user to see
 */
public record IngestReport(String source, long records, long eventsAdded, long skipped, long excluded,
        List<IngestProblem> firstProblems) {
    /** How many problems a report keeps as examples. */
    public static final int MAX_EXAMPLES = 10;

    /** Copies the list. */
    public IngestReport {
        firstProblems = List.copyOf(firstProblems);
    }

    /** A summary line such as {@code "events.csv: 1000 records, 998 events, 2 skipped"}. */
    public String summary() {
        return source + ": " + records + " records, " + eventsAdded + " events, " + skipped + " skipped"
                + (excluded > 0 ? ", " + excluded + " excluded by policy" : "");
    }
}
