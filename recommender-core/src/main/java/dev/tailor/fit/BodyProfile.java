package dev.tailor.fit;

import dev.tailor.data.IdIndex;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about a customer's body: numeric measurements (height, weight, bust, age, in any units
 * as long as one name always has one unit) and categorical traits (body type, cup). Either may be empty;
 * unknown values are simply left out.
 *
 * <p>A fit model uses profiles to place customers it has no fit feedback from: their size is predicted
 * from the profile instead of taken as the population's.
 *
 * @param measurements name → value, every value finite
 * @param traits name → value, e.g. {@code body_type → hourglass}
 */
public record BodyProfile(Map<String, Double> measurements, Map<String, String> traits) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException for a measurement that is not finite, or a name or trait value that is
     *     not a valid label (1 to 1,000 characters without control characters, as ids)
     */
    public BodyProfile {
        measurements = Map.copyOf(measurements);
        traits = Map.copyOf(traits);
        measurements.forEach((name, value) -> {
            checkLabel(name, "measurement name");
            if (!Double.isFinite(Objects.requireNonNull(value, name))) {
                throw new IllegalArgumentException("body profile: measurement '" + name + "' must be finite, was " + value);
            }
        });
        traits.forEach((name, value) -> {
            checkLabel(name, "trait name");
            checkLabel(value, "value of trait '" + name + "'");
        });
    }

    private static void checkLabel(String text, String what) {
        String invalid = IdIndex.problemWith(text);
        if (invalid != null) {
            throw new IllegalArgumentException("body profile: the " + what + " is not valid: " + invalid.replace("an id", "a label"));
        }
    }

    /** Whether nothing is known. */
    public boolean isEmpty() {
        return measurements.isEmpty() && traits.isEmpty();
    }
}
