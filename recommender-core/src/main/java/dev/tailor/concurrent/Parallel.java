package dev.tailor.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs loops on a pool of a given size (not the common pool, so a caller's thread budget holds), and
 * rethrows a worker's runtime exception as is. Every parallel step of Tailor goes through here.
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Calls {@code body} for every index in {@code [0, count)} on {@code threads} threads, in no particular
     * order.
     *
     * @param task what the work is, for messages
     * @throws IllegalArgumentException if threads < 1
     * @throws IllegalStateException if interrupted, or wrapping a worker's checked exception or error
     */
    public static void forEach(String task, int threads, int count, IntConsumer body) {
        checkThreads(threads);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(task + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(task + " failed: " + cause, cause);
        } finally {
            pool.shutdown();
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
