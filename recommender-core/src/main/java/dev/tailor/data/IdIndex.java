package dev.tailor.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import dev.tailor.io.ModelFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A two-way map between external string ids (customer numbers, SKUs) and dense int ids
 * {@code 0..size()-1}, assigned in order of first appearance.
 *
 * <p>Every array in Tailor is indexed by these dense ids, so the index travels with every model file
 * ({@link #writeTo}, {@link #readFrom}) and the same external id always maps to the same dense id.
 *
 * <p>Thread-safety: appending ({@link #idOf}) is not thread-safe; once no more ids are added, any
 * number of threads may read concurrently.
 */
public final class IdIndex {
    private static final String FORMAT = "tailor.id-index";
    private static final int VERSION = 1;

    private final Map<String, Integer> denseByExternal;
    private final List<String> externalByDense;

    /** An empty index. */
    public IdIndex() {
        this.denseByExternal = new HashMap<>();
        this.externalByDense = new ArrayList<>();
    }

    /** An index holding the given ids, in order. */
    public static IdIndex of(String... externalIds) {
        IdIndex index = new IdIndex();
        for (String id : externalIds) {
            index.idOf(id);
        }
        return index;
    }

    /**
     * The dense id of an external id, adding it if it is new.
     *
     * @throws NullPointerException if {@code externalId} is null
     */
    public int idOf(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        Integer dense = denseByExternal.get(externalId);
        if (dense != null) {
            return dense;
        }
        int next = externalByDense.size();
        denseByExternal.put(externalId, next);
        externalByDense.add(externalId);
        return next;
    }

    /** The dense id of an external id, or -1 if the index does not hold it. Never adds. */
    public int find(String externalId) {
        Integer dense = denseByExternal.get(externalId);
        return dense == null ? -1 : dense;
    }

    /**
     * The external id behind a dense id.
     *
     * @throws IndexOutOfBoundsException if the dense id was never assigned
     */
    public String externalId(int denseId) {
        return externalByDense.get(denseId);
    }

    /** How many ids the index holds; dense ids run from 0 to {@code size() - 1}. */
    public int size() {
        return externalByDense.size();
    }

    /** Writes the ids in dense order (a count, then each id as modified UTF-8). */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(externalByDense.size());
        for (String id : externalByDense) {
            out.writeUTF(id);
        }
    }

    /**
     * Reads an index written by {@link #writeTo}; every id gets the dense id it had.
     *
     * @throws IOException if the stream ends early or holds a duplicate id
     */
    public static IdIndex readFrom(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("id index: negative id count " + count);
        }
        IdIndex index = new IdIndex();
        for (int i = 0; i < count; i++) {
            String id = in.readUTF();
            if (index.idOf(id) != i) {
                throw new IOException("id index: duplicate id '" + id + "' at position " + i);
            }
        }
        return index;
    }

    /**
     * Saves the index to its own file, atomically and with a checksum (see {@link dev.tailor.io.ModelFiles}).
     *
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public void save(Path file) throws IOException {
        ModelFiles.write(file, FORMAT, VERSION, this::writeTo);
    }

    /**
     * Loads an index saved by {@link #save}.
     *
     * @throws IOException if the file is missing, not an id index, corrupt or truncated
     */
    public static IdIndex load(Path file) throws IOException {
        return ModelFiles.read(file, FORMAT, VERSION, (in, version) -> readFrom(in));
    }

    @Override
    public String toString() {
        return "IdIndex[" + size() + " ids]";
    }
}
