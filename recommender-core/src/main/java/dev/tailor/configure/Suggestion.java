package dev.tailor.configure;

import java.util.List;

/**
 * The values proposed for one open variable, most probable first; with a solution space, only values
 * some complete valid configuration has.
 *
 * @param variable the variable's name
 * @param column its column in the history and partial configurations
 * @param values ranked values, never empty
 */
public record Suggestion(String variable, int column, List<RankedValue> values) {
    /** Copies the list. */
    public Suggestion {
        values = List.copyOf(values);
    }

    /**
     * One proposed value for a variable.
     *
     * @param value the value's code
     * @param label its name (the decimal code for products without labels)
     * @param probability its probability among the values offered for the variable
     */
    public record RankedValue(int value, String label, double probability) {
    }

    /** The most probable value. */
    public RankedValue best() {
        return values.get(0);
    }
}
