package dev.tailor.offer;

import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is popular lately: items by the number of rentals, purchases and wears in the window before the
 * request — within the request's occasion when the log's events carry occasions (e.g. RentTheRunway's
 * "rented for"), and within its category through the rules. The cold-start answer, and for trend-driven
 * shops (fashion rental) a strong signal for everyone. Counts are cached per hour and occasion.
 */
final class TrendingSource implements OfferSource {
    private static final int CACHED_COUNTS = 64;

    private final IdIndex items;
    private final Duration window;
    /** The distinct occasions of the events, or null when the log's events carry none. */
    private final String[] occasions;
    /** The rentals, purchases and wears, by time: item, second and occasion (-1 for none). */
    private final int[] takeItem;
    private final long[] times;
    private final int[] takeOccasion;
    private final Map<String, int[]> rankedByDayAndOccasion = new ConcurrentHashMap<>();

    private TrendingSource(IdIndex items, Duration window, String[] occasions, int[] takeItem, long[] times, int[] takeOccasion) {
        this.items = items;
        this.window = window;
        this.occasions = occasions;
        this.takeItem = takeItem;
        this.times = times;
        this.takeOccasion = takeOccasion;
    }

    private static TrendingSource of(EventLog log, Duration window, String[] occasionOfEvent) {
        int[] byTime = log.orderByTime();
        int n = 0;
        for (int e : byTime) {
            if (Shop.isTaking(log.kind(e))) {
                n++;
            }
        }
        int[] takeItem = new int[n];
        long[] times = new long[n];
        int[] takeOccasion = new int[n];
        Map<String, Integer> occasionIds = new LinkedHashMap<>();
        int i = 0;
        for (int e : byTime) {
            if (Shop.isTaking(log.kind(e))) {
                takeItem[i] = log.item(e);
                times[i] = log.epochSecond(e);
                String occasion = occasionOfEvent == null ? null : occasionOfEvent[e];
                takeOccasion[i] = occasion == null ? -1 : occasionIds.computeIfAbsent(occasion, k -> occasionIds.size());
                i++;
            }
        }
        return new TrendingSource(log.items().frozenCopy(), window, occasionOfEvent == null ? null
                : occasionIds.keySet().toArray(String[]::new), takeItem, times, takeOccasion);
    }

    /**
     * Trends of a log.
     *
     * @param window how far back "lately" reaches
     * @throws IllegalArgumentException if the window is not positive
     */
    public static TrendingSource of(EventLog log, Duration window) {
        return of(Objects.requireNonNull(log, "log"), checked(window), null);
    }

    /**
     * Trends of a log whose events carry occasions, by log position (null for an event without one).
     *
     * @throws IllegalArgumentException if the window is not positive or the occasions do not match the log
     */
    public static TrendingSource withOccasions(EventLog log, Duration window, String[] occasionOfEvent) {
        if (occasionOfEvent.length != log.size()) {
            throw new IllegalArgumentException(occasionOfEvent.length + " occasions for " + log.size() + " events");
        }
        return of(log, checked(window), occasionOfEvent.clone());
    }

    private static Duration checked(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        return window;
    }

    @Override
    public String name() {
        return "trending";
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        Optional<String> occasion = occasions == null ? Optional.empty() : request.occasion();
        long asOf = request.asOf().getEpochSecond();
        int[] ranked = ranked(asOf, occasion.orElse(null));
        List<Candidate> out = new ArrayList<>();
        String segment = occasion.map(o -> " with customers who rent for " + o).orElse("")
                + request.category().map(c -> " in " + c).orElse("");
        for (int r = 0; r + 1 < ranked.length && out.size() < n; r += 2) {
            String item = items.externalId(ranked[r]);
            if (!customer.excluded(item)) {
                out.add(Candidate.of(item, ranked[r + 1], new Reason(Reason.Kind.TRENDING, occasion.map(List::of).orElse(List.of()),
                        "popular lately" + segment + " (" + ranked[r + 1] + " in the last " + window.toDays() + " days)",
                        figures(ranked[r + 1]))));
            }
        }
        return out;
    }

    /** Items with their counts, interleaved (item, count, item, count, ...), most taken first, ties by id. */
    private int[] ranked(long asOf, String occasion) {
        // Counted up to the hour before the request: one count serves an hour of requests, and no event
        // after the as-of time is ever counted.
        long hour = Math.floorDiv(asOf, 3_600L);
        String key = hour + "\u0000" + (occasion == null ? "" : occasion);
        int[] cached = rankedByDayAndOccasion.get(key);
        if (cached != null) {
            return cached;
        }
        long to = hour * 3_600L;
        long from = to - window.getSeconds();
        int first = lowerBound(from);
        int last = lowerBound(to);
        boolean[] matching = null;
        if (occasion != null) {
            matching = new boolean[occasions.length];
            for (int o = 0; o < occasions.length; o++) {
                matching[o] = occasion.equalsIgnoreCase(occasions[o]);
            }
        }
        int[] counts = new int[items.size()];
        for (int i = first; i < last; i++) {
            if (matching == null || takeOccasion[i] >= 0 && matching[takeOccasion[i]]) {
                counts[takeItem[i]]++;
            }
        }
        long[] keyed = new long[counts.length];
        int size = 0;
        for (int item = 0; item < counts.length; item++) {
            if (counts[item] > 0) {
                keyed[size++] = ((long) (Integer.MAX_VALUE - counts[item]) << 32) | item;
            }
        }
        Arrays.sort(keyed, 0, size);
        int[] ranked = new int[2 * size];
        for (int i = 0; i < size; i++) {
            ranked[2 * i] = (int) keyed[i];
            ranked[2 * i + 1] = counts[(int) keyed[i]];
        }
        if (rankedByDayAndOccasion.size() >= CACHED_COUNTS) {
            rankedByDayAndOccasion.clear();
        }
        rankedByDayAndOccasion.put(key, ranked);
        return ranked;
    }

    private Map<String, Double> figures(int count) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("count", (double) count);
        figures.put("windowDays", window.getSeconds() / 86_400.0);
        return figures;
    }

    /**
     * This source with only the takes an answer as of {@code asOfSecond} or later can count (those of the window
     * before its hour): what a model file keeps.
     */
    TrendingSource from(long asOfSecond) {
        int first = lowerBound(Math.floorDiv(asOfSecond, 3_600L) * 3_600L - window.getSeconds());
        return new TrendingSource(items, window, occasions, Arrays.copyOfRange(takeItem, first, takeItem.length),
                Arrays.copyOfRange(times, first, times.length), Arrays.copyOfRange(takeOccasion, first, takeOccasion.length));
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(window.getSeconds());
        items.writeTo(out);
        out.writeBoolean(occasions != null);
        if (occasions != null) {
            out.writeInt(occasions.length);
            for (String occasion : occasions) {
                out.writeUTF(occasion);
            }
        }
        ArrayCodec.writeInts(takeItem, out);
        out.writeInt(times.length);
        for (long time : times) {
            out.writeLong(time);
        }
        ArrayCodec.writeInts(takeOccasion, out);
    }

    static TrendingSource readFrom(DataInputStream in) throws IOException {
        long windowSeconds = in.readLong();
        if (windowSeconds <= 0) {
            throw new IOException("trending: window of " + windowSeconds + " s");
        }
        IdIndex items = IdIndex.readFrom(in);
        String[] occasions = null;
        if (in.readBoolean()) {
            int count = in.readInt();
            if (count < 0 || count > in.available() / 2) {
                throw new IOException("trending: " + count + " occasions do not fit the bytes left");
            }
            occasions = new String[count];
            for (int o = 0; o < count; o++) {
                occasions[o] = in.readUTF();
            }
        }
        int[] takeItem = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        int n = in.readInt();
        if (n != takeItem.length) {
            throw new IOException("trending: " + n + " times for " + takeItem.length + " takes");
        }
        ArrayCodec.requireBytes(in, 8L * n, "trending times");
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = in.readLong();
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IOException("trending: take " + i + " is out of time order");
            }
        }
        int[] takeOccasion = ArrayCodec.readInts(in, n);
        if (takeOccasion.length != n) {
            throw new IOException("trending: " + takeOccasion.length + " occasions for " + n + " takes");
        }
        for (int i = 0; i < n; i++) {
            if (takeItem[i] < 0 || takeItem[i] >= items.size()
                    || takeOccasion[i] < -1 || takeOccasion[i] >= (occasions == null ? 0 : occasions.length)) {
                throw new IOException("trending: take " + i + " has item " + takeItem[i] + " and occasion "
                        + takeOccasion[i] + " out of range");
            }
        }
        return new TrendingSource(items, Duration.ofSeconds(windowSeconds), occasions, takeItem, times, takeOccasion);
    }

    private int lowerBound(long second) {
        return TakeHistory.lowerBound(times, second);
    }
}
