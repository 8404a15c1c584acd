package dev.tailor.cli;

import dev.tailor.eval.Splitter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses split specifications given on the command line. */
final class SplitSpec {
    static final String HELP = "temporal:<train fraction> (e.g. temporal:0.8), temporal-at:<day or ISO instant> (test from then on, e.g. temporal-at:1998-01-01), "
            + "random:<test fraction> (per customer, seeded by --seed), last:<n> (leave last n out), "
            + "rolling:<step>@<start>[..<end>] (lists rebuilt every step from everything before it, judged on the step; step in "
            + "days or hours, e.g. rolling:7d@2017-07-01)";

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

    /** Whether a specification asks for rolling steps rather than one split. */
    static boolean isRolling(String spec) {
        return spec.startsWith("rolling:");
    }

    /**
     * A {@code rolling:<step>@<start>[..<end>]} specification: the step as {@code <n>d} or {@code <n>h}, the start
     * and end as a day (its 00:00 UTC) or an instant.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    static Splitter.Rolling parseRolling(String spec) {
        String value = spec.substring("rolling:".length());
        int at = value.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("split '" + spec + "' needs a start: rolling:<step>@<start>[..<end>], e.g. "
                    + "rolling:7d@2017-07-01");
        }
        String stepText = value.substring(0, at).strip();
        String span = value.substring(at + 1);
        int dots = span.indexOf("..");
        String startText = dots < 0 ? span : span.substring(0, dots);
        String endText = dots < 0 ? null : span.substring(dots + 2);
        Duration step;
        try {
            long n = Long.parseLong(stepText.substring(0, Math.max(0, stepText.length() - 1)));
            step = switch (stepText.isEmpty() ? ' ' : stepText.charAt(stepText.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("split '" + spec + "': cannot read the step '" + stepText + "' (days or hours, "
                    + "e.g. 7d or 12h)", e);
        }
        if (step.getSeconds() < 1) {
            throw new IllegalArgumentException("split '" + spec + "': the step must be positive, was '" + stepText + "'");
        }
        Splitter.Rolling splitter = Splitter.rolling(startOf(spec, startText), step);
        return endText == null ? splitter : splitter.until(startOf(spec, endText));
    }

    private static Instant startOf(String spec, String text) {
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("split '" + spec + "': cannot read '" + text + "' as a day (yyyy-MM-dd) or "
                    + "an instant (yyyy-MM-ddTHH:mm:ssZ)", e);
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
                case "rolling":
                    throw new IllegalArgumentException("split '" + spec + "' makes many steps, which this command does not "
                            + "take: `tailor evaluate` does");
                default:
                    throw new IllegalArgumentException("split '" + spec + "' is not one of: " + HELP);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("split '" + spec + "': cannot read '" + value + "' (" + HELP + ")", e);
        }
    }
}
