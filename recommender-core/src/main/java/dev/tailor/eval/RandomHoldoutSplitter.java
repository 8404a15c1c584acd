package dev.tailor.eval;

import dev.tailor.data.EventLog;
import java.util.SplittableRandom;

/** See {@link Splitter#randomHoldout}. */
final class RandomHoldoutSplitter implements Splitter {
    private final double testFraction;
    private final long seed;

    RandomHoldoutSplitter(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
        }
        this.testFraction = testFraction;
        this.seed = seed;
    }

    @Override
    public Split split(EventLog log) {
        if (log.size() == 0) {
            throw new IllegalArgumentException("cannot split an empty event log");
        }
        CustomerGroups groups = new CustomerGroups(log);
        boolean[] toTest = new boolean[log.size()];
        SplittableRandom random = new SplittableRandom(seed);
        int customers = log.customers().size();
        for (int c = 0; c < customers; c++) {
            int runs = groups.runCount(c);
            int testRuns = (int) Math.round(testFraction * runs);
            // A partial Fisher-Yates shuffle picks which runs (items) are held out.
            int[] runOrder = new int[runs];
            for (int r = 0; r < runs; r++) {
                runOrder[r] = r;
            }
            for (int k = 0; k < testRuns; k++) {
                int j = k + random.nextInt(runs - k);
                int t = runOrder[k];
                runOrder[k] = runOrder[j];
                runOrder[j] = t;
                groups.mark(groups.firstRun[c] + runOrder[k], toTest);
            }
        }
        EventLog train = log.select(e -> !toTest[e]);
        EventLog test = log.select(e -> toTest[e]);
        long testPercent = Math.round(testFraction * 100);
        return new Split(train, test, "random per-customer " + (100 - testPercent) + "/" + testPercent
                + " holdout, seed " + seed + " (" + train.size() + " train, " + test.size() + " test events)");
    }
}
