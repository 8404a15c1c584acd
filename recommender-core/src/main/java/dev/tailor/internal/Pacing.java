package dev.tailor.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Loads that leave room for requests: a service reloading a model beside its requests runs the load at a share of
 * one core, so their latency holds and the load takes longer instead.
 *
 * <p>Thread-safety: the pacing is the calling thread's.
 */
public final class Pacing {
    /** The pacing of the loads of this thread, or null (see {@link #paced}). */
    private static final ThreadLocal<Pacer> PACER = new ThreadLocal<>();

    private Pacing() {
    }

    /** What {@link #paced} runs: a load that may throw. */
    @FunctionalInterface
    public interface Load<T> {
        /** Loads. */
        T load() throws IOException;
    }

    /**
     * Runs a load on this thread at no more than {@code share} of one core: every 64 KiB of payload read, and at the
     * checkpoints of the longer derivations ({@link #pace}), the thread sleeps in proportion to the CPU time it used,
     * so a service that reloads a model beside its requests keeps their latency (the load takes longer instead).
     *
     * @param share the share of one core, in (0, 1]; 1 runs unpaced
     * @throws IllegalArgumentException if the share is outside (0, 1]
     */
    public static <T> T paced(double share, Load<T> load) throws IOException {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the share of a core must be in (0, 1], was " + share);
        }
        Pacer before = PACER.get();
        PACER.set(share < 1 ? new Pacer(share) : null);
        try {
            return load.load();
        } finally {
            PACER.set(before);
        }
    }

    /** A checkpoint of a long derivation inside a {@link #paced} load (nothing outside one). */
    public static void pace() {
        Pacer pacer = PACER.get();
        if (pacer != null) {
            pacer.checkpoint();
        }
    }

    /** Sleeps after every few milliseconds of CPU time so that CPU time / wall time stays at the share. */
    private static final class Pacer {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final double share;
        private long cpuAtLastSleep = THREADS.getCurrentThreadCpuTime();

        Pacer(double share) {
            this.share = share;
        }

        void checkpoint() {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long used = cpu - cpuAtLastSleep;
            if (cpu < 0 || used < 2_000_000L) {
                return; // less than 2 ms of work since the last pause (or no CPU clock): go on
            }
            cpuAtLastSleep = cpu;
            long pauseNanos = (long) (used * (1 / share - 1));
            try {
                Thread.sleep(pauseNanos / 1_000_000L, (int) (pauseNanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An input stream that calls {@link #pace} after every 64 KiB it reads. */
    private static final class PacingInputStream extends FilterInputStream {
        private long sinceCheckpoint;

        PacingInputStream(InputStream in) {
            super(in);
        }

        private void count(long n) {
            sinceCheckpoint += Math.max(0, n);
            if (sinceCheckpoint >= 1 << 16) {
                sinceCheckpoint = 0;
                pace();
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }
    }

    /** The stream itself outside a paced load; inside one, a stream that calls {@link #pace} every 64 KiB it reads. */
    public static InputStream paced(InputStream in) {
        return PACER.get() == null ? in : new PacingInputStream(in);
    }
}
