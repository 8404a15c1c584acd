package dev.tailor.ingest.text;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventField;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.internal.DecimalText;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw field texts into events in a log builder, with the checks and messages every reader
 * shares. Readers of other formats (such as JSON Lines) feed it one record at a time.
 *
 * <p>A record either becomes one event or, in lenient mode, is skipped whole: ids enter the indexes only
 * after every field of the record has been read.
 *
 * <p>Not thread-safe: one decoder per source.
 */
public final class EventRecordDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecordDecoder.class);

    /**
     * How many records lenient reading skips before it gives the file up: a file that bad is not of the layout it
     * is read as, and each skipped record costs a problem report, so a small compressed file of bad records would
     * otherwise take minutes.
     */
    public static final long DEFAULT_MAX_SKIPPED = 100_000;

    private final EventColumns columns;
    private final EventLog.Builder target;
    private final ParseMode mode;
    private final String source;
    private final List<IngestProblem> problems = new ArrayList<>();
    private long records;
    private long added;
    private long skipped;
    private long excluded;
    private long maxSkipped = DEFAULT_MAX_SKIPPED;

    /**
     * A decoder for one source.
     *
     * @param source how messages name the source, e.g. the file name
     */
    public EventRecordDecoder(EventColumns columns, EventLog.Builder target, ParseMode mode, String source) {
        this.columns = Objects.requireNonNull(columns, "columns");
        this.target = Objects.requireNonNull(target, "target");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * How many records lenient reading may skip before the source is refused (default
     * {@value #DEFAULT_MAX_SKIPPED}).
     *
     * @throws IllegalArgumentException if negative
     */
    public EventRecordDecoder maxSkipped(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxSkipped must be >= 0, was " + max);
        }
        this.maxSkipped = max;
        return this;
    }

    /** A fresh array for one record's raw values, indexed by {@link EventField#ordinal()}. */
    public static String[] newRecord() {
        return new String[EventField.values().length];
    }

    /**
     * Decodes one record.
     *
     * @param line the record's 1-based line number in the source
     * @param raw raw texts indexed by {@link EventField#ordinal()}; {@code null} for a field the
     *     record does not have
     * @return whether an event was added
     * @throws IngestException in strict mode, for the first bad field
     */
    public boolean accept(long line, String[] raw) {
        records++;
        try {
            decode(line, raw);
            added++;
            return true;
        } catch (IngestException e) {
            if (mode == ParseMode.STRICT) {
                throw e;
            }
            skip(e.problem());
            return false;
        }
    }

    /**
     * Records a problem with a record that could not even be split into fields (a short line, bad
     * bytes, invalid JSON).
     *
     * @throws IngestException in strict mode
     */
    public void reject(IngestProblem problem) {
        records++;
        if (mode == ParseMode.STRICT) {
            throw new IngestException(problem);
        }
        skip(problem);
    }

    /**
     * Counts a good record the reader leaves out by its documented policy (not an error in either
     * mode); the report shows how many.
     */
    public void exclude() {
        records++;
        excluded++;
    }

    private void skip(IngestProblem problem) {
        skipped++;
        if (problems.size() < IngestReport.MAX_EXAMPLES) {
            problems.add(problem);
        }
        if (skipped > maxSkipped) {
            throw new IngestException(new IngestProblem(source, problem.line(), null, null, "at most " + maxSkipped
                    + " records to skip (lenient reading gives up: " + skipped + " of the " + records + " records so far were"
                    + " refused, which is not a file of this layout; the first: " + problems.get(0).withoutValue() + ")"));
        }
    }

    /** The report so far; logs a warning when records were skipped. */
    public IngestReport report() {
        IngestReport report = new IngestReport(source, records, added, skipped, excluded, problems);
        if (excluded > 0) {
            LOG.info(report.summary());
        }
        if (skipped > 0) {
            // Positions and reasons only: raw values may be personal data (customer ids).
            LOG.warn("{}; first problem: {}", report.summary(), problems.get(0).withoutValue());
        }
        return report;
    }

    /**
     * Refuses a source whose records were all refused: in lenient mode that is a wrong file or a wrong
     * column mapping, not data to go on with.
     *
     * @throws IngestException naming the source and the first problem, if records were skipped and
     *     none was read
     */
    public void requireSomeRecordRead() {
        if (added == 0 && skipped > 0) {
            throw new IngestException(new IngestProblem(source, 0, null, null, "at least one readable record (all "
                    + skipped + " records were refused; the first: " + problems.get(0).withoutValue() + ")"));
        }
    }

    private void decode(long line, String[] raw) {
        String customer = id(line, raw, EventField.CUSTOMER);
        String item = id(line, raw, EventField.ITEM);
        String timeText = required(line, raw, EventField.TIME);
        long epochSecond;
        try {
            epochSecond = columns.timeFormat().toEpochSecond(timeText);
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw problem(line, EventField.TIME, timeText, columns.timeFormat().description(), e);
        }
        if (epochSecond < EventLog.MIN_EPOCH_SECOND || epochSecond > EventLog.MAX_EPOCH_SECOND) {
            throw problem(line, EventField.TIME, timeText, columns.timeFormat().description()
                    + " within the years 1 to 9999", null);
        }
        EventKind kind = columns.constantKind().orElse(null);
        if (kind == null) {
            String kindText = required(line, raw, EventField.KIND);
            kind = columns.kindOf(kindText).orElseThrow(
                    () -> problem(line, EventField.KIND, kindText, "an event kind: " + columns.acceptedKinds(), null));
        }
        int quantity = 1;
        String quantityText = optional(raw, EventField.QUANTITY);
        if (quantityText != null) {
            if (quantityText.startsWith("-") && DecimalText.isWholeNumber(quantityText.substring(1))) {
                throw problem(line, EventField.QUANTITY, quantityText,
                        "a whole number >= 0 (a negative quantity is not an event; record a RETURN instead)", null);
            }
            if (!DecimalText.isWholeNumber(quantityText)) {
                throw problem(line, EventField.QUANTITY, quantityText, "a whole number >= 0 such as 2", null);
            }
            try {
                quantity = Integer.parseInt(quantityText);
            } catch (NumberFormatException e) {
                throw problem(line, EventField.QUANTITY, quantityText, "a whole number from 0 to " + Integer.MAX_VALUE, e);
            }
        }
        double amount = number(line, raw, EventField.AMOUNT, 0.0, "an amount such as 19.99 (within ±21474836.47)");
        if (Math.abs(amount) > Integer.MAX_VALUE / 100.0) {
            throw problem(line, EventField.AMOUNT, raw[EventField.AMOUNT.ordinal()], "an amount within ±21474836.47", null);
        }
        double rating = number(line, raw, EventField.RATING, Double.NaN, "a rating such as 4 or 4.5");
        if (!Double.isNaN(rating) && !Float.isFinite((float) rating)) {
            throw problem(line, EventField.RATING, raw[EventField.RATING.ordinal()], "a rating within ±3.4e38", null);
        }
        FitFeedback fit = FitFeedback.NONE;
        String fitText = optional(raw, EventField.FIT);
        if (fitText != null) {
            fit = FitFeedback.parseOrNull(fitText);
            if (fit == null) {
                throw problem(line, EventField.FIT, fitText, "fit feedback: " + FitFeedback.acceptedNames(), null);
            }
        }
        String size = optional(raw, EventField.SIZE);
        if (size != null) {
            String invalid = IdIndex.problemWith(size);
            if (invalid != null) {
                throw problem(line, EventField.SIZE, size, "a size label (" + invalid.replace("an id", "a label") + ")", null);
            }
            if (!target.hasSize(size) && target.distinctSizes() >= EventLog.MAX_SIZES) {
                throw problem(line, EventField.SIZE, size, "one of at most " + EventLog.MAX_SIZES
                        + " distinct sizes (this would be one more)", null);
            }
        }
        target.add(target.customers().idOf(customer), target.items().idOf(item), epochSecond, kind, quantity,
                amount, rating, fit, size);
    }

    private String id(long line, String[] raw, EventField field) {
        String value = required(line, raw, field);
        String invalid = IdIndex.problemWith(value);
        if (invalid != null) {
            throw problem(line, field, value, expectedFor(field) + " (" + invalid + ")", null);
        }
        return value;
    }

    private String required(long line, String[] raw, EventField field) {
        String value = raw[field.ordinal()];
        if (value == null || value.isBlank()) {
            throw problem(line, field, value, expectedFor(field) + " (the value is missing)", null);
        }
        return value.strip();
    }

    /** What a required field must hold; built only when a record fails. */
    private String expectedFor(EventField field) {
        switch (field) {
            case CUSTOMER:
                return "a customer id";
            case ITEM:
                return "an item id";
            case TIME:
                return columns.timeFormat().description();
            case KIND:
                return "an event kind: " + columns.acceptedKinds();
            default:
                return "a value";
        }
    }

    private static String optional(String[] raw, EventField field) {
        String value = raw[field.ordinal()];
        return value == null || value.isBlank() ? null : value.strip();
    }

    private double number(long line, String[] raw, EventField field, double absent, String expected) {
        String text = optional(raw, field);
        if (text == null) {
            return absent;
        }
        if (!DecimalText.isDecimal(text)) {
            throw problem(line, field, text, expected, null);
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw problem(line, field, text, expected, e);
        }
        if (!Double.isFinite(value)) {
            throw problem(line, field, text, expected, null);
        }
        return value;
    }

    private IngestException problem(long line, EventField field, String rawValue, String expected, Throwable cause) {
        IngestProblem problem = new IngestProblem(source, line, columns.column(field).orElse(null), rawValue, expected);
        return cause == null ? new IngestException(problem) : new IngestException(problem, cause);
    }
}
