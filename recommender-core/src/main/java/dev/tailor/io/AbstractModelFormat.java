package dev.tailor.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link ModelFormat} from its parts: a format class then only names them in its no-argument
 * constructor.
 *
 * @param <T> the model type
 */
public abstract class AbstractModelFormat<T> implements ModelFormat<T> {
    /** Writes a model's payload. */
    @FunctionalInterface
    protected interface Writer<T> {
        /** Writes the payload. */
        void write(T model, DataOutputStream out) throws IOException;
    }

    /** Reads a model's payload. */
    @FunctionalInterface
    protected interface Reader<T> {
        /**
         * Reads the payload.
         *
         * @param in the payload; {@code available()} is the exact number of payload bytes left
         * @param version the version found in the file, from 1 to the format's version
         */
        T read(DataInputStream in, int version) throws IOException;
    }

    private final String name;
    private final int version;
    private final Class<T> type;
    private final Writer<T> writer;
    private final Reader<T> reader;

    /**
     * A format.
     *
     * @throws IllegalArgumentException if the version is below 1
     */
    protected AbstractModelFormat(String name, int version, Class<T> type, Writer<T> writer, Reader<T> reader) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.version = version;
        this.type = Objects.requireNonNull(type, "type");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public final Class<T> type() {
        return type;
    }

    @Override
    public final void write(T model, DataOutputStream out) throws IOException {
        writer.write(model, out);
    }

    @Override
    public final T read(DataInputStream in, int fileVersion) throws IOException {
        return reader.read(in, fileVersion);
    }
}
