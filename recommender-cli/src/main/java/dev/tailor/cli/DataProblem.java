package dev.tailor.cli;

/**
 * The data cannot give what was asked (no items to recommend, an empty side of a split, a customer without
 * events): a message and exit code 1, like bad input, rather than a table of zeros.
 */
final class DataProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DataProblem(String message) {
        super(message);
    }

    /** Refuses a split with nothing to train on or nothing to test. */
    static void requireBothSides(dev.tailor.eval.Split split, String spec) {
        if (split.train().size() == 0 || split.test().size() == 0) {
            throw new DataProblem("--split " + spec + " leaves " + split.train().size() + " training and "
                    + split.test().size() + " test events: both sides need events (a cut before the first event or after"
                    + " the last one?)");
        }
    }

    /**
     * The rolling steps of a log, refusing steps that leave nothing to learn from or nothing to judge: a start at or
     * before the first event, or after the last one.
     */
    static java.util.List<dev.tailor.eval.Splitter.Rolling.Step> rollingSteps(dev.tailor.eval.Splitter.Rolling splitter,
            dev.tailor.data.EventLog events, String spec) {
        if (events.size() == 0 || events.minEpochSecond() >= splitter.start().getEpochSecond()
                || events.maxEpochSecond() < splitter.start().getEpochSecond()) {
            throw new DataProblem("--split " + spec + " starts at " + splitter.start() + " but the events run from "
                    + (events.size() == 0 ? "nowhere" : java.time.Instant.ofEpochSecond(events.minEpochSecond()) + " to "
                    + java.time.Instant.ofEpochSecond(events.maxEpochSecond()))
                    + ": the first step needs events before it to learn from and events from it on to judge");
        }
        return splitter.split(events);
    }

    /** Refuses item-level reminders over data whose events all have one item (an invoice file). */
    static void requireItemsToRemindOf(dev.tailor.data.EventLog events, String name) {
        requireTwoItems(events, name, "a reminder would only say \"buy again\" (its events carry no item ids? for when a"
                + " customer buys next, `tailor value` models purchase timing from transactions)");
    }

    /** Refuses data in which nothing can be recommended. */
    static void requireItemsToRank(dev.tailor.data.EventLog events, String name) {
        requireTwoItems(events, name, "there is nothing to recommend (its events carry no item ids? it is a transactions"
                + " file for `tailor value`)");
    }

    private static void requireTwoItems(dev.tailor.data.EventLog events, String name, String why) {
        int items = events.items().size();
        if (items < 2) {
            throw new DataProblem(name + " has " + items + " item" + (items == 1 ? "" : "s") + ": " + why);
        }
    }
}
