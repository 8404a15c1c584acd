package dev.tailor.configure;

import dev.tailor.data.TrainedModel;
import java.util.List;

/**
 * Value probabilities learned from a sales history: for one open variable, how likely each of its values
 * is given the values already chosen. Implementations are immutable and safe to use from many threads; the
 * built-in ones save and load through the model registry ({@code CompletionModelFormat}).
 */
public interface CompletionModel extends TrainedModel {
    /** The product whose orders the model learned from. */
    String product();

    /** The variables, in column order of the history it learned from. */
    List<String> variables();

    /** The values this model knows for a column (those seen in the history), ascending. */
    int[] values(int column);

    /**
     * The probability of each of {@link #values(int)} for the column, given the assigned entries of the
     * partial configuration; sums to 1. Values the history never showed for an assigned variable are
     * evidence the model cannot use and are ignored.
     *
     * @param partial value codes by column, {@link ConfigurableProduct#UNSET} where open
     */
    double[] distribution(int[] partial, int column);
}
