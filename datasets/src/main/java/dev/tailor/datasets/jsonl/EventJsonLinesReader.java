package dev.tailor.datasets.jsonl;

import dev.tailor.data.EventLog;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventField;
import dev.tailor.ingest.text.EventRecordDecoder;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.TextSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads events from JSON Lines (one JSON object per line; gzip detected by content), mapping top-level
 * field names to event fields with the same {@link EventColumns} as the CSV reader, and the same
 * strict/lenient handling and messages. Scalar values (strings, numbers, booleans) are read as text;
 * {@code null} counts as absent; a mapped field holding an object or array is an error. Parsing uses
 * jackson-core's streaming parser.
 *
 * <p>Thread-safety: immutable; one reader may read several files at once into different builders.
 */
public final class EventJsonLinesReader {
    private final EventColumns columns;
    private final ParseMode mode;
    private final Map<String, EventField> fieldByName = new HashMap<>();

    /** A reader for the given mapping, in strict or lenient mode. */
    public EventJsonLinesReader(EventColumns columns, ParseMode mode) {
        this.columns = Objects.requireNonNull(columns, "columns");
        this.mode = Objects.requireNonNull(mode, "mode");
        for (Map.Entry<EventField, String> mapped : columns.mapping().entrySet()) {
            fieldByName.put(mapped.getValue(), mapped.getKey());
        }
    }

    /**
     * Reads a file into {@code target}.
     *
     * @throws dev.tailor.ingest.IngestException in strict mode at the first bad line, or if the file is
     *     missing or holds no records (in either mode: an empty file is not data)
     */
    public IngestReport read(Path file, EventLog.Builder target) {
        try (TextSource source = TextSource.open(file, StandardCharsets.UTF_8, mode)) {
            EventRecordDecoder decoder = new EventRecordDecoder(columns, target, mode, source.name());
            String[] raw = EventRecordDecoder.newRecord();
            Map<EventField, String> nonScalar = new EnumMap<>(EventField.class);
            long records = 0;
            String line;
            long[] unreadable = new long[1];
            while ((line = source.readLine(problem -> {
                unreadable[0]++;
                decoder.reject(problem);
            })) != null) {
                if (line.isBlank()) {
                    continue;
                }
                records++;
                long lineNumber = source.lineNumber();
                java.util.Arrays.fill(raw, null);
                nonScalar.clear();
                String error = parseObject(line, raw, nonScalar);
                if (error != null) {
                    decoder.reject(new IngestProblem(source.name(), lineNumber, null, null,
                            "one JSON object per line (" + error + ")"));
                    continue;
                }
                if (!nonScalar.isEmpty()) {
                    Map.Entry<EventField, String> first = nonScalar.entrySet().iterator().next();
                    decoder.reject(new IngestProblem(source.name(), lineNumber, columns.column(first.getKey()).orElse(null),
                            first.getValue(), "a string or number, not an object or array"));
                    continue;
                }
                decoder.accept(lineNumber, raw);
            }
            if (records + unreadable[0] == 0) {
                throw new dev.tailor.ingest.IngestException(new IngestProblem(source.name(), 0, null, null,
                        "at least one JSON object (the file has no records)"));
            }
            decoder.requireSomeRecordRead();
            return decoder.report();
        }
    }

    /** Fills raw values from one line; returns an error description, or null when the line is an object. */
    private String parseObject(String line, String[] raw, Map<EventField, String> nonScalar) {
        return FlatJsonObject.parse(line, (name, text, nested) -> {
            EventField field = fieldByName.get(name);
            if (field == null) {
                return;
            }
            if (nested) {
                nonScalar.put(field, text);
            } else {
                raw[field.ordinal()] = text;
            }
        });
    }
}
