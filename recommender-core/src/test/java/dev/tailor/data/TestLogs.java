package dev.tailor.data;

import java.time.Instant;

/** Small hand-made logs for tests: {@code "customer item day kind"} lines, days counted from 2024-01-01. */
public final class TestLogs {
    /** Day 0 of every test log. */
    public static final Instant DAY_ZERO = Instant.parse("2024-01-01T00:00:00Z");

    private TestLogs() {
    }

    /**
     * Two taste groups: customers c0-c19 buy 6 of items i0-i9, customers c20-c39 buy 6 of items i10-i19,
     * on random days (seeded).
     */
    public static EventLog twoTasteGroups() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int c = 0; c < 40; c++) {
            int base = c < 20 ? 0 : 10;
            int[] items = random.ints(0, 10).distinct().limit(6).toArray();
            for (int i : items) {
                lines.add("c" + c + " i" + (base + i) + " " + random.nextInt(100));
            }
        }
        return of(lines.toArray(new String[0]));
    }

    /**
     * A seeded random shop: each customer buys 3 to 40 distinct items, popular items more often, and returns
     * one purchase in ten; big enough that training splits its work across threads.
     */
    public static EventLog randomShop(long seed, int customers, int items) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        EventLog.Builder builder = EventLog.builder();
        for (int c = 0; c < customers; c++) {
            int count = 3 + random.nextInt(38);
            java.util.BitSet bought = new java.util.BitSet(items);
            for (int e = 0; e < count; e++) {
                int item = (int) (items * Math.pow(random.nextDouble(), 2));
                if (bought.get(item)) {
                    continue;
                }
                bought.set(item);
                Instant day = DAY_ZERO.plusSeconds(86_400L * random.nextInt(365));
                builder.add(new Event("c" + c, "i" + item, day, EventKind.PURCHASE, 1, 0, Double.NaN, FitFeedback.NONE, null));
                if (random.nextInt(10) == 0) {
                    builder.add(new Event("c" + c, "i" + item, day.plusSeconds(86_400L * 7), EventKind.RETURN, 1, 0,
                            Double.NaN, FitFeedback.NONE, null));
                }
            }
        }
        return builder.build();
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

    /**
     * The same purchases as {@code log}, nine in ten of them, in a seeded shuffled order: what a retrained
     * model sees, with customers and items first seen in another order, so their dense ids shift.
     */
    public static EventLog shuffledSubset(EventLog log, long seed) {
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int e = 0; e < log.size(); e++) {
            order.add(e);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        EventLog.Builder b = EventLog.builder();
        for (int e : order.subList(0, order.size() * 9 / 10)) {
            Event event = log.event(e);
            b.add(new Event(event.customer(), event.item(), event.time(), EventKind.PURCHASE, 1, 0, Double.NaN,
                    FitFeedback.NONE, null));
        }
        return b.build();
    }
}
