package dev.tailor.eval;

import dev.tailor.data.EventLog;
import java.time.Instant;

/**
 * Divides an event log into a training and a test part. Every splitter is deterministic: the same log
 * (and seed) gives the same split.
 */
public interface Splitter {
    /** Splits a log. @throws IllegalArgumentException if the log is empty */
    Split split(EventLog log);

    /**
     * A global temporal cut: the cut time is the time of the event at position
     * {@code floor(trainFraction × n)} in time order; events strictly before it train, the rest test.
     * Events in the same second are never separated, so the training share can be slightly below the
     * fraction.
     *
     * @throws IllegalArgumentException unless {@code 0 < trainFraction < 1}
     */
    static Splitter temporal(double trainFraction) {
        return TemporalSplitter.atFraction(trainFraction);
    }

    /** A global temporal cut at a given time: events strictly before it train, the rest test. */
    static Splitter temporalAt(Instant cut) {
        return TemporalSplitter.atTime(cut);
    }

    /**
     * Per customer, the {@code n} items they interacted with last (by their latest event with the item)
     * go to test with all of their events; customers with {@code n} items or fewer stay wholly in
     * training.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    static Splitter leaveLastOut(int n) {
        return new LeaveLastOutSplitter(n);
    }

    /**
     * Per customer, a seeded random {@code round(testFraction × d)} of their {@code d} distinct items
     * go to test with all of their events (a pair never straddles the split).
     *
     * @throws IllegalArgumentException unless {@code 0 < testFraction < 1}
     */
    static Splitter randomHoldout(double testFraction, long seed) {
        return new RandomHoldoutSplitter(testFraction, seed);
    }
}
