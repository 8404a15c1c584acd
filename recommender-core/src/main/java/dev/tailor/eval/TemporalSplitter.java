package dev.tailor.eval;

import dev.tailor.data.EventLog;
import java.time.Instant;
import java.util.Objects;

/** See {@link Splitter#temporal} and {@link Splitter#temporalAt}. */
final class TemporalSplitter implements Splitter {
    private final double trainFraction;
    private final Instant cut;

    private TemporalSplitter(double trainFraction, Instant cut) {
        this.trainFraction = trainFraction;
        this.cut = cut;
    }

    static TemporalSplitter atFraction(double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), was " + trainFraction);
        }
        return new TemporalSplitter(trainFraction, null);
    }

    static TemporalSplitter atTime(Instant cut) {
        return new TemporalSplitter(Double.NaN, Objects.requireNonNull(cut, "cut"));
    }

    @Override
    public Split split(EventLog log) {
        if (log.size() == 0) {
            throw new IllegalArgumentException("cannot split an empty event log");
        }
        long cutSecond;
        String how;
        if (cut != null) {
            cutSecond = cut.getEpochSecond();
            how = "temporal cut at " + cut;
        } else {
            int[] order = log.orderByTime();
            int position = (int) Math.floor(trainFraction * log.size());
            cutSecond = log.epochSecond(order[Math.min(position, log.size() - 1)]);
            long trainPercent = Math.round(trainFraction * 100);
            how = "temporal " + trainPercent + "/" + (100 - trainPercent) + " cut at " + Instant.ofEpochSecond(cutSecond);
        }
        EventLog train = log.select(e -> log.epochSecond(e) < cutSecond);
        EventLog test = log.select(e -> log.epochSecond(e) >= cutSecond);
        return new Split(train, test, how + " (" + train.size() + " train, " + test.size() + " test events)");
    }
}
