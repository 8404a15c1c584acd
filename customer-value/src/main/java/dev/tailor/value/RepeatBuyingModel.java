package dev.tailor.value;

/** What a fitted model of repeat buying answers for a customer with history (x, t_x, T). */
public interface RepeatBuyingModel {
    /** A short name, e.g. {@code "BG/NBD"}. */
    String name();

    /** The probability that the customer is still active at T. */
    double probabilityAlive(int x, double tx, double bigT);

    /** Expected transactions in the next t units. */
    double expectedTransactions(double t, int x, double tx, double bigT);
}
