package dev.tailor.offer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * What a learned source computes once per day of requests (its view of the shop as of the day's start): computed by
 * the first request of a day while the day's other requests wait for it instead of computing it again, the last few
 * days kept.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class DayCache<T> {
    private final int days;
    private final LongFunction<T> compute;
    private final Map<Long, T> byDay = new ConcurrentHashMap<>();

    /**
     * @param days how many days are kept (requests may straddle midnight, or ask as of a past day)
     * @param compute the value of a day, from the day's number since the epoch
     */
    DayCache(int days, LongFunction<T> compute) {
        this.days = days;
        this.compute = compute;
    }

    /** The value of the day holding {@code epochSecond}. */
    T at(long epochSecond) {
        long day = Math.floorDiv(epochSecond, TakeHistory.DAY);
        T cached = byDay.get(day);
        if (cached != null) {
            return cached;
        }
        if (byDay.size() >= days) {
            byDay.clear();
        }
        return byDay.computeIfAbsent(day, compute::apply);
    }
}
