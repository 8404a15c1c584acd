package dev.tailor.cli;

import dev.tailor.eval.Splitter;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses split specifications given on the command line. */
final class SplitSpec {
    static final String HELP = "temporal:<train fraction> (e.g. temporal:0.8), temporal-at:<ISO instant>, "
            + "random:<test fraction> (per customer, seeded by --seed), last:<n> (leave last n out)";

    private SplitSpec() {
    }

    /** @throws IllegalArgumentException saying what is accepted */
    static Splitter parse(String spec, long seed) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("split '" + spec + "' is not one of: " + HELP);
        }
        String kind = spec.substring(0, colon);
        String value = spec.substring(colon + 1);
        try {
            switch (kind) {
                case "temporal":
                    return Splitter.temporal(Double.parseDouble(value));
                case "temporal-at":
                    return Splitter.temporalAt(Instant.parse(value));
                case "random":
                    return Splitter.randomHoldout(Double.parseDouble(value), seed);
                case "last":
                    return Splitter.leaveLastOut(Integer.parseInt(value));
                default:
                    throw new IllegalArgumentException("split '" + spec + "' is not one of: " + HELP);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("split '" + spec + "': cannot read '" + value + "' (" + HELP + ")", e);
        }
    }
}
