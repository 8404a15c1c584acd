package dev.tailor.cli;

import dev.tailor.eval.Splitter;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses split specifications given on the command line. */
final class SplitSpec {
    static final String HELP = "temporal:<train fraction> (e.g. temporal:0.8), temporal-at:<day or ISO instant> (test from then on, e.g. temporal-at:1998-01-01), "
            + "random:<test fraction> (per customer, seeded by --seed), last:<n> (leave last n out)";

    private SplitSpec() {
    }

    /**
     * An instant (ISO-8601, {@code 2017-07-01T00:00:00Z}) or a day ({@code 2017-06-30}: its last second, UTC).
     *
     * @throws IllegalArgumentException naming the option and what is accepted
     */
    static Instant instantOrEndOfDay(String option, String text) {
        try {
            if (text.length() == 10) {
                return java.time.LocalDate.parse(text).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minusSeconds(1);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": cannot read '" + text + "' as a day (yyyy-MM-dd) or an instant "
                    + "(yyyy-MM-ddTHH:mm:ssZ)", e);
        }
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
                    // A day means its start (00:00 UTC), as in `tailor fit --split temporal-at:DATE`.
                    return Splitter.temporalAt(value.length() == 10
                            ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                            : Instant.parse(value));
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
