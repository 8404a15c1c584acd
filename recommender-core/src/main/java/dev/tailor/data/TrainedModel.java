package dev.tailor.data;

import dev.tailor.io.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What every trained thing in Tailor is — recommenders, replenishment, fit, completion and value models:
 * a name, the frozen id indexes its dense ids refer to, and a file format in the {@link ModelRegistry}, so
 * it saves with {@link #save} and comes back with {@link ModelRegistry#load(Path, Class)} whichever module
 * wrote it. Callers map external ids through {@link #customers()} and {@link #items()}; ingesting more
 * events elsewhere never changes them.
 *
 * <p>Implementations are immutable and safe to use from many threads.
 */
public interface TrainedModel {
    /** A short name for tables, logs and files, e.g. {@code "als"}. */
    String name();

    /**
     * The customers the model knows, dense id = position: frozen, and empty when the model is not per
     * customer (a completion or population-level value model).
     */
    IdIndex customers();

    /**
     * The items (or, for a model of categories or configuration variables, the keys) the model knows,
     * dense id = position: frozen, and empty when the model has none.
     */
    IdIndex items();

    /**
     * Saves the model with its registered format, atomically and with a checksum.
     *
     * @throws IOException if the file cannot be written (an existing file is left as it was)
     */
    default void save(Path file) throws IOException {
        ModelRegistry.save(this, file);
    }
}
