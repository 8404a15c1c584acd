package dev.tailor.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import dev.tailor.fit.SizeAdvice;
import dev.tailor.offer.Offer;
import dev.tailor.offer.Reason;
import dev.tailor.replenish.Reminder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Offers, reminders and size advice as JSON, and events from JSON: the one JSON vocabulary of {@code tailor offers
 * --json} and {@code tailor serve}. Reading is strict — an unknown field, a missing one or a value of the wrong type
 * is a {@link BadInput} naming the field — and every id is checked as an id ({@link IdIndex#problemWith}).
 *
 * <p>Thread-safety: stateless.
 */
public final class OffersJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private OffersJson() {
    }

    /** Input that cannot be used, with the field it concerns (null when it is the whole input). */
    public static final class BadInput extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        /** An error about a field (or, with a null field, the input as a whole). */
        public BadInput(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The field the error is about, or null. */
        public String field() {
            return field;
        }
    }

    /** One customer's offers as one JSON object: the customer and the offers, each with its reasons and their figures. */
    public static String offers(String customer, List<Offer> offers) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("customer", customer);
            json.writeArrayFieldStart("offers");
            for (Offer o : offers) {
                json.writeStartObject();
                json.writeStringField("item", o.item());
                if (o.category().isPresent()) {
                    json.writeStringField("category", o.category().get());
                }
                if (o.price().isPresent()) {
                    json.writeNumberField("price", o.price().getAsDouble());
                }
                if (o.size().isPresent()) {
                    json.writeStringField("size", o.size().get());
                }
                if (o.fitProbability().isPresent()) {
                    json.writeNumberField("fitProbability", o.fitProbability().getAsDouble());
                }
                if (o.configuration().isPresent()) {
                    json.writeObjectFieldStart("configuration");
                    for (Map.Entry<String, String> choice : o.configuration().get().choices().entrySet()) {
                        json.writeStringField(choice.getKey(), choice.getValue());
                    }
                    json.writeEndObject();
                }
                json.writeNumberField("score", o.score());
                json.writeBooleanField("incentive", o.incentive());
                json.writeArrayFieldStart("sources");
                for (String source : o.sources()) {
                    json.writeString(source);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("reasons");
                for (Reason r : o.reasons()) {
                    json.writeStartObject();
                    json.writeStringField("kind", r.kind().name());
                    json.writeArrayFieldStart("evidence");
                    for (String id : r.evidence()) {
                        json.writeString(id);
                    }
                    json.writeEndArray();
                    json.writeStringField("text", r.text());
                    json.writeObjectFieldStart("figures");
                    for (Map.Entry<String, Double> figure : r.figures().entrySet()) {
                        number(json, figure.getKey(), figure.getValue());
                    }
                    json.writeEndObject();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** A customer's due reminders as one JSON object. */
    public static String reminders(String customer, List<Reminder> reminders) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("customer", customer);
            json.writeArrayFieldStart("reminders");
            for (Reminder r : reminders) {
                json.writeStartObject();
                json.writeStringField("key", r.key());
                json.writeStringField("remindOn", r.remindOn().toString());
                json.writeStringField("dueDate", r.dueDate().toString());
                number(json, "probability", r.probability());
                json.writeStringField("lastItem", r.lastItem());
                if (r.lastSize().isPresent()) {
                    json.writeStringField("lastSize", r.lastSize().get());
                }
                json.writeNumberField("lastQuantity", r.lastQuantity());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The size to send of an item, with every size's probabilities. */
    public static String size(String customer, String item, SizeAdvice advice) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("customer", customer);
            json.writeStringField("item", item);
            json.writeStringField("size", advice.size());
            number(json, "probabilityOfFit", advice.probabilityOfFit());
            json.writeArrayFieldStart("sizes");
            for (SizeAdvice.SizeOption option : advice.options()) {
                json.writeStartObject();
                json.writeStringField("size", option.size());
                number(json, "small", option.fit().small());
                number(json, "fits", option.fit().fits());
                number(json, "large", option.fit().large());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** An error body: {@code {"error": ..., "field": ...}}. */
    public static String error(String message, String field) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            if (field != null) {
                json.writeStringField("field", field);
            }
            json.writeEndObject();
        });
    }

    /** A flat object of the given fields (strings, numbers, booleans). */
    public static String object(Map<String, ?> fields) {
        return write(json -> {
            json.writeStartObject();
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                Object value = field.getValue();
                if (value instanceof Integer || value instanceof Long) {
                    json.writeNumberField(field.getKey(), ((Number) value).longValue());
                } else if (value instanceof Number number) {
                    number(json, field.getKey(), number.doubleValue());
                } else if (value instanceof Boolean bool) {
                    json.writeBooleanField(field.getKey(), bool);
                } else {
                    json.writeStringField(field.getKey(), String.valueOf(value));
                }
            }
            json.writeEndObject();
        });
    }

    /**
     * Events from a body: one JSON object, or JSON Lines (one object per line). Fields: {@code customer}, {@code item},
     * {@code kind} (required), {@code time} (ISO-8601; default {@code now}), {@code quantity} (default 1),
     * {@code amount} (default 0), {@code rating}, {@code fit} (small, fits, large), {@code size}.
     *
     * @throws BadInput naming the line and field, for malformed JSON, an unknown or missing field, a value of the wrong
     *     type or range, an id that is not a valid id, or more than {@code maxEvents} events
     */
    public static List<Event> events(String body, Instant now, int maxEvents) {
        List<Event> events = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (events.size() == maxEvents) {
                throw new BadInput(null, "at most " + maxEvents + " events per request");
            }
            String where = lines.length > 1 ? "line " + (l + 1) + ": " : "";
            try (JsonParser parser = JSON.createParser(line)) {
                events.add(event(parser, now, where));
                if (parser.nextToken() != null) {
                    throw new BadInput(null, where + "one JSON object per line, found more after it");
                }
            } catch (JsonParseException e) {
                throw new BadInput(null, where + "malformed JSON (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (events.isEmpty()) {
            throw new BadInput(null, "no event in the body");
        }
        return events;
    }

    private static Event event(JsonParser parser, Instant now, String where) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new BadInput(null, where + "an event is a JSON object");
        }
        String customer = null;
        String item = null;
        String kind = null;
        Instant time = now;
        int quantity = 1;
        double amount = 0;
        double rating = Double.NaN;
        FitFeedback fit = FitFeedback.NONE;
        String size = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "customer" -> customer = id(parser, value, field, where);
                case "item" -> item = id(parser, value, field, where);
                case "kind" -> kind = text(parser, value, field, where);
                case "time" -> {
                    String text = text(parser, value, field, where);
                    try {
                        time = Instant.parse(text);
                    } catch (DateTimeParseException e) {
                        throw new BadInput(field, where + "time: not an ISO-8601 instant (e.g. 2026-12-01T10:15:30Z)");
                    }
                }
                case "quantity" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0 || parser.getLongValue() > 1_000_000) {
                        throw new BadInput(field, where + "quantity: a whole number from 0 to 1,000,000");
                    }
                    quantity = parser.getIntValue();
                }
                case "amount" -> amount = finite(parser, value, field, where);
                case "rating" -> rating = finite(parser, value, field, where);
                case "fit" -> {
                    FitFeedback parsed = FitFeedback.parseOrNull(text(parser, value, field, where));
                    if (parsed == null) {
                        throw new BadInput(field, where + "fit: one of too_small, fits, too_large (or small, fit, large)");
                    }
                    fit = parsed;
                }
                case "size" -> size = id(parser, value, field, where);
                default -> throw new BadInput(field, where + "unknown field '" + printable(field) + "'; known: customer, item, "
                        + "kind, time, quantity, amount, rating, fit, size");
            }
        }
        if (customer == null || item == null || kind == null) {
            String missing = customer == null ? "customer" : item == null ? "item" : "kind";
            throw new BadInput(missing, where + missing + " is required");
        }
        EventKind parsedKind = EventKind.parseOrNull(kind);
        if (parsedKind == null) {
            throw new BadInput("kind", where + "kind: one of " + EventKind.acceptedNames());
        }
        return new Event(customer, item, time, parsedKind, quantity, amount, rating, fit, size);
    }

    private static String text(JsonParser parser, JsonToken value, String field, String where) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new BadInput(field, where + field + ": a string");
        }
        String text = parser.getText();
        if (text.length() > IdIndex.MAX_ID_LENGTH) {
            throw new BadInput(field, where + field + ": at most " + IdIndex.MAX_ID_LENGTH + " characters");
        }
        return text;
    }

    private static String id(JsonParser parser, JsonToken value, String field, String where) throws IOException {
        String text = text(parser, value, field, where);
        String problem = IdIndex.problemWith(text);
        if (problem != null) {
            throw new BadInput(field, where + field + ": " + problem);
        }
        return text;
    }

    private static double finite(JsonParser parser, JsonToken value, String field, String where) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT || !Double.isFinite(parser.getDoubleValue())) {
            throw new BadInput(field, where + field + ": a finite number");
        }
        return parser.getDoubleValue();
    }

    /** A name for a message: at most 60 characters, what a terminal would obey escaped. */
    static String printable(String text) {
        return dev.tailor.internal.PrintableText.escape(text.length() <= 60 ? text : text.substring(0, 60) + "...", false);
    }

    private static void number(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Body body) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return text.toString();
    }
}
