package dev.tailor.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Walks the records of delimited text: skips blank lines, joins quoted fields that span lines, and
 * hands undecodable or unterminated records to the decoder as problems (errors in strict mode). Readers
 * of specific layouts build on it; {@link EventCsvReader} is the general one.
 *
 * <p>Not thread-safe.
 */
public final class DelimitedRecords {
    /** Receives one record's fields. */
    @FunctionalInterface
    public interface Handler {
        /** Handles the fields of the record starting at {@code line}. */
        void record(long line, List<String> fields);
    }

    private final TextSource source;
    private final DelimitedLine splitter;
    private final EventRecordDecoder decoder;
    private final ParseMode mode;
    private final List<String> fields = DelimitedLine.newFields();
    private long records;

    DelimitedRecords(TextSource source, char delimiter, char quote, EventRecordDecoder decoder, ParseMode mode) {
        this.source = source;
        this.splitter = new DelimitedLine(delimiter, quote);
        this.decoder = decoder;
        this.mode = mode;
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
            DelimitedRecords records = new DelimitedRecords(source, delimiter, '"', decoder, mode);
            List<String> header = records.header();
            if (!header.equals(expectedHeader)) {
                throw new IngestException(new IngestProblem(source.name(), 1, null, String.join(String.valueOf(delimiter), header),
                        "the header " + String.join(String.valueOf(delimiter), expectedHeader)));
            }
            records.forEach(expectedHeader, handler);
        }
    }

    /**
     * Reads the header line (a leading byte-order mark is dropped; names are stripped).
     *
     * @throws IngestException if the source is empty or the header has an open quote
     */
    List<String> header() {
        String first = source.readLine();
        if (first == null) {
            throw new IngestException(new IngestProblem(source.name(), 0, null, null,
                    "a header line naming the columns (the file is empty)"));
        }
        if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
            first = first.substring(1);
        }
        if (splitter.split(first, fields) < 0) {
            throw new IngestException(new IngestProblem(source.name(), 1, null, first, "a header line with closed quotes"));
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
    long forEach(List<String> header, Handler handler) {
        int needed = header.size();
        String line;
        while ((line = source.readLine()) != null) {
            long lineNumber = source.lineNumber();
            if (line.isBlank()) {
                continue;
            }
            records++;
            if (mode == ParseMode.LENIENT && line.indexOf(TextSource.REPLACEMENT) >= 0) {
                decoder.reject(new IngestProblem(source.name(), lineNumber, null, null,
                        "text in the file's charset (the line holds bytes that are not valid in it)"));
                continue;
            }
            String record = line;
            int count = splitter.split(record, fields);
            while (count < 0) {
                String next = source.readLine();
                if (next == null) {
                    break;
                }
                record = record + '\n' + next;
                count = splitter.split(record, fields);
            }
            if (count < 0) {
                decoder.reject(new IngestProblem(source.name(), lineNumber, null, abbreviate(record), "a closing quote"));
                continue;
            }
            if (count < needed) {
                decoder.reject(new IngestProblem(source.name(), lineNumber, header.get(count), null,
                        needed + " fields as in the header (the line has " + count + ")"));
                continue;
            }
            handler.record(lineNumber, fields);
        }
        return records;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
