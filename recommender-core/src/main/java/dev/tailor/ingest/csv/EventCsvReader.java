package dev.tailor.ingest.csv;

import dev.tailor.data.EventLog;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventField;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.DelimitedRecords;
import dev.tailor.ingest.text.EventRecordDecoder;
import dev.tailor.ingest.text.TextSource;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads events from delimited text (CSV, TSV, or any single-character delimiter), gzip-compressed or
 * not, mapping named columns to event fields.
 *
 * <pre>{@code
 * EventCsvReader reader = EventCsvReader.builder()
 *     .columns(EventColumns.builder().customer("customer").item("item")
 *         .time("time", TimeFormat.iso8601()).kind("kind").build())
 *     .build();
 * EventLog.Builder events = EventLog.builder();
 * IngestReport report = reader.read(Path.of("events.csv"), events);
 * EventLog log = events.build();
 * }</pre>
 *
 * <p>Files without a header line name their columns with {@link Builder#headerless}. Blank lines are
 * not records. Lines are bounded ({@link Builder#maxLineBytes}) and so is how far a quoted field may
 * run ({@link Builder#maxRecordLines}): a stray quote or a file without line breaks is refused with the
 * line it starts on, never read into memory whole.
 *
 * <p>Thread-safety: immutable; one reader may read several files at once into different builders.
 */
public final class EventCsvReader {
    private final EventColumns columns;
    private final char delimiter;
    private final char quote;
    private final List<String> headerless;
    private final ParseMode mode;
    private final Charset charset;
    private final int maxLineBytes;
    private final int maxRecordLines;
    private final long maxSkipped;

    private EventCsvReader(Builder b) {
        this.columns = b.columns;
        this.delimiter = b.delimiter;
        this.quote = b.quote;
        this.headerless = b.headerless;
        this.mode = b.mode;
        this.charset = b.charset;
        this.maxLineBytes = b.maxLineBytes;
        this.maxRecordLines = b.maxRecordLines;
        this.maxSkipped = b.maxSkipped;
    }

    /** The longest line (in bytes, before line breaks) a reader accepts unless told otherwise. */
    public static final int DEFAULT_MAX_LINE_BYTES = TextSource.DEFAULT_MAX_LINE_BYTES;

    /** How many bad records lenient reading skips before it refuses the file, unless told otherwise. */
    public static final long DEFAULT_MAX_SKIPPED = EventRecordDecoder.DEFAULT_MAX_SKIPPED;

    /** A new builder: comma-delimited, double-quote quoting, header line, strict, UTF-8. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a file into {@code target}.
     *
     * @return what was read and skipped
     * @throws IngestException in strict mode at the first bad record; in either mode if the file is
     *     missing, empty, damaged, lacks a mapped column or has it twice, or has a header but no records,
     *     or (lenient) has records but none could be read
     */
    public IngestReport read(Path file, EventLog.Builder target) {
        try (TextSource source = TextSource.open(file, charset, mode, maxLineBytes)) {
            return read(source, target);
        }
    }

    private IngestReport read(TextSource source, EventLog.Builder target) {
        String name = source.name();
        EventRecordDecoder decoder = new EventRecordDecoder(columns, target, mode, name).maxSkipped(maxSkipped);
        DelimitedRecords records = new DelimitedRecords(source, delimiter, quote, decoder::reject, maxRecordLines);
        List<String> header = headerless != null ? headerless : records.header();
        int[] columnOfField = resolveColumns(name, header);
        int needed = Arrays.stream(columnOfField).max().orElse(0) + 1;
        String[] raw = EventRecordDecoder.newRecord();
        long seen = records.forEach(header.subList(0, needed), (line, fields) -> {
            for (int f = 0; f < columnOfField.length; f++) {
                raw[f] = columnOfField[f] < 0 ? null : fields.get(columnOfField[f]);
            }
            decoder.accept(line, raw);
        });
        if (seen == 0) {
            throw new IngestException(new IngestProblem(name, source.lineNumber(), null, null,
                    "at least one record (the file has " + (headerless == null ? "a header but " : "") + "no records)"));
        }
        decoder.requireSomeRecordRead();
        return decoder.report();
    }

    private int[] resolveColumns(String name, List<String> header) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer earlier = position.putIfAbsent(header.get(i), i);
            if (earlier != null && columns.mapping().containsValue(header.get(i))) {
                throw new IngestException(new IngestProblem(name, headerless == null ? 1 : 0, header.get(i), null,
                        "each mapped column once (columns " + (earlier + 1) + " and " + (i + 1) + " are both named '"
                                + header.get(i) + "', so which one to read is a guess)"));
            }
        }
        int[] columnOfField = new int[EventField.values().length];
        Arrays.fill(columnOfField, -1);
        for (Map.Entry<EventField, String> mapped : columns.mapping().entrySet()) {
            Integer at = position.get(mapped.getValue());
            if (at == null) {
                throw new IngestException(new IngestProblem(name, headerless == null ? 1 : 0, mapped.getValue(), null,
                        "a column named '" + mapped.getValue() + "' for the " + mapped.getKey().name().toLowerCase()
                                + " (the columns are " + header + ")"));
            }
            columnOfField[mapped.getKey().ordinal()] = at;
        }
        return columnOfField;
    }

    /** Builds a reader; validates every setting. */
    public static final class Builder {
        private EventColumns columns;
        private char delimiter = ',';
        private char quote = '"';
        private List<String> headerless;
        private ParseMode mode = ParseMode.STRICT;
        private Charset charset = StandardCharsets.UTF_8;
        private int maxLineBytes = TextSource.DEFAULT_MAX_LINE_BYTES;
        private int maxRecordLines = DelimitedRecords.DEFAULT_MAX_RECORD_LINES;
        private long maxSkipped = DEFAULT_MAX_SKIPPED;

        private Builder() {
        }

        /**
         * The longest line accepted, in bytes, and the most characters one record (with its quoted line
         * breaks) may hold; default {@value #DEFAULT_MAX_LINE_BYTES}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxLineBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxLineBytes must be >= 1, was " + bytes);
            }
            this.maxLineBytes = bytes;
            return this;
        }

        /**
         * How many lines a quoted field may span; default {@value DelimitedRecords#DEFAULT_MAX_RECORD_LINES}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxRecordLines(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("maxRecordLines must be >= 1, was " + lines);
            }
            this.maxRecordLines = lines;
            return this;
        }

        /**
         * How many bad records lenient reading skips before it refuses the file as not of this layout; default
         * {@value #DEFAULT_MAX_SKIPPED}. Strict reading stops at the first.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder maxSkipped(long records) {
            if (records < 0) {
                throw new IllegalArgumentException("maxSkipped must be >= 0, was " + records);
            }
            this.maxSkipped = records;
            return this;
        }

        /** Which columns hold which fields (required). */
        public Builder columns(EventColumns columns) {
            this.columns = Objects.requireNonNull(columns, "columns");
            return this;
        }

        /** The field delimiter, e.g. {@code '\t'} for TSV. @throws IllegalArgumentException for a line break or the quote */
        public Builder delimiter(char delimiter) {
            if (delimiter == '\n' || delimiter == '\r' || delimiter == quote) {
                throw new IllegalArgumentException("delimiter must not be a line break or the quote character, was '"
                        + delimiter + "'");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** The quote character. @throws IllegalArgumentException if it is the delimiter or a line break */
        public Builder quote(char quote) {
            if (quote == '\n' || quote == '\r' || quote == delimiter) {
                throw new IllegalArgumentException("quote must not be a line break or the delimiter, was '" + quote + "'");
            }
            this.quote = quote;
            return this;
        }

        /**
         * The file has no header line: these are its column names, in order.
         *
         * @throws IllegalArgumentException if no names are given or a name repeats
         */
        public Builder headerless(String... columnNames) {
            if (columnNames.length == 0) {
                throw new IllegalArgumentException("headerless needs at least one column name");
            }
            if (Arrays.stream(columnNames).distinct().count() != columnNames.length) {
                throw new IllegalArgumentException("headerless column names must be distinct: " + Arrays.toString(columnNames));
            }
            this.headerless = List.of(columnNames);
            return this;
        }

        /** Strict (default) or lenient. */
        public Builder mode(ParseMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The file's charset (default UTF-8). */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /** Builds the reader. @throws IllegalStateException if no columns were given */
        public EventCsvReader build() {
            if (columns == null) {
                throw new IllegalStateException("EventCsvReader: columns(...) is required");
            }
            return new EventCsvReader(this);
        }
    }
}
