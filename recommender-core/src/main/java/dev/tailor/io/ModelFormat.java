package dev.tailor.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A registered kind of Tailor file: its format name and version, the model type it holds, and how its
 * payload is written and read (the {@link ModelRegistry} adds the header, checksum and atomic write). Formats are
 * found by {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.tailor.io.ModelFormat}) or registered with
 * {@link ModelRegistry#register}, so another module — a Spark job, say — can write files the core reads.
 *
 * <p>Implementations are stateless and thread-safe, with a public no-argument constructor.
 *
 * @param <T> the model type
 */
public interface ModelFormat<T> {
    /** The format name written in the file's header, e.g. {@code "tailor.factor-model"}. */
    String name();

    /** The newest version this format writes and reads (older ones it still reads). */
    int version();

    /** The model type. */
    Class<T> type();

    /** Writes the model's payload. */
    void write(T model, DataOutputStream out) throws IOException;

    /**
     * Reads a payload, validating every length and index against what is left
     * ({@link DataInputStream#available()} is exact) before allocating or trusting it.
     *
     * @param version the file's version, from 1 to {@link #version()}
     */
    T read(DataInputStream in, int version) throws IOException;
}
