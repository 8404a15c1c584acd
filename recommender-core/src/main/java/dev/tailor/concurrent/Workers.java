package dev.tailor.concurrent;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * Where a parallel step runs: an executor for the helper threads and how many threads work at most (the
 * caller's own included). Trainers and batch scorers take one through their {@code executor(...)} and
 * {@code threads(...)} settings; the default is the {@linkplain Parallel#defaultExecutor() shared pool}
 * bounded by the cores.
 *
 * @param executor runs the helpers (a service's own pool, virtual threads, ...)
 * @param threads the most threads that work at once, at least 1
 */
public record Workers(Executor executor, int threads) {

    /** Validates the settings. @throws IllegalArgumentException if threads &lt; 1 */
    public Workers {
        Objects.requireNonNull(executor, "executor");
        Parallel.checkThreads(threads);
    }

    /** The shared pool, with as many threads as cores. */
    public static Workers defaults() {
        return new Workers(Parallel.defaultExecutor(), Runtime.getRuntime().availableProcessors());
    }

    /** The same executor with another thread count. @throws IllegalArgumentException if threads &lt; 1 */
    public Workers withThreads(int count) {
        return new Workers(executor, count);
    }

    /** Another executor with the same thread count. */
    public Workers withExecutor(Executor other) {
        return new Workers(other, threads);
    }

    /** {@link Parallel#forEach(String, Executor, int, int, IntConsumer)} with these settings. */
    public void forEach(String task, int count, IntConsumer body) {
        Parallel.forEach(task, executor, threads, count, body);
    }
}
