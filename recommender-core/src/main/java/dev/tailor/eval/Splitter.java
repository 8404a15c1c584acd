package dev.tailor.eval;

import dev.tailor.data.Event;
import dev.tailor.data.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /**
     * Rolling steps of the given length from {@code start}: see {@link Rolling}.
     *
     * @throws IllegalArgumentException if the step is shorter than one second
     */
    static Rolling rolling(Instant start, Duration step) {
        return Rolling.of(start, step);
    }

    /**
     * Rolling-origin splits, the way a shop serves lists: from a start time, one step after another (a week, say),
     * each step's lists are made from everything before the step and judged on what happens within it. Step
     * {@code s} trains on the events strictly before {@code start + s × step} and tests on those in
     * {@code [start + s × step, start + (s + 1) × step)}; no event of a step is ever in its own training part.
     * The last step is the one holding the log's last event (or ends at {@link #until(Instant)}), and may be
     * partial.
     *
     * <p>Deterministic and immutable; {@link Evaluator#evaluateRolling} measures lists over the steps.
     */
    public final class Rolling {
        private final Instant start;
        private final Duration step;
        private final Instant end;

        private Rolling(Instant start, Duration step, Instant end) {
            this.start = start;
            this.step = step;
            this.end = end;
        }

        /**
         * Steps of the given length from {@code start}.
         *
         * @throws IllegalArgumentException if the step is shorter than one second
         */
        static Rolling of(Instant start, Duration step) {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(step, "step");
            if (step.getSeconds() < 1) {
                throw new IllegalArgumentException("a rolling step must be at least one second long, was " + step);
            }
            return new Rolling(start, step, null);
        }

        /**
         * The same steps, ending at {@code end} (exclusive): the last step is cut short there, events from then on
         * are in no test part (validation steps before a test period use this).
         *
         * @throws IllegalArgumentException unless {@code end} is after the start
         */
        public Rolling until(Instant end) {
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("the end of rolling steps (" + end + ") must be after their start (" + start + ")");
            }
            return new Rolling(start, step, end);
        }

        /** When the first step starts. */
        public Instant start() {
            return start;
        }

        /** The length of a step. */
        public Duration step() {
            return step;
        }

        /**
         * One step: its place, its time span and its split (training: the log's events before {@code start}; test:
         * those in {@code [start, end)}).
         *
         * @param index 0 for the first step
         * @param start the step's first second: its lists are as of this moment
         * @param end the first second after the step
         * @param split the training and test logs over the log's id indexes
         */
        public record Step(int index, Instant start, Instant end, Split split) {
            /** Checks the span. */
            public Step {
                Objects.requireNonNull(start, "start");
                Objects.requireNonNull(end, "end");
                Objects.requireNonNull(split, "split");
                if (index < 0 || !end.isAfter(start)) {
                    throw new IllegalArgumentException("step " + index + " from " + start + " to " + end + " is empty");
                }
            }

            /**
             * Each customer's events of the training part from a moment on, in time order, by dense customer id: what a
             * service that trained at {@code from} has recorded of her by this step's start.
             */
            public Map<Integer, List<Event>> trainingEventsFrom(Instant from) {
                EventLog train = split.train();
                long second = from.getEpochSecond();
                Map<Integer, List<Event>> byCustomer = new HashMap<>();
                for (int e : train.orderByTime()) {
                    if (train.epochSecond(e) >= second) {
                        byCustomer.computeIfAbsent(train.customer(e), c -> new ArrayList<>()).add(train.event(e));
                    }
                }
                return byCustomer;
            }
        }

        /**
         * The steps of a log, in time order: from the start up to the step holding the log's last event (or up to the
         * end). Steps without test events are kept: a shop still served lists then.
         *
         * @throws IllegalArgumentException if the log is empty or has no event from the start on (before the end)
         */
        public List<Step> split(EventLog log) {
            if (log.size() == 0) {
                throw new IllegalArgumentException("cannot split an empty event log");
            }
            long first = start.getEpochSecond();
            long last = end != null ? end.getEpochSecond() : log.maxEpochSecond() + 1;
            if (log.maxEpochSecond() < first || last <= first) {
                throw new IllegalArgumentException("no event from " + start + " on" + (end == null ? "" : " before " + end)
                        + ": the log's events end at " + Instant.ofEpochSecond(log.maxEpochSecond()));
            }
            long length = step.getSeconds();
            List<Step> steps = new ArrayList<>();
            for (long from = first; from < last; from = Math.addExact(from, length)) {
                long stepStart = from;
                long stepEnd = Math.min(last, Math.addExact(from, length));
                EventLog train = log.select(e -> log.epochSecond(e) < stepStart);
                EventLog test = log.select(e -> log.epochSecond(e) >= stepStart && log.epochSecond(e) < stepEnd);
                int index = steps.size();
                String description = "rolling " + describe(step) + " steps from " + start + ", step " + (index + 1) + ": "
                        + Instant.ofEpochSecond(stepStart) + " to " + Instant.ofEpochSecond(stepEnd) + " (" + train.size()
                        + " train, " + test.size() + " test events)";
                steps.add(new Step(index, Instant.ofEpochSecond(stepStart), Instant.ofEpochSecond(stepEnd),
                        new Split(train, test, description)));
            }
            return List.copyOf(steps);
        }

        /** The rolling splits as one phrase for tables, e.g. {@code "rolling 7d steps from 2017-07-01T00:00:00Z"}. */
        public String description() {
            return "rolling " + describe(step) + " steps from " + start + (end == null ? "" : " to " + end);
        }

        static String describe(Duration step) {
            long seconds = step.getSeconds();
            if (seconds % 86_400 == 0) {
                return seconds / 86_400 + "d";
            } else if (seconds % 3_600 == 0) {
                return seconds / 3_600 + "h";
            }
            return seconds + "s";
        }
    }
}
