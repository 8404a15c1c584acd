package dev.tailor.recommend;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load pattern of a service that swaps models while it serves, for tests: a swapper runs every 100 ms
 * while worker threads make calls — at least the calls asked for each, and on until the swaps asked for
 * have happened. The first failure of any thread is rethrown; nothing waits forever.
 */
public final class SwapLoad {
    /** One call of one worker. */
    @FunctionalInterface
    public interface Call {
        /** Makes call number {@code call} with the worker's own seeded random source. */
        void make(Random random, int call) throws Exception;
    }

    /** What a run did. */
    public record Outcome(long calls, long swaps) {
    }

    private SwapLoad() {
    }

    /**
     * Runs the load.
     *
     * @param swap what the swapper does every 100 ms
     * @throws AssertionError wrapping the first failure of a worker or the swapper
     */
    public static Outcome run(int threads, int callsPerThread, int minSwaps, Runnable swap, Call call)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong swaps = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    swap.run();
                    swaps.incrementAndGet();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        CountDownLatch done = new CountDownLatch(threads);
        swapper.start();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            new Thread(() -> {
                try {
                    Random random = new Random(seed);
                    for (int c = 0; (c < callsPerThread || swaps.get() < minSwaps) && failure.get() == null; c++) {
                        call.make(random, c);
                        calls.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        stop.set(true);
        swapper.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get().toString(), failure.get());
        }
        return new Outcome(calls.get(), swaps.get());
    }
}
