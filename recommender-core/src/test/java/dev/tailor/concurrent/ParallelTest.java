package dev.tailor.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParallelTest {
    @Test
    void everyIndexRunsExactlyOnceOnAtMostTheGivenThreads() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            for (int count : new int[] {0, 1, 7, 100, 100_003}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, count));
                ConcurrentHashMap<Thread, Boolean> used = new ConcurrentHashMap<>();
                Parallel.forEach("test", threads, count, i -> {
                    runs.incrementAndGet(i);
                    used.put(Thread.currentThread(), true);
                });
                for (int i = 0; i < count; i++) {
                    assertEquals(1, runs.get(i), "index " + i);
                }
                assertTrue(used.size() <= threads, used.size() + " threads for " + threads);
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWorkerThatDiesOfOutOfMemoryDoesNotLeaveTheCallerWaiting() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space (simulated)");
        for (int attempt = 0; attempt < 50; attempt++) {
            int failing = attempt * 37 % 1000;
            OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> Parallel.forEach("test", 4, 1000, i -> {
                if (i == failing) {
                    throw oom;
                }
            }));
            assertSame(oom, thrown);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRuntimeFailureIsRethrownAsItIsAndTheOtherWorkersStop() {
        AtomicInteger after = new AtomicInteger();
        IllegalArgumentException bad = new IllegalArgumentException("bad item");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Parallel.forEach("test", 2,
                10_000_000, i -> {
                    if (i == 5) {
                        throw bad;
                    }
                    after.incrementAndGet();
                }));
        assertSame(bad, thrown);
        assertTrue(after.get() < 10_000_000 - 1, "the others stopped early: " + after.get());
    }

    @Test
    void anInterruptedCallerGetsAnExceptionAndKeepsItsFlag() {
        Thread.currentThread().interrupt();
        try {
            // The caller's own share of the work sees nothing; the wait for helpers is what notices.
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach("test", 2, 1000, i -> {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(e.getMessage().contains("interrupted"));
            assertTrue(Thread.interrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void threadCountsBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.forEach("test", 0, 10, i -> { }));
    }
}
