package dev.tailor.value;

import dev.tailor.data.IdIndex;
import dev.tailor.data.TrainedModel;

/**
 * What a fitted model of repeat buying answers for a customer with history (x, t_x, T). A population-level
 * model: its parameters hold for every customer, so it has no id indexes of its own; it saves and loads
 * through the model registry ({@link ValueModelFormat}).
 */
public interface RepeatBuyingModel extends TrainedModel {
    /** A short name, e.g. {@code "BG/NBD"}. */
    @Override
    String name();

    /** Empty: the model's parameters are the population's. */
    @Override
    default IdIndex customers() {
        return IdIndex.empty();
    }

    /** Empty. */
    @Override
    default IdIndex items() {
        return IdIndex.empty();
    }

    /** The probability that the customer is still active at T. */
    double probabilityAlive(int x, double tx, double bigT);

    /** Expected transactions in the next t units. */
    double expectedTransactions(double t, int x, double tx, double bigT);
}
