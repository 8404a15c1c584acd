package dev.tailor.configure;

/**
 * One proposed value for a variable.
 *
 * @param value the value's code
 * @param label its name (the decimal code for products without labels)
 * @param probability its probability among the values offered for the variable
 */
public record RankedValue(int value, String label, double probability) {
}
