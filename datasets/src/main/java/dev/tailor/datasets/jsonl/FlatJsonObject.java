package dev.tailor.datasets.jsonl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads one line of JSON Lines as a flat object: each top-level field's scalar value as text (strings,
 * numbers, booleans; {@code null} is absent), nested objects and arrays flagged and skipped. The one
 * JSON-object parser of the dataset readers (jackson-core's streaming parser).
 */
public final class FlatJsonObject {
    // A name given twice in one object is refused: which value a reader keeps would be a guess.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Receives the fields of one object. */
    @FunctionalInterface
    public interface Fields {
        /**
         * One top-level field.
         *
         * @param text the scalar value as text, or null when the value is JSON null or nested
         * @param nested whether the value is an object or an array (then {@code text} is "{...}" or "[...]")
         */
        void field(String name, String text, boolean nested);
    }

    private FlatJsonObject() {
    }

    /**
     * Parses one line.
     *
     * @return null when the line is one JSON object, else what is wrong with it
     */
    public static String parse(String line, Fields fields) {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "the line is not an object";
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    fields.field(name, value == JsonToken.START_OBJECT ? "{...}" : "[...]", true);
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_NULL) {
                    fields.field(name, parser.getText(), false);
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return "unexpected " + token;
            }
            return parser.nextToken() != null ? "text after the object" : null;
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the text it stumbled on (a customer id, say): reasons reach the logs, so
            // only where it stumbled is said.
            long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            return "malformed JSON" + (column > 0 ? " at column " + column : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
