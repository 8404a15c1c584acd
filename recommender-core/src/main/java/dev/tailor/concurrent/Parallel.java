package dev.tailor.concurrent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs loops on a given number of threads (the caller's thread and helpers from one shared pool of
 * daemon threads that are released when idle), and rethrows a worker's failure in the caller. Every
 * parallel step of Tailor goes through here.
 *
 * <p>Work is handed out in chunks from a shared counter. Each worker signals its end in a
 * {@code finally}, so the caller never waits for a worker that died — even of {@link OutOfMemoryError};
 * after a failure the other workers stop at their next chunk, and the first failure is rethrown as it
 * is (runtime exceptions and errors) once every worker has stopped.
 */
public final class Parallel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Parallel.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ExecutorService HELPERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemonThreads());

    private Parallel() {
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
     * Calls {@code body} for every index in {@code [0, count)} on up to {@code threads} threads (the
     * calling thread is one of them), in no particular order.
     *
     * @param task what the work is, for messages
     * @throws IllegalArgumentException if threads &lt; 1
     * @throws IllegalStateException if interrupted (the flag is restored), or wrapping a worker's checked
     *     exception; a worker's runtime exception or error is rethrown as it is
     */
    public static void forEach(String task, int threads, int count, IntConsumer body) {
        checkThreads(threads);
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
        CountDownLatch helpersDone = new CountDownLatch(workers - 1);
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
        int started = 0;
        try {
            for (; started < workers - 1; started++) {
                HELPERS.execute(() -> {
                    try {
                        work.run();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        helpersDone.countDown();
                    }
                });
            }
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            // No helper could be started (no memory for a thread): the caller does the rest alone.
            for (int missing = started; missing < workers - 1; missing++) {
                helpersDone.countDown();
            }
        }
        try {
            work.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        boolean interrupted = false;
        while (true) {
            try {
                helpersDone.await();
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
