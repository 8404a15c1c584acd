package dev.tailor.spark;

import dev.tailor.data.Event;
import dev.tailor.data.EventLog;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventField;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.EventRecordDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Events from any Spark source (Parquet, CSV, a table), read with the core's column mapping and the core's
 * record decoder on the executors: the same fields, checks and messages as {@code EventCsvReader}.
 *
 * <p>Strict mode fails on the first bad row, naming it ({@code "<source> partition P"}, the row's 1-based
 * position in that partition, the column and the value). Lenient mode skips bad rows and reports how many, with
 * up to {@link IngestReport#MAX_EXAMPLES} examples. Timestamp and date columns are read as ISO-8601 instants, so
 * a time column of such a type needs {@code TimeFormat.iso8601()}.
 *
 * <p>The decoded events are persisted (memory and disk) so the counts describe exactly one pass; call
 * {@link Result#release()} when done with them.
 */
public final class SparkEvents {
    /** The schema of the decoded events: one row per core {@link Event}. */
    public static final StructType SCHEMA = new StructType()
            .add("customer", DataTypes.StringType, false)
            .add("item", DataTypes.StringType, false)
            .add("epoch_second", DataTypes.LongType, false)
            .add("kind", DataTypes.StringType, false)
            .add("quantity", DataTypes.IntegerType, false)
            .add("amount", DataTypes.DoubleType, false)
            .add("rating", DataTypes.DoubleType, false)
            .add("fit", DataTypes.StringType, false)
            .add("size", DataTypes.StringType, true);

    private SparkEvents() {
    }

    /** Decoded events and the report of reading them. */
    public record Result(Dataset<Row> events, IngestReport report) {
        /** Unpersists the decoded events. */
        public void release() {
            events.unpersist();
        }
    }

    /**
     * Reads and checks events.
     *
     * @param source how messages name the input, e.g. its path
     * @throws IllegalArgumentException if a mapped column is missing from the input
     * @throws IngestException in strict mode for the first bad row; in lenient mode if every row was refused
     */
    public static Result read(Dataset<Row> input, EventColumns columns, ParseMode mode, String source) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(source, "source");
        StructType schema = input.schema();
        int fields = EventField.values().length;
        int[] positions = new int[fields];
        boolean[] temporal = new boolean[fields];
        java.util.Arrays.fill(positions, -1);
        for (Map.Entry<EventField, String> mapped : columns.mapping().entrySet()) {
            String name = mapped.getValue();
            if (!java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException(source + ": no column '" + name + "' for " + mapped.getKey()
                        + "; the input has " + String.join(", ", schema.fieldNames()));
            }
            int position = schema.fieldIndex(name);
            positions[mapped.getKey().ordinal()] = position;
            var type = schema.fields()[position].dataType();
            temporal[mapped.getKey().ordinal()] = type instanceof TimestampType || type instanceof DateType;
        }
        SparkSession spark = input.sparkSession();
        LongAccumulator records = spark.sparkContext().longAccumulator("tailor records");
        LongAccumulator added = spark.sparkContext().longAccumulator("tailor events");
        LongAccumulator skipped = spark.sparkContext().longAccumulator("tailor skipped");
        CollectionAccumulator<IngestProblem> examples = spark.sparkContext().collectionAccumulator("tailor problems");
        JavaRDD<Row> decoded = input.javaRDD().mapPartitionsWithIndex((partition, rows) -> decodePartition(partition,
                rows, columns, positions, temporal, mode, source, records, added, skipped, examples), true);
        Dataset<Row> events = spark.createDataFrame(decoded, SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            events.count();
        } catch (Exception e) {
            // Spark rethrows a task's failure as its own (checked) SparkException with the task's exception as cause.
            events.unpersist();
            IngestException cause = ingestCause(e);
            if (cause != null) {
                throw new IngestException(cause.problem(), cause.lineOnly());
            }
            throw e;
        }
        List<IngestProblem> sample = new ArrayList<>(examples.value());
        sample.sort(Comparator.comparing(IngestProblem::source).thenComparingLong(IngestProblem::line));
        IngestReport report = new IngestReport(source, records.value(), added.value(), skipped.value(), 0,
                sample.subList(0, Math.min(sample.size(), IngestReport.MAX_EXAMPLES)));
        if (report.eventsAdded() == 0 && report.skipped() > 0) {
            events.unpersist();
            throw new IngestException(new IngestProblem(source, 0, null, null, "at least one readable record (all "
                    + report.skipped() + " records were refused; the first: " + sample.get(0).withoutValue() + ")"));
        }
        return new Result(events, report);
    }

    private static Iterator<Row> decodePartition(int partition, Iterator<Row> rows, EventColumns columns, int[] positions,
            boolean[] temporal, ParseMode mode, String source, LongAccumulator records, LongAccumulator added,
            LongAccumulator skipped, CollectionAccumulator<IngestProblem> examples) {
        EventLog.Builder builder = EventLog.builder();
        EventRecordDecoder decoder = new EventRecordDecoder(columns, builder, mode, source + " partition " + partition);
        long line = 0;
        String[] raw = EventRecordDecoder.newRecord();
        while (rows.hasNext()) {
            Row row = rows.next();
            line++;
            for (int f = 0; f < positions.length; f++) {
                raw[f] = positions[f] < 0 || row.isNullAt(positions[f]) ? null : text(row.get(positions[f]), temporal[f]);
            }
            decoder.accept(line, raw);
        }
        IngestReport report = decoder.report();
        records.add(report.records());
        added.add(report.eventsAdded());
        skipped.add(report.skipped());
        report.firstProblems().forEach(examples::add);
        EventLog log = builder.build();
        List<Row> out = new ArrayList<>(log.size());
        for (int e = 0; e < log.size(); e++) {
            Event event = log.event(e);
            out.add(RowFactory.create(event.customer(), event.item(), event.time().getEpochSecond(), event.kind().name(),
                    event.quantity(), event.amount(), event.rating(), event.fit().name(), event.size()));
        }
        return out.iterator();
    }

    private static String text(Object value, boolean temporal) {
        if (!temporal) {
            return value.toString();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
        }
        if (value instanceof java.time.LocalDate d) {
            return d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        return value.toString();
    }

    /** The core's exception inside Spark's wrappers, if a task failed with one. */
    static IngestException ingestCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IngestException ingest) {
                return ingest;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** An event rebuilt from a row of {@link #SCHEMA}. */
    static Event event(Row row) {
        return new Event(row.getString(0), row.getString(1), Instant.ofEpochSecond(row.getLong(2)),
                dev.tailor.data.EventKind.valueOf(row.getString(3)), row.getInt(4), row.getDouble(5), row.getDouble(6),
                dev.tailor.data.FitFeedback.valueOf(row.getString(7)), row.isNullAt(8) ? null : row.getString(8));
    }
}
