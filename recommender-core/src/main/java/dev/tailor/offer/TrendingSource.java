package dev.tailor.offer;

import dev.tailor.data.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
public final class TrendingSource implements OfferSource {
    private static final int CACHED_COUNTS = 64;

    private final EventLog log;
    private final Duration window;
    private final String[] occasionOfEvent;
    private final int[] byTime;
    private final long[] times;
    private final Map<String, int[]> rankedByDayAndOccasion = new ConcurrentHashMap<>();

    private TrendingSource(EventLog log, Duration window, String[] occasionOfEvent) {
        this.log = log;
        this.window = window;
        this.occasionOfEvent = occasionOfEvent;
        this.byTime = log.orderByTime();
        this.times = new long[byTime.length];
        for (int i = 0; i < byTime.length; i++) {
            times[i] = log.epochSecond(byTime[i]);
        }
    }

    /**
     * Trends of a log.
     *
     * @param window how far back "lately" reaches
     * @throws IllegalArgumentException if the window is not positive
     */
    public static TrendingSource of(EventLog log, Duration window) {
        return new TrendingSource(Objects.requireNonNull(log, "log"), checked(window), null);
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
        return new TrendingSource(log, checked(window), occasionOfEvent.clone());
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
        Optional<String> occasion = occasionOfEvent == null ? Optional.empty() : request.occasion();
        long asOf = request.asOf().getEpochSecond();
        int[] ranked = ranked(asOf, occasion.orElse(null));
        List<Candidate> out = new ArrayList<>();
        String segment = occasion.map(o -> " with customers who rent for " + o).orElse("")
                + request.category().map(c -> " in " + c).orElse("");
        for (int r = 0; r + 1 < ranked.length && out.size() < n; r += 2) {
            String item = log.items().externalId(ranked[r]);
            if (!customer.excluded(item)) {
                out.add(Candidate.of(item, ranked[r + 1], new Reason(Reason.Kind.TRENDING, occasion.map(List::of).orElse(List.of()),
                        "popular lately" + segment + " (" + ranked[r + 1] + " in the last " + window.toDays() + " days)")));
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
        int[] counts = new int[log.items().size()];
        for (int i = first; i < last; i++) {
            int e = byTime[i];
            if (Shop.isTaking(log.kind(e)) && (occasion == null || occasion.equalsIgnoreCase(occasionOfEvent[e]))) {
                counts[log.item(e)]++;
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

    private int lowerBound(long second) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < second) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
