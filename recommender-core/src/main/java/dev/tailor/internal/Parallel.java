package dev.tailor.internal;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs loops on a given number of threads (the caller's thread and helpers from the caller's executor or
 * one shared pool, bounded by the cores, of daemon threads that are released when idle), and rethrows a
 * worker's failure in the caller. Every parallel step of Tailor goes through here.
 *
 * <p>Work is handed out in chunks from a shared counter. Each worker signals its end in a
 * {@code finally}, so the caller never waits for a worker that died — even of {@link OutOfMemoryError};
 * after a failure the other workers stop at their next chunk, and the first failure is rethrown as it
 * is (runtime exceptions and errors) once every worker has stopped.
 */
public final class Parallel {
    private static final int CLOSED = 1 << 30;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Parallel.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    /**
     * The shared default: as many daemon threads as cores, started on demand and released after 30 s
     * idle, work queued beyond that. Bounded, so many concurrent callers do not multiply threads.
     */
    private static final ThreadPoolExecutor SHARED = sharedPool();

    private Parallel() {
    }

    private static ThreadPoolExecutor sharedPool() {
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(cores, cores, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemonThreads());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The executor every parallel step uses unless it is given another: a shared pool bounded by the number
     * of cores, of daemon threads released when idle.
     */
    public static Executor defaultExecutor() {
        return SHARED;
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "tailor-worker-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            // Work failures reach the caller through forEach; what is left (the pool's own bookkeeping
            // failing after an OutOfMemoryError) is not the user's business beyond the log.
            thread.setUncaughtExceptionHandler((t, e) -> {
                try {
                    LOG.debug("{} stopped: {}", t.getName(), e.toString());
                } catch (Throwable ignored) {
                    // Out of memory even for the log line.
                }
            });
            return thread;
        };
    }

    /**
     * Calls {@code body} for every index in {@code [0, count)} on up to {@code threads} threads of the
     * {@linkplain #defaultExecutor() shared pool} (the calling thread is one of them), in no particular order.
     *
     * @param task what the work is, for messages
     * @throws IllegalArgumentException if threads &lt; 1
     * @throws IllegalStateException if interrupted (the flag is restored), or wrapping a worker's checked
     *     exception; a worker's runtime exception or error is rethrown as it is
     */
    public static void forEach(String task, int threads, int count, IntConsumer body) {
        forEach(task, SHARED, threads, count, body);
    }

    /**
     * As {@link #forEach(String, int, int, IntConsumer)} with helpers from the caller's executor (any kind:
     * bounded, queueing, virtual threads, one that runs tasks in the caller). The caller works too and never
     * waits for a helper that has not started, so a busy or saturated executor only means fewer helpers,
     * never a deadlock; a rejected helper is no helper.
     */
    public static void forEach(String task, Executor executor, int threads, int count, IntConsumer body) {
        checkThreads(threads);
        Objects.requireNonNull(executor, "executor");
        if (count <= 0) {
            return;
        }
        int workers = Math.min(threads, count);
        if (workers == 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        // Several chunks per worker balance uneven work; chunks of many indices keep the counter cold.
        int chunk = Math.max(1, Math.min(4096, count / (workers * 16)));
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // Helpers that began, with CLOSED set once the caller has finished its share: a helper that starts
        // after that does nothing, so the caller waits exactly for those that began.
        AtomicInteger begun = new AtomicInteger();
        Semaphore finished = new Semaphore(0);
        Runnable work = () -> {
            while (failure.get() == null) {
                int start = next.getAndAdd(chunk);
                if (start >= count || start < 0) {
                    return;
                }
                int end = Math.min(count, start + chunk);
                for (int i = start; i < end; i++) {
                    body.accept(i);
                }
            }
        };
        Runnable helper = () -> {
            if ((begun.getAndUpdate(b -> (b & CLOSED) != 0 ? b : b + 1) & CLOSED) != 0) {
                return;
            }
            try {
                work.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                finished.release();
            }
        };
        try {
            for (int started = 0; started < workers - 1; started++) {
                executor.execute(helper);
            }
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            // No more helpers could be started (a saturated executor, no memory for a thread): fewer workers.
        }
        try {
            work.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        int helpers = begun.getAndUpdate(b -> b | CLOSED);
        boolean interrupted = false;
        while (true) {
            try {
                finished.acquire(helpers);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                failure.compareAndSet(null, e);
            }
        }
        Throwable cause = failure.get();
        if (interrupted || cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(task + " interrupted", cause);
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause != null) {
            throw new IllegalStateException(task + " failed: " + cause, cause);
        }
    }

    /**
     * Validates a thread count setting.
     *
     * @return the count
     * @throws IllegalArgumentException naming the setting, if it is below 1
     */
    public static int checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        return threads;
    }
}
