package dev.tailor.eval;

import dev.tailor.data.EventLog;
import java.util.Arrays;

/**
 * A log's events grouped by customer, and within a customer by item: the shape per-customer splitters
 * work on. Positions refer to the log.
 */
final class CustomerGroups {
    /** Events sorted by (customer, item, time, position). */
    final int[] events;
    /** Customer c's events are {@code events[customerStart[c] .. customerStart[c+1])}. */
    final int[] customerStart;
    /** Run r (one customer's events with one item) is {@code events[runStart[r] .. runStart[r+1])}. */
    final int[] runStart;
    /** Customer c's runs are {@code firstRun[c] .. firstRun[c+1]-1}. */
    final int[] firstRun;

    CustomerGroups(EventLog log) {
        int n = log.size();
        int customers = log.customers().size();
        customerStart = new int[customers + 1];
        for (int e = 0; e < n; e++) {
            customerStart[log.customer(e) + 1]++;
        }
        for (int c = 0; c < customers; c++) {
            customerStart[c + 1] += customerStart[c];
        }
        int[] fill = Arrays.copyOf(customerStart, customers);
        int[] byCustomer = new int[n];
        for (int e = 0; e < n; e++) {
            byCustomer[fill[log.customer(e)]++] = e;
        }
        events = new int[n];
        Integer[] scratch = new Integer[0];
        for (int c = 0; c < customers; c++) {
            int from = customerStart[c];
            int len = customerStart[c + 1] - from;
            if (scratch.length < len) {
                scratch = new Integer[len];
            }
            for (int i = 0; i < len; i++) {
                scratch[i] = byCustomer[from + i];
            }
            Arrays.sort(scratch, 0, len, (a, b) -> {
                int byItem = Integer.compare(log.item(a), log.item(b));
                if (byItem != 0) {
                    return byItem;
                }
                int byTime = Long.compare(log.epochSecond(a), log.epochSecond(b));
                return byTime != 0 ? byTime : Integer.compare(a, b);
            });
            for (int i = 0; i < len; i++) {
                events[from + i] = scratch[i];
            }
        }
        firstRun = new int[customers + 1];
        int[] starts = new int[n + 1];
        int runs = 0;
        for (int c = 0; c < customers; c++) {
            firstRun[c] = runs;
            for (int i = customerStart[c]; i < customerStart[c + 1]; i++) {
                if (i == customerStart[c] || log.item(events[i - 1]) != log.item(events[i])) {
                    starts[runs++] = i;
                }
            }
        }
        firstRun[customers] = runs;
        starts[runs] = n;
        runStart = Arrays.copyOf(starts, runs + 1);
    }

    /** Number of distinct items customer c has. */
    int runCount(int customer) {
        return firstRun[customer + 1] - firstRun[customer];
    }

    /** Marks every event of run r. */
    void mark(int run, boolean[] marks) {
        for (int i = runStart[run]; i < runStart[run + 1]; i++) {
            marks[events[i]] = true;
        }
    }
}
