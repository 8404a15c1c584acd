package dev.tailor.concurrent;

import dev.tailor.internal.Parallel;
import dev.tailor.progress.ProgressListener;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * Where a parallel step runs: an executor for the helper threads and how many threads work at most (the
 * caller's own included). Trainers and the evaluator take one through their {@link Settings} ({@code executor(...)}
 * and {@code threads(...)}); the default is one shared pool of daemon threads bounded by the cores.
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

    /**
     * Calls {@code body} for every index in {@code [0, count)} on up to {@link #threads()} threads (the
     * caller's among them), in chunks, in no particular order; helpers come from {@link #executor()}, and the
     * caller never waits for one that has not started, so any executor works and a busy one only means fewer
     * helpers. A worker's runtime exception or error is rethrown in the caller as it is.
     *
     * @param task what the work is, for messages
     */
    public void forEach(String task, int count, IntConsumer body) {
        Parallel.forEach(task, executor, threads, count, body);
    }

    /**
     * The settings every parallel trainer and the evaluator share, declared once: where the work runs
     * ({@link #executor}, {@link #threads}) and who hears how far it got ({@link #progress(ProgressListener)}). They
     * decide how the work is spread and reported. Builders extend this.
     *
     * @param <B> the builder, returned by the setters for chaining
     */
    public abstract static class Settings<B extends Settings<B>> {
        private Workers workers = defaults();
        private ProgressListener progress = ProgressListener.none();

        /** For builders. */
        protected Settings() {
        }

        /**
         * The executor that runs the helper threads (default: a shared pool bounded by the cores); a service passes
         * its own to keep the work inside its thread budget.
         */
        public final B executor(Executor executor) {
            workers = workers.withExecutor(executor);
            return self();
        }

        /** The most threads that work at once, the caller's own included (default: all cores). @throws IllegalArgumentException if threads &lt; 1 */
        public final B threads(int threads) {
            workers = workers.withThreads(threads);
            return self();
        }

        /** Where to report progress (default: nowhere). */
        public final B progress(ProgressListener listener) {
            progress = Objects.requireNonNull(listener, "listener");
            return self();
        }

        /** The executor and thread count set. */
        public final Workers workers() {
            return workers;
        }

        /** The listener set. */
        public final ProgressListener progress() {
            return progress;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
