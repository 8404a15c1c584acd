package dev.tailor.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A day's value is computed once, however many requests of the day arrive together, and old days are let go. */
class DayCacheTest {
    @Test
    void concurrentFirstRequestsOfADayComputeItOnce() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch slow = new CountDownLatch(1);
        DayCache<long[]> cache = new DayCache<>(2, day -> {
            computed.incrementAndGet();
            try {
                slow.await(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new long[] {day};
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> answers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long second = 86_400L * 20_000 + 3_600L * t;
                answers.add(pool.submit(() -> {
                    start.await();
                    return cache.at(second);
                }));
            }
            start.countDown();
            long[] first = answers.get(0).get();
            for (Future<long[]> answer : answers) {
                assertSame(first, answer.get());
            }
            assertEquals(20_000L, first[0]);
            assertEquals(1, computed.get());
        } finally {
            pool.shutdownNow();
        }
        cache.at(86_400L * 20_001);
        cache.at(86_400L * 20_002);
        assertEquals(3, computed.get());
        cache.at(86_400L * 20_000 + 5);
        assertEquals(4, computed.get(), "the oldest day was let go");
        cache.at(-1);
        assertEquals(5, computed.get());
        assertEquals(-1L, cache.at(-86_400L)[0], "seconds before the epoch belong to day -1");
    }
}
