package dev.tailor.fit;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Places size labels on one line, so that "one size larger" means something: numbers ({@code 8},
 * {@code 38}, {@code 10.5}) are their value; letter sizes ({@code XXS} … {@code 5XL}) are steps on the
 * usual ladder; a scale of your own lists labels from smallest to largest.
 *
 * <p>Thread-safety: immutable.
 */
public final class SizeScale {
    private static final List<String> LETTERS = List.of("XXXS", "XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL",
            "4XL", "5XL");
    private static final Map<String, String> LETTER_ALIASES = Map.of("2XS", "XXS", "3XS", "XXXS", "2XL", "XXL",
            "3XL", "XXXL", "SMALL", "S", "MEDIUM", "M", "LARGE", "L");

    private final Map<String, Double> positions;
    private final Map<String, Double> known;

    private SizeScale(Map<String, Double> positions) {
        this(positions, Map.of());
    }

    private SizeScale(Map<String, Double> positions, Map<String, Double> known) {
        this.positions = positions;
        this.known = known;
    }

    /** Numbers as their value, letter sizes (XXXS … 5XL, case-insensitive) as steps 0, 1, 2, …. */
    public static SizeScale standard() {
        return new SizeScale(null);
    }

    /**
     * A scale of the given labels, from smallest to largest, one step apart.
     *
     * @throws IllegalArgumentException if a label is repeated or there are none
     */
    public static SizeScale ordered(List<String> labelsSmallestFirst) {
        if (labelsSmallestFirst.isEmpty()) {
            throw new IllegalArgumentException("a size scale needs at least one label");
        }
        Map<String, Double> positions = new HashMap<>();
        for (String label : labelsSmallestFirst) {
            if (positions.put(Objects.requireNonNull(label, "label"), (double) positions.size()) != null) {
                throw new IllegalArgumentException("size scale: label '" + label + "' is listed twice");
            }
        }
        return new SizeScale(Map.copyOf(positions));
    }

    /** A scale that places the given labels where given and every other label as {@link #standard()} does. */
    static SizeScale withKnown(Map<String, Double> known) {
        return new SizeScale(null, Map.copyOf(known));
    }

    /** The label's position, or empty if this scale cannot place it. */
    public OptionalDouble position(String label) {
        Objects.requireNonNull(label, "label");
        if (positions != null) {
            Double p = positions.get(label);
            return p == null ? OptionalDouble.empty() : OptionalDouble.of(p);
        }
        Double saved = known.get(label);
        if (saved != null) {
            return OptionalDouble.of(saved);
        }
        String text = label.strip();
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '.')) {
            try {
                double value = Double.parseDouble(text);
                return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        String upper = text.toUpperCase(Locale.ROOT);
        upper = LETTER_ALIASES.getOrDefault(upper, upper);
        int step = LETTERS.indexOf(upper);
        return step < 0 ? OptionalDouble.empty() : OptionalDouble.of(step);
    }

    /**
     * The label's position.
     *
     * @throws IllegalArgumentException naming the label, if the scale cannot place it
     */
    public double require(String label) {
        OptionalDouble p = position(label);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("size '" + label + "' has no place on the size scale ("
                    + (positions == null ? "numbers or letter sizes XXXS-5XL" : "its " + positions.size() + " listed labels")
                    + "); give the order of your sizes with SizeScale.ordered(...)");
        }
        return p.getAsDouble();
    }
}
