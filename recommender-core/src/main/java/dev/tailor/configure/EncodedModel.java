package dev.tailor.configure;

import java.util.List;

/** What every completion model built on an {@link EncodedHistory} shares: its variables, values and input check. */
abstract class EncodedModel implements CompletionModel {
    final EncodedHistory data;

    EncodedModel(EncodedHistory data) {
        this.data = data;
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
