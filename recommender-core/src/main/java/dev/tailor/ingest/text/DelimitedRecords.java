package dev.tailor.ingest.text;

import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.ParseMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Walks the records of delimited text: skips blank lines, joins quoted fields that span lines, and
 * hands unreadable, unterminated or short records to the decoder as problems (errors in strict mode).
 * Readers of specific layouts build on it; {@link dev.tailor.ingest.csv.EventCsvReader} is the general one.
 *
 * <p>A quoted field may span at most {@link #DEFAULT_MAX_RECORD_LINES} lines and the record at most the
 * source's line bound in characters: a quote left open (a stray {@code "}) then costs one refused record,
 * not the rest of the file — lenient mode goes on with the line after the record's first one, and the
 * work stays linear in the file's size.
 *
 * <p>Not thread-safe.
 */
public final class DelimitedRecords {
    /** How many lines one quoted record may span by default. */
    public static final int DEFAULT_MAX_RECORD_LINES = 1000;

    /** Receives one record's fields. */
    @FunctionalInterface
    public interface Handler {
        /** Handles the fields of the record starting at {@code line}. */
        void record(long line, List<String> fields);
    }

    /** A line read ahead, or the problem that made it unreadable. */
    private record Line(long number, String text, IngestProblem problem) {
    }

    /** Receives the header's column names and says what it needs. */
    @FunctionalInterface
    public interface HeaderHandler {
        /**
         * Checks the header (names stripped, a byte-order mark dropped).
         *
         * @return how many fields a record must have at least
         * @throws IngestException if the header is not what the reader needs
         */
        int header(List<String> columns);
    }

    private final TextSource source;
    private final DelimitedLine splitter;
    private final Consumer<IngestProblem> rejects;
    private final int maxRecordLines;
    private final long maxRecordChars;
    private final List<String> fields = DelimitedLine.newFields();
    private final Deque<Line> pending = new ArrayDeque<>();
    private long records;

    public DelimitedRecords(TextSource source, char delimiter, char quote, Consumer<IngestProblem> rejects, int maxRecordLines) {
        this.source = source;
        this.splitter = new DelimitedLine(delimiter, quote);
        this.rejects = rejects;
        this.maxRecordLines = maxRecordLines;
        this.maxRecordChars = source.maxLineBytes();
    }

    /**
     * Reads a UTF-8 file whose header must be exactly {@code expectedHeader}, handing each record with
     * at least that many fields to {@code handler}; shorter records are problems for the decoder.
     *
     * @throws IngestException if the file is missing, empty, has another header, or (strict) a bad record
     */
    public static void read(Path file, char delimiter, ParseMode mode, List<String> expectedHeader,
            EventRecordDecoder decoder, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        try (TextSource source = TextSource.open(file, StandardCharsets.UTF_8, mode)) {
            DelimitedRecords records = new DelimitedRecords(source, delimiter, '"', decoder::reject, DEFAULT_MAX_RECORD_LINES);
            List<String> header = records.header();
            if (!header.equals(expectedHeader)) {
                throw new IngestException(new IngestProblem(source.name(), 1, null, String.join(String.valueOf(delimiter), header),
                        "the header " + String.join(String.valueOf(delimiter), expectedHeader)));
            }
            records.forEach(expectedHeader, handler);
            decoder.requireSomeRecordRead();
        }
    }

    /**
     * Reads a UTF-8 file whose header the caller interprets: for readers of layouts with optional or
     * named columns. Problems (unreadable lines, open quotes, records shorter than the header handler
     * asks for) go to {@code rejects}, which decides whether to stop (throw) or go on.
     *
     * @return the number of records seen (good or bad)
     * @throws IngestException if the file is missing, damaged or empty, or the header handler refuses it
     */
    public static long read(Path file, char delimiter, ParseMode mode, Consumer<IngestProblem> rejects,
            HeaderHandler onHeader, Handler handler) {
        Objects.requireNonNull(rejects, "rejects");
        Objects.requireNonNull(onHeader, "onHeader");
        Objects.requireNonNull(handler, "handler");
        try (TextSource source = TextSource.open(file, StandardCharsets.UTF_8, mode)) {
            DelimitedRecords records = new DelimitedRecords(source, delimiter, '"', rejects, DEFAULT_MAX_RECORD_LINES);
            List<String> header = records.header();
            int needed = onHeader.header(header);
            return records.forEach(header.subList(0, Math.min(needed, header.size())), handler);
        }
    }

    /**
     * The column names of a UTF-8 file's header line, reading nothing after it.
     *
     * @throws IngestException if the file is missing, empty or its header cannot be read
     */
    public static List<String> header(Path file, char delimiter) {
        try (TextSource source = TextSource.open(file, StandardCharsets.UTF_8, ParseMode.STRICT)) {
            return new DelimitedRecords(source, delimiter, '"', problem -> {
                throw new IngestException(problem);
            }, DEFAULT_MAX_RECORD_LINES).header();
        }
    }

    /**
     * Reads the header line (names are stripped).
     *
     * @throws IngestException if the source is empty, the header cannot be read or has an open quote
     */
    public List<String> header() {
        String first = source.readLine();
        if (first == null) {
            throw new IngestException(new IngestProblem(source.name(), 0, null, null,
                    "a header line naming the columns (the file is empty)"));
        }
        if (!splitter.start(first, fields)) {
            throw new IngestException(new IngestProblem(source.name(), 1, null, null, "a header line with closed quotes"));
        }
        List<String> header = new ArrayList<>();
        for (String column : fields) {
            header.add(column.strip());
        }
        return header;
    }

    /**
     * Hands every remaining record with at least {@code header.size()} fields to the handler.
     *
     * @return the number of records seen (good or bad)
     */
    public long forEach(List<String> header, Handler handler) {
        int needed = header.size();
        Line first;
        while ((first = next()) != null) {
            if (first.problem() != null) {
                records++;
                rejects.accept(first.problem());
                continue;
            }
            String text = first.text();
            if (text.isBlank()) {
                continue;
            }
            records++;
            if (!splitter.start(text, fields) && !completeQuotedRecord(first)) {
                continue;
            }
            int count = fields.size();
            if (count < needed) {
                rejects.accept(new IngestProblem(source.name(), first.number(), header.get(count), null,
                        needed + " fields as in the header (the line has " + count + ")"));
                continue;
            }
            handler.record(first.number(), fields);
        }
        return records;
    }

    /**
     * Feeds the lines after {@code first} to the open record until its quote closes; when it does not
     * close within the bounds, refuses the record and puts the lines back to be read as records.
     */
    private boolean completeQuotedRecord(Line first) {
        List<Line> taken = new ArrayList<>();
        long chars = first.text().length();
        String failure = null;
        while (failure == null) {
            if (taken.size() + 1 >= maxRecordLines) {
                failure = "a closing quote within " + maxRecordLines + " lines (a quoted field starts here and runs on)";
                break;
            }
            Line more = next();
            if (more == null) {
                failure = "a closing quote (the file ends inside a quoted field that starts here)";
                break;
            }
            taken.add(more);
            if (more.problem() != null) {
                failure = "a closing quote before line " + more.number() + ", which cannot be read ("
                        + more.problem().expected() + ")";
                break;
            }
            chars += more.text().length() + 1L;
            if (chars > maxRecordChars) {
                failure = "a record of at most " + maxRecordChars + " characters (a quoted field starts here and runs on)";
                break;
            }
            if (splitter.resume(more.text())) {
                return true;
            }
        }
        for (int i = taken.size() - 1; i >= 0; i--) {
            pending.addFirst(taken.get(i));
        }
        rejects.accept(new IngestProblem(source.name(), first.number(), null, null, failure));
        return false;
    }

    private Line next() {
        if (!pending.isEmpty()) {
            return pending.removeFirst();
        }
        try {
            String text = source.readLine();
            return text == null ? null : new Line(source.lineNumber(), text, null);
        } catch (IngestException e) {
            if (!e.lineOnly()) {
                throw e;
            }
            return new Line(source.lineNumber(), null, e.problem());
        }
    }
}
