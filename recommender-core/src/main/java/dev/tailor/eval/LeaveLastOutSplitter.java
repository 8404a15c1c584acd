package dev.tailor.eval;

import dev.tailor.data.EventLog;
import java.util.Arrays;

/** See {@link Splitter#leaveLastOut}. */
final class LeaveLastOutSplitter implements Splitter {
    private final int n;

    LeaveLastOutSplitter(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("leave-last-out n must be >= 1, was " + n);
        }
        this.n = n;
    }

    @Override
    public Split split(EventLog log) {
        if (log.size() == 0) {
            throw new IllegalArgumentException("cannot split an empty event log");
        }
        CustomerGroups groups = new CustomerGroups(log);
        boolean[] toTest = new boolean[log.size()];
        int customers = log.customers().size();
        for (int c = 0; c < customers; c++) {
            int runs = groups.runCount(c);
            if (runs <= n) {
                continue;
            }
            // Events are sorted by item, then time: each item's run is dated by its last event.
            int first = groups.firstRun[c];
            int[] lastEvent = new int[runs];
            Integer[] order = new Integer[runs];
            for (int r = 0; r < runs; r++) {
                lastEvent[r] = groups.events[groups.runStart[first + r + 1] - 1];
                order[r] = r;
            }
            Arrays.sort(order, (a, b) -> {
                int byTime = Long.compare(log.epochSecond(lastEvent[a]), log.epochSecond(lastEvent[b]));
                return byTime != 0 ? byTime : Integer.compare(lastEvent[a], lastEvent[b]);
            });
            for (int k = runs - n; k < runs; k++) {
                groups.mark(first + order[k], toTest);
            }
        }
        EventLog train = log.select(e -> !toTest[e]);
        EventLog test = log.select(e -> toTest[e]);
        return new Split(train, test, "leave last " + n + " out (" + train.size() + " train, " + test.size() + " test events)");
    }
}
