package dev.tailor.data;

/**
 * What every trainer in Tailor is: settings only (so one trainer trains many models — one per split, one per
 * night), a name that says which settings matter, and one method from the training data to a
 * {@link TrainedModel}. Recommenders ({@code RecommenderTrainer}), completion methods ({@code CompletionMethod})
 * and the size-fit trainer ({@code SizeFit}) share this shape, so tuning, evaluation and batch jobs handle them
 * alike. Defaults live in each trainer's builder only.
 *
 * <p>Implementations are immutable and safe to use from many threads.
 *
 * @param <D> the training data
 * @param <M> the model it trains
 */
public interface Trainer<D, M extends TrainedModel> {
    /** A short name for tables, logs and files, including the settings that matter. */
    String name();

    /**
     * Trains a model.
     *
     * @throws UnsuitableDataException if the data cannot train this model (no events of the kinds it reads, ...)
     */
    M train(D data);
}
