package dev.tailor.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * An immutable, columnar log of events, built by {@link #builder}.
 *
 * <p>Each event takes exactly {@value #BYTES_PER_EVENT} bytes: customer and item dense ids (4 + 4),
 * epoch second (8), quantity (4), amount in hundredths (4), rating (4, {@code NaN} when absent), kind
 * (1), fit feedback (1) and a size code (2). Ten million events take 320 MB.
 *
 * <p>Events are kept in insertion order; {@link #orderByTime()} gives a time order without moving them.
 * Logs derived from one another ({@link #select}) share the same {@link IdIndex} instances, so a dense
 * id means the same customer or item in a training log, its test log and every model built from them.
 *
 * <p>Thread-safety: immutable once built; safe to read from any number of threads.
 */
public final class EventLog {
    /** Bytes of heap one event takes in the columns. */
    public static final int BYTES_PER_EVENT = 32;

    /** The most distinct size labels one log holds (sizes are stored as 2-byte codes). */
    public static final int MAX_SIZES = Short.MAX_VALUE;

    /** The earliest time an event may have: 0001-01-01T00:00:00Z. */
    public static final long MIN_EPOCH_SECOND = -62135596800L;

    /** The latest time an event may have: 9999-12-31T23:59:59Z. */
    public static final long MAX_EPOCH_SECOND = 253402300799L;

    private static final short NO_SIZE = -1;

    private final IdIndex customers;
    private final IdIndex items;
    private final List<String> sizeNames;
    private final int size;
    private final int[] customer;
    private final int[] item;
    private final long[] epochSecond;
    private final int[] quantity;
    private final int[] amountHundredths;
    private final float[] rating;
    private final byte[] kind;
    private final byte[] fit;
    private final short[] sizeCode;

    private EventLog(Builder b, int size) {
        this.customers = b.customers;
        this.items = b.items;
        this.sizeNames = List.copyOf(b.sizeNames);
        this.size = size;
        // One column at a time, releasing its chunks as it goes: the peak is the chunks plus one column.
        this.customer = b.customerColumn.toArray(size);
        this.item = b.itemColumn.toArray(size);
        this.epochSecond = b.epochColumn.toArray(size);
        this.quantity = b.quantityColumn.toArray(size);
        this.amountHundredths = b.amountColumn.toArray(size);
        this.rating = b.ratingColumn.toArray(size);
        this.kind = b.kindColumn.toArray(size);
        this.fit = b.fitColumn.toArray(size);
        this.sizeCode = b.sizeColumn.toArray(size);
    }

    private EventLog(EventLog source, int[] rows) {
        this.customers = source.customers;
        this.items = source.items;
        this.sizeNames = source.sizeNames;
        this.size = rows.length;
        this.customer = new int[size];
        this.item = new int[size];
        this.epochSecond = new long[size];
        this.quantity = new int[size];
        this.amountHundredths = new int[size];
        this.rating = new float[size];
        this.kind = new byte[size];
        this.fit = new byte[size];
        this.sizeCode = new short[size];
        for (int i = 0; i < size; i++) {
            int r = rows[i];
            customer[i] = source.customer[r];
            item[i] = source.item[r];
            epochSecond[i] = source.epochSecond[r];
            quantity[i] = source.quantity[r];
            amountHundredths[i] = source.amountHundredths[r];
            rating[i] = source.rating[r];
            kind[i] = source.kind[r];
            fit[i] = source.fit[r];
            sizeCode[i] = source.sizeCode[r];
        }
    }

    /** A builder for a log over new, empty id indexes. */
    public static Builder builder() {
        return new Builder(new IdIndex(), new IdIndex());
    }

    /**
     * A builder that adds to the given id indexes, so that several sources (or a catalog read earlier)
     * share dense ids.
     */
    public static Builder builder(IdIndex customers, IdIndex items) {
        return new Builder(Objects.requireNonNull(customers, "customers"), Objects.requireNonNull(items, "items"));
    }

    /** The number of events. */
    public int size() {
        return size;
    }

    /** The customer id index this log's customer ids refer to. */
    public IdIndex customers() {
        return customers;
    }

    /** The item id index this log's item ids refer to. */
    public IdIndex items() {
        return items;
    }

    /** Dense customer id of event {@code e}. */
    public int customer(int e) {
        return customer[e];
    }

    /** Dense item id of event {@code e}. */
    public int item(int e) {
        return item[e];
    }

    /** Time of event {@code e}, in seconds since the epoch. */
    public long epochSecond(int e) {
        return epochSecond[e];
    }

    /** Kind of event {@code e}. */
    public EventKind kind(int e) {
        return EventKind.ofOrdinal(kind[e]);
    }

    /** Kind ordinal of event {@code e}, for loops that index arrays by kind. */
    public int kindOrdinal(int e) {
        return kind[e];
    }

    /** Quantity of event {@code e}. */
    public int quantity(int e) {
        return quantity[e];
    }

    /** Amount paid in event {@code e}, in currency units. */
    public double amount(int e) {
        return amountHundredths[e] / 100.0;
    }

    /** Rating of event {@code e}, or {@code NaN} when it has none. */
    public float rating(int e) {
        return rating[e];
    }

    /** Fit feedback of event {@code e}. */
    public FitFeedback fit(int e) {
        return FitFeedback.ofOrdinal(fit[e]);
    }

    /** Size of event {@code e}, or {@code null} when unknown. */
    public String sizeLabel(int e) {
        short code = sizeCode[e];
        return code == NO_SIZE ? null : sizeNames.get(code);
    }

    /** Event {@code e} as a value (allocates; for edges, not loops). */
    public Event event(int e) {
        return new Event(
                customers.externalId(customer[e]),
                items.externalId(item[e]),
                Instant.ofEpochSecond(epochSecond[e]),
                kind(e),
                quantity[e],
                amount(e),
                rating[e],
                fit(e),
                sizeLabel(e));
    }

    /** The earliest event time, in epoch seconds. @throws IllegalStateException if the log is empty */
    public long minEpochSecond() {
        requireNonEmpty();
        long min = Long.MAX_VALUE;
        for (int e = 0; e < size; e++) {
            min = Math.min(min, epochSecond[e]);
        }
        return min;
    }

    /** The latest event time, in epoch seconds. @throws IllegalStateException if the log is empty */
    public long maxEpochSecond() {
        requireNonEmpty();
        long max = Long.MIN_VALUE;
        for (int e = 0; e < size; e++) {
            max = Math.max(max, epochSecond[e]);
        }
        return max;
    }

    private void requireNonEmpty() {
        if (size == 0) {
            throw new UnsuitableDataException("the event log is empty");
        }
    }

    /**
     * Event positions sorted by time; events with the same second keep their insertion order, so
     * the order is reproducible.
     */
    public int[] orderByTime() {
        long[] keys = new long[size];
        long min = size == 0 ? 0 : minEpochSecond();
        long span = size == 0 ? 0 : maxEpochSecond() - min;
        if (span < (1L << 31)) {
            // Pack (time offset, position) into one long so a primitive sort gives a stable order.
            for (int e = 0; e < size; e++) {
                keys[e] = ((epochSecond[e] - min) << 32) | e;
            }
            Arrays.sort(keys);
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = (int) keys[i];
            }
            return order;
        }
        Integer[] boxed = new Integer[size];
        for (int e = 0; e < size; e++) {
            boxed[e] = e;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(epochSecond[a], epochSecond[b]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** A new log holding the events whose positions pass the predicate, in their order here. */
    public EventLog select(IntPredicate keep) {
        int[] rows = new int[size];
        int n = 0;
        for (int e = 0; e < size; e++) {
            if (keep.test(e)) {
                rows[n++] = e;
            }
        }
        return new EventLog(this, Arrays.copyOf(rows, n));
    }

    /**
     * A new log holding the events at the given positions, in the given order.
     *
     * @throws IndexOutOfBoundsException if a position is outside the log
     */
    public EventLog select(int[] positions) {
        for (int p : positions) {
            Objects.checkIndex(p, size);
        }
        return new EventLog(this, positions.clone());
    }

    @Override
    public String toString() {
        return "EventLog[" + size + " events, " + customers.size() + " customers, " + items.size() + " items]";
    }

    /**
     * Collects events into columns. Validates every event as it is added and names the bad field.
     * Not thread-safe. After {@link #build()} the builder must not be used again.
     */
    public static final class Builder {
        private final IdIndex customers;
        private final IdIndex items;
        private final List<String> sizeNames = new ArrayList<>();
        private final Map<String, Short> sizeCodes = new HashMap<>();
        private int size;
        private boolean built;
        // Columns grow in fixed chunks, never by copying: a load of unknown size needs no more than
        // the events' own bytes, plus one finished column while build() assembles the log.
        private final Chunks.Ints customerColumn = new Chunks.Ints();
        private final Chunks.Ints itemColumn = new Chunks.Ints();
        private final Chunks.Longs epochColumn = new Chunks.Longs();
        private final Chunks.Ints quantityColumn = new Chunks.Ints();
        private final Chunks.Ints amountColumn = new Chunks.Ints();
        private final Chunks.Floats ratingColumn = new Chunks.Floats();
        private final Chunks.Bytes kindColumn = new Chunks.Bytes();
        private final Chunks.Bytes fitColumn = new Chunks.Bytes();
        private final Chunks.Shorts sizeColumn = new Chunks.Shorts();

        private Builder(IdIndex customers, IdIndex items) {
            this.customers = customers;
            this.items = items;
        }

        /** The customer index ids are added to. */
        public IdIndex customers() {
            return customers;
        }

        /** The item index ids are added to. */
        public IdIndex items() {
            return items;
        }

        /** How many events were added so far. */
        public int size() {
            return size;
        }

        /** How many distinct size labels were added so far (at most {@value EventLog#MAX_SIZES}). */
        public int distinctSizes() {
            return sizeNames.size();
        }

        /** Whether an event with this size label was added already. */
        public boolean hasSize(String label) {
            return sizeCodes.containsKey(label);
        }

        /**
         * A hint that about this many events will be added. Columns grow in chunks, so the hint is not
         * needed for memory; it is kept so callers that know the size may say so.
         *
         * @throws IllegalArgumentException if {@code events} is negative
         */
        public Builder expectedSize(int events) {
            if (events < 0) {
                throw new IllegalArgumentException("expectedSize must be >= 0, was " + events);
            }
            return this;
        }

        /** Adds an event given as a value. @throws IllegalArgumentException if a field is out of range */
        public Builder add(Event event) {
            return add(
                    customers.idOf(event.customer()),
                    items.idOf(event.item()),
                    event.time().getEpochSecond(),
                    event.kind(),
                    event.quantity(),
                    event.amount(),
                    event.rating(),
                    event.fit(),
                    event.size());
        }

        /**
         * Adds an event over dense ids already in this builder's indexes.
         *
         * @param customerId the customer's dense id in {@link #customers()}
         * @param itemId the item's dense id in {@link #items()}
         * @param epochSec the time, in seconds since the epoch
         * @param eventKind what happened
         * @param qty the quantity, at least 0
         * @param amount the amount paid (negative for a refund)
         * @param ratingValue the rating, or {@code NaN} for none
         * @param fitFeedback the fit feedback, or {@link FitFeedback#NONE}
         * @param sizeLabel the size label, or {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException naming the field, if a dense id is not in its index, the
         *     time is outside the years 1 to 9999, the quantity is negative, the amount is not finite or
         *     beyond ±21,474,836.47, the rating is not finite as a float, the size label is not a valid
         *     label, or there would be more than {@value EventLog#MAX_SIZES} distinct sizes
         */
        public Builder add(int customerId, int itemId, long epochSec, EventKind eventKind, int qty,
                double amount, double ratingValue, FitFeedback fitFeedback, String sizeLabel) {
            if (built) {
                throw new IllegalStateException("build() was already called on this builder");
            }
            if (customerId < 0 || customerId >= customers.size()) {
                throw new IllegalArgumentException("customer: dense id " + customerId + " is not in the customer index");
            }
            if (itemId < 0 || itemId >= items.size()) {
                throw new IllegalArgumentException("item: dense id " + itemId + " is not in the item index");
            }
            if (epochSec < MIN_EPOCH_SECOND || epochSec > MAX_EPOCH_SECOND) {
                throw new IllegalArgumentException("time: must be within the years 1 to 9999, was epoch second " + epochSec);
            }
            Objects.requireNonNull(eventKind, "kind");
            Objects.requireNonNull(fitFeedback, "fit");
            if (qty < 0) {
                throw new IllegalArgumentException("quantity: must be >= 0, was " + qty);
            }
            long hundredths = Math.round(amount * 100.0);
            if (!Double.isFinite(amount) || hundredths > Integer.MAX_VALUE || hundredths < -Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "amount: must be finite and within ±21474836.47, was " + amount);
            }
            if (!Double.isNaN(ratingValue) && !Float.isFinite((float) ratingValue)) {
                throw new IllegalArgumentException("rating: must be finite (within ±3.4e38) or absent, was " + ratingValue);
            }
            if (size == Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("an event log holds at most " + (Integer.MAX_VALUE - 8) + " events");
            }
            short code = sizeLabel == null ? NO_SIZE : sizeCode(sizeLabel);
            customerColumn.add(customerId);
            itemColumn.add(itemId);
            epochColumn.add(epochSec);
            kindColumn.add((byte) eventKind.ordinal());
            quantityColumn.add(qty);
            amountColumn.add((int) hundredths);
            ratingColumn.add((float) ratingValue);
            fitColumn.add((byte) fitFeedback.ordinal());
            sizeColumn.add(code);
            size++;
            return this;
        }

        private short sizeCode(String label) {
            Short code = sizeCodes.get(label);
            if (code != null) {
                return code;
            }
            String problem = IdIndex.problemWith(label);
            if (problem != null) {
                throw new IllegalArgumentException("size: label " + IdIndex.quoted(label) + " is not valid: "
                        + problem.replace("an id", "a label"));
            }
            if (sizeNames.size() >= MAX_SIZES) {
                throw new IllegalArgumentException("size: more than " + MAX_SIZES + " distinct sizes");
            }
            short next = (short) sizeNames.size();
            sizeNames.add(label);
            sizeCodes.put(label, next);
            return next;
        }

        /** Builds the log. The builder cannot be used afterwards (its columns move into the log). */
        public EventLog build() {
            if (built) {
                throw new IllegalStateException("build() was already called on this builder");
            }
            built = true;
            return new EventLog(this, size);
        }
    }
}
