package dev.tailor.ingest;

import dev.tailor.internal.DecimalText;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;

/**
 * How a source writes times. Every format yields whole seconds since the epoch (milliseconds are
 * floored to the second).
 *
 * <p>Thread-safety: immutable. Serializable, for engines that ship a mapping to their workers.
 */
public final class TimeFormat implements Serializable {
    private static final long serialVersionUID = 1L;

    private enum Style { ISO, EPOCH_SECONDS, EPOCH_MILLIS, PATTERN }

    private final Style style;
    private final ZoneId zone;
    /** Rebuilt from {@link #pattern} after deserialization (engines such as Spark ship formats to their workers). */
    private final transient DateTimeFormatter formatter;
    private final String pattern;
    private final String description;

    private TimeFormat(Style style, ZoneId zone, DateTimeFormatter formatter, String pattern, String description) {
        this.style = style;
        this.zone = zone;
        this.formatter = formatter;
        this.pattern = pattern;
        this.description = description;
    }

    private Object readResolve() {
        return style == Style.PATTERN ? pattern(pattern, zone) : new TimeFormat(style, zone, null, null, description);
    }

    /**
     * ISO-8601: an instant ({@code 2024-03-01T10:15:30Z}), a date-time with offset
     * ({@code 2024-03-01T10:15:30+01:00}), a local date-time ({@code 2024-03-01T10:15:30}, or with a
     * space for the {@code T}) or a date ({@code 2024-03-01}, the start of that day). Local values are
     * read in UTC.
     */
    public static TimeFormat iso8601() {
        return iso8601(ZoneOffset.UTC);
    }

    /** ISO-8601, reading local date-times and dates in the given zone. */
    public static TimeFormat iso8601(ZoneId zone) {
        return new TimeFormat(Style.ISO, Objects.requireNonNull(zone, "zone"), null, null,
                "an ISO-8601 time such as 2024-03-01T10:15:30Z, 2024-03-01T10:15:30 or 2024-03-01");
    }

    /** Whole seconds since 1970-01-01T00:00:00Z, e.g. {@code 881250949}. */
    public static TimeFormat epochSeconds() {
        return new TimeFormat(Style.EPOCH_SECONDS, ZoneOffset.UTC, null, null, "whole seconds since the epoch, e.g. 881250949");
    }

    /** Whole milliseconds since the epoch, e.g. {@code 881250949000}. */
    public static TimeFormat epochMillis() {
        return new TimeFormat(Style.EPOCH_MILLIS, ZoneOffset.UTC, null, null, "milliseconds since the epoch, e.g. 881250949000");
    }

    /**
     * A {@link DateTimeFormatter} pattern such as {@code yyyyMMdd} or {@code M/d/yyyy H:mm}, read in the
     * given zone; a pattern without a time of day gives the start of the day.
     *
     * @throws IllegalArgumentException if the pattern is not a valid {@code DateTimeFormatter} pattern
     */
    public static TimeFormat pattern(String pattern, ZoneId zone) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(zone, "zone");
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("time pattern '" + pattern + "' is not valid: " + e.getMessage(), e);
        }
        return new TimeFormat(Style.PATTERN, zone, formatter, pattern, "a time of the form '" + pattern + "'");
    }

    /**
     * Parses a format given by name on a command line: {@code iso}, {@code epoch-seconds},
     * {@code epoch-millis}, or {@code pattern:<DateTimeFormatter pattern>} (all in UTC).
     *
     * @throws IllegalArgumentException if the name is none of these
     */
    public static TimeFormat parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        switch (spec) {
            case "iso":
                return iso8601();
            case "epoch-seconds":
                return epochSeconds();
            case "epoch-millis":
                return epochMillis();
            default:
                if (spec.startsWith("pattern:")) {
                    return pattern(spec.substring("pattern:".length()), ZoneOffset.UTC);
                }
                throw new IllegalArgumentException("time format '" + spec
                        + "' is not one of: iso, epoch-seconds, epoch-millis, pattern:<pattern>");
        }
    }

    /** What a valid value looks like, for error messages. */
    public String description() {
        return description;
    }

    /** Long.parseLong also reads "+5" and digits of other scripts; a data file's epoch is ASCII digits. */
    private static String asciiInteger(String t) {
        String digits = t.startsWith("-") ? t.substring(1) : t;
        if (!DecimalText.isWholeNumber(digits)) {
            throw new NumberFormatException("not a whole number: " + t);
        }
        return t;
    }

    /**
     * Reads a time.
     *
     * @return seconds since the epoch
     * @throws DateTimeException or {@link NumberFormatException} if the text is not in this format
     */
    public long toEpochSecond(String text) {
        String t = text.strip();
        switch (style) {
            case EPOCH_SECONDS:
                return Long.parseLong(asciiInteger(t));
            case EPOCH_MILLIS:
                return Math.floorDiv(Long.parseLong(asciiInteger(t)), 1000L);
            case ISO:
                return isoToEpochSecond(t);
            case PATTERN:
            default:
                TemporalAccessor parsed = formatter.parseBest(t, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
                if (parsed instanceof ZonedDateTime zoned) {
                    return zoned.toEpochSecond();
                }
                if (parsed instanceof LocalDateTime local) {
                    return local.atZone(zone).toEpochSecond();
                }
                return ((LocalDate) parsed).atStartOfDay(zone).toEpochSecond();
        }
    }

    private long isoToEpochSecond(String t) {
        long fast = fastIso(t);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay(zone).toEpochSecond();
        }
        String normalized = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
        char last = normalized.charAt(normalized.length() - 1);
        if (last == 'Z' || last == 'z') {
            return Instant.parse(normalized.substring(0, normalized.length() - 1) + 'Z').getEpochSecond();
        }
        int timeStart = normalized.indexOf('T');
        if (timeStart > 0 && (normalized.indexOf('+', timeStart) > 0 || normalized.indexOf('-', timeStart) > 0)) {
            return OffsetDateTime.parse(normalized).toEpochSecond();
        }
        return LocalDateTime.parse(normalized).atZone(zone).toEpochSecond();
    }

    /**
     * The common shapes {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)} and (in UTC)
     * {@code yyyy-MM-dd[ T]HH:mm:ss} read by hand, or {@link Long#MIN_VALUE} to let {@code java.time}
     * read (and judge) anything else, including every invalid value.
     */
    private long fastIso(String t) {
        int n = t.length();
        if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        if (i < n && t.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 9) {
                return Long.MIN_VALUE;
            }
        }
        long offsetSeconds;
        if (i == n) {
            if (!ZoneOffset.UTC.equals(zone)) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = 0;
        } else if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int offsetHours = digits(t, i + 1, 2);
            int offsetMinutes = digits(t, i + 4, 2);
            // ±18:00 is the widest offset java.time (and ISO 8601 practice) knows: +18:01 is not a time zone.
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 18 * 60) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (t.charAt(i) == '+' ? 1 : -1) * (offsetHours * 3600L + offsetMinutes * 60L);
        } else {
            return Long.MIN_VALUE;
        }
        return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    }

    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    @Override
    public String toString() {
        return description;
    }
}
