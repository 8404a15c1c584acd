package dev.tailor.ingest;

import dev.tailor.data.EventKind;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which source column (CSV header name, or JSON field name) holds which event field, how times are
 * written, and how the source names event kinds.
 *
 * <pre>{@code
 * EventColumns columns = EventColumns.builder()
 *     .customer("customer_id").item("sku").time("ts", TimeFormat.iso8601())
 *     .kind("action").kindAlias("buy", EventKind.PURCHASE)
 *     .amount("paid").fit("fit").size("size")
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public final class EventColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<EventField, String> columnByField;
    private final TimeFormat timeFormat;
    private final EventKind constantKind;
    private final Map<String, EventKind> kindAliases;

    private EventColumns(Builder b) {
        this.columnByField = Collections.unmodifiableMap(new EnumMap<>(b.columnByField));
        this.timeFormat = b.timeFormat;
        this.constantKind = b.constantKind;
        this.kindAliases = Map.copyOf(b.kindAliases);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The source column mapped to a field, when it is mapped. */
    public Optional<String> column(EventField field) {
        return Optional.ofNullable(columnByField.get(field));
    }

    /** The mapped fields and their columns. */
    public Map<EventField, String> mapping() {
        return columnByField;
    }

    /** How times are written. */
    public TimeFormat timeFormat() {
        return timeFormat;
    }

    /** The kind every event gets, when no kind column is mapped. */
    public Optional<EventKind> constantKind() {
        return Optional.ofNullable(constantKind);
    }

    /** The kind a source's kind text means: an alias of this mapping or a kind's name, any case. */
    public Optional<EventKind> kindOf(String text) {
        return Optional.ofNullable(kindOrNull(text));
    }

    private EventKind kindOrNull(String text) {
        EventKind named = EventKind.parseOrNull(text);
        if (named != null && named.name().length() == text.length()) {
            return named;
        }
        if (kindAliases.isEmpty()) {
            return EventKind.parseOrNull(text);
        }
        EventKind aliased = kindAliases.get(text.strip().toLowerCase(Locale.ROOT));
        return aliased != null ? aliased : EventKind.parseOrNull(text);
    }


    /** The kind texts this mapping accepts, for messages. */
    public String acceptedKinds() {
        return kindAliases.isEmpty()
                ? EventKind.acceptedNames()
                : EventKind.acceptedNames() + " or one of " + kindAliases.keySet();
    }

    /** Builds a mapping; {@link #build()} checks that customer, item, time and a kind are given. */
    public static final class Builder {
        private final Map<EventField, String> columnByField = new EnumMap<>(EventField.class);
        private final Map<String, EventKind> kindAliases = new HashMap<>();
        private TimeFormat timeFormat;
        private EventKind constantKind;

        private Builder() {
        }

        /** The column holding the external customer id. */
        public Builder customer(String column) {
            return map(EventField.CUSTOMER, column);
        }

        /** The column holding the external item id. */
        public Builder item(String column) {
            return map(EventField.ITEM, column);
        }

        /** The column holding the time, and how it is written. */
        public Builder time(String column, TimeFormat format) {
            this.timeFormat = Objects.requireNonNull(format, "format");
            return map(EventField.TIME, column);
        }

        /** The column holding the kind (a {@link EventKind} name, case-insensitive, or an alias). */
        public Builder kind(String column) {
            return map(EventField.KIND, column);
        }

        /** Every event has this kind (for sources of one kind, such as a ratings file). */
        public Builder constantKind(EventKind kind) {
            this.constantKind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** A source's own word for a kind, e.g. {@code "buy"} for {@link EventKind#PURCHASE}; case-insensitive. */
        public Builder kindAlias(String text, EventKind kind) {
            Objects.requireNonNull(text, "text");
            kindAliases.put(text.strip().toLowerCase(Locale.ROOT), Objects.requireNonNull(kind, "kind"));
            return this;
        }

        /** The column holding the quantity (whole number, at least 0). */
        public Builder quantity(String column) {
            return map(EventField.QUANTITY, column);
        }

        /** The column holding the amount paid. */
        public Builder amount(String column) {
            return map(EventField.AMOUNT, column);
        }

        /** The column holding an explicit rating. */
        public Builder rating(String column) {
            return map(EventField.RATING, column);
        }

        /** The column holding fit feedback ({@code TOO_SMALL}, {@code FITS}, {@code TOO_LARGE}). */
        public Builder fit(String column) {
            return map(EventField.FIT, column);
        }

        /** The column holding the size label. */
        public Builder size(String column) {
            return map(EventField.SIZE, column);
        }

        /**
         * Maps a field named in text ({@code customer}, {@code item}, {@code time}, {@code kind}, {@code quantity},
         * {@code amount}, {@code rating}, {@code fit} or {@code size}, any case), as command lines give it; the
         * time format applies when the field is {@code time}.
         *
         * @throws IllegalArgumentException naming the fields, if the name is none of them
         */
        public Builder field(String name, String column, TimeFormat timeFormat) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "customer" -> customer(column);
                case "item" -> item(column);
                case "time" -> time(column, timeFormat);
                case "kind" -> kind(column);
                case "quantity" -> quantity(column);
                case "amount" -> amount(column);
                case "rating" -> rating(column);
                case "fit" -> fit(column);
                case "size" -> size(column);
                default -> throw new IllegalArgumentException("unknown field '" + name
                        + "' (fields: customer, item, time, kind, quantity, amount, rating, fit, size)");
            }
            return this;
        }

        private Builder map(EventField field, String column) {
            Objects.requireNonNull(column, field.name().toLowerCase(Locale.ROOT) + " column");
            if (column.isBlank()) {
                throw new IllegalArgumentException(field.name().toLowerCase(Locale.ROOT) + " column name must not be blank");
            }
            columnByField.put(field, column);
            return this;
        }

        /**
         * Builds the mapping.
         *
         * @throws IllegalStateException if customer, item or time is not mapped, or if neither a kind
         *     column nor a constant kind is given, or both are
         */
        public EventColumns build() {
            for (EventField required : new EventField[] {EventField.CUSTOMER, EventField.ITEM, EventField.TIME}) {
                if (!columnByField.containsKey(required)) {
                    throw new IllegalStateException("event columns: the " + required.name().toLowerCase(Locale.ROOT)
                            + " column is not mapped");
                }
            }
            boolean kindColumn = columnByField.containsKey(EventField.KIND);
            if (kindColumn == (constantKind != null)) {
                throw new IllegalStateException(
                        "event columns: map exactly one of a kind column or a constant kind");
            }
            return new EventColumns(this);
        }
    }
}
