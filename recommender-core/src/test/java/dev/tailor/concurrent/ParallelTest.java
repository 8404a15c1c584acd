package dev.tailor.concurrent;

import dev.tailor.internal.Parallel;
import dev.tailor.internal.ScratchPool;
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

    /** Every index once, whatever the executor does with the helpers. */
    private static void assertAllOnce(java.util.concurrent.Executor executor, int threads) {
        AtomicIntegerArray seen = new AtomicIntegerArray(10_000);
        Parallel.forEach("test", executor, threads, seen.length(), seen::incrementAndGet);
        for (int i = 0; i < seen.length(); i++) {
            assertEquals(1, seen.get(i), "index " + i);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anyKindOfExecutorFinishesTheWorkWithoutDeadlock() throws InterruptedException {
        // Runs helpers in the caller, rejects them, or queues them behind a task that never ends.
        assertAllOnce(Runnable::run, 4);
        assertAllOnce(task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        }, 4);
        java.util.concurrent.ExecutorService single = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            single.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertAllOnce(single, 4);
        } finally {
            release.countDown();
            single.shutdown();
        }
        // A thread per task, as a virtual-thread executor is.
        assertAllOnce(task -> new Thread(task).start(), 8);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nestedLoopsFromManyCallersOnTheBoundedSharedPoolDoNotDeadlock() throws InterruptedException {
        AtomicInteger total = new AtomicInteger();
        Thread[] callers = new Thread[8];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> Parallel.forEach("outer", 4, 16,
                    i -> Parallel.forEach("inner", 4, 100, j -> total.incrementAndGet())));
            callers[t].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(8 * 16 * 100, total.get());
    }

    @Test
    void helpersComeFromTheGivenExecutor() {
        AtomicInteger handedOut = new AtomicInteger();
        Workers workers = Workers.defaults().withThreads(3).withExecutor(task -> {
            handedOut.incrementAndGet();
            new Thread(task).start();
        });
        AtomicIntegerArray seen = new AtomicIntegerArray(1000);
        workers.forEach("test", seen.length(), seen::incrementAndGet);
        assertEquals(2, handedOut.get(), "two helpers beside the caller");
        assertThrows(IllegalArgumentException.class, () -> workers.withThreads(0));
        assertThrows(NullPointerException.class, () -> workers.withExecutor(null));
    }

    @Test
    void aScratchPoolReusesReturnedScratchAndReplacesOneTooSmall() {
        AtomicInteger made = new AtomicInteger();
        ScratchPool<int[]> pool = new ScratchPool<>(n -> {
            made.incrementAndGet();
            return new int[n];
        }, a -> a.length);
        int[] first = pool.acquire(10);
        int[] second = pool.acquire(10);
        assertTrue(first != second, "a scratch in use is never handed out twice");
        pool.release(first);
        assertSame(first, pool.acquire(5));
        pool.release(first);
        int[] bigger = pool.acquire(20);
        assertEquals(20, bigger.length);
        assertEquals(3, made.get());
        for (int i = 0; i < 1000; i++) {
            pool.release(new int[1]);
        }
        // Bounded: releasing a thousand arrays keeps at most two per core.
        int kept = 0;
        int before = made.get();
        while (kept < 1000) {
            pool.acquire(1);
            if (made.get() > before) {
                break;
            }
            kept++;
        }
        assertTrue(kept <= 2 * Runtime.getRuntime().availableProcessors() + 1, kept + " kept");
    }
}
