package dev.tailor.progress;

/**
 * Hears how far a long step has come. The library never prints; a command line turns these calls into a
 * progress bar, a service into log lines.
 *
 * <p>Implementations must be thread-safe: {@link #advance} is called from worker threads.
 */
public interface ProgressListener {
    /** A step with {@code total} units of work begins. */
    void start(String task, long total);

    /** {@code units} more units are done. */
    void advance(long units);

    /** The step is over. */
    void finish();

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return NoProgress.INSTANCE;
    }
}
