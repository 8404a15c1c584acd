package dev.tailor.data;

import java.time.Instant;

/** Small hand-made logs for tests: {@code "customer item day kind"} lines, days counted from 2024-01-01. */
public final class TestLogs {
    /** Day 0 of every test log. */
    public static final Instant DAY_ZERO = Instant.parse("2024-01-01T00:00:00Z");

    private TestLogs() {
    }

    /** Parses lines like {@code "alice dress 3 RENT"} (kind optional, default PURCHASE). */
    public static EventLog of(String... lines) {
        EventLog.Builder builder = EventLog.builder();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            EventKind kind = f.length > 3 ? EventKind.valueOf(f[3]) : EventKind.PURCHASE;
            FitFeedback fit = f.length > 4 ? FitFeedback.valueOf(f[4]) : FitFeedback.NONE;
            builder.add(new Event(f[0], f[1], DAY_ZERO.plusSeconds(86_400L * Long.parseLong(f[2])), kind, 1, 0,
                    Double.NaN, fit, null));
        }
        return builder.build();
    }
}
