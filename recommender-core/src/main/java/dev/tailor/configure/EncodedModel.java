package dev.tailor.configure;

import dev.tailor.data.IdIndex;
import java.util.List;

/** What every completion model built on an {@link EncodedHistory} shares: its variables, values and input check. */
abstract class EncodedModel implements CompletionModel {
    final EncodedHistory data;
    final CompletionMethod method;

    EncodedModel(EncodedHistory data, CompletionMethod method) {
        this.data = data;
        this.method = method;
    }

    @Override
    public final String name() {
        return method.name();
    }

    /** Empty: a completion model is learned from a product's orders, not per customer. */
    @Override
    public final IdIndex customers() {
        return IdIndex.empty();
    }

    /** Empty: the model's keys are its {@link #variables()} and their value codes. */
    @Override
    public final IdIndex items() {
        return IdIndex.empty();
    }

    @Override
    public final String product() {
        return data.product;
    }

    @Override
    public final List<String> variables() {
        return data.variables;
    }

    @Override
    public final int[] values(int column) {
        return data.values[column].clone();
    }

    @Override
    public final double[] distribution(int[] partial, int column) {
        data.checkPartial(partial);
        if (column < 0 || column >= data.columns) {
            throw new IllegalArgumentException("column " + column + " is not one of the " + data.columns + " variables");
        }
        return probabilities(partial, column);
    }

    /** The distribution, for a checked partial configuration and column. */
    abstract double[] probabilities(int[] partial, int column);
}
