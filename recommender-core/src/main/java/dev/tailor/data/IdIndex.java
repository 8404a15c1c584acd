package dev.tailor.data;

import dev.tailor.internal.PrintableText;
import dev.tailor.internal.ReadSharing;
import dev.tailor.io.ModelRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A two-way map between external string ids (customer numbers, SKUs) and dense int ids
 * {@code 0..size()-1}, assigned in order of first appearance.
 *
 * <p>Every array in Tailor is indexed by these dense ids, so the index travels with every model file
 * ({@link #writeTo}, {@link #readFrom}) and the same external id always maps to the same dense id.
 *
 * <p>A model keeps a {@link #frozenCopy() frozen copy} of the indexes it was trained on: ingesting more
 * events into the log's index can then never race with, or change, the ids a served model answers in.
 * {@link #sorted} assigns dense ids in sorted order, which a distributed job can reproduce.
 *
 * <p>Thread-safety: appending ({@link #idOf}) is not thread-safe; once no more ids are added, any
 * number of threads may read concurrently. A frozen index is immutable and always safe to share.
 */
public final class IdIndex {
    static final String FORMAT = "tailor.id-index";
    static final int VERSION = 1;

    /** The longest id accepted, in characters: ids are keys, not documents. */
    public static final int MAX_ID_LENGTH = 1000;

    private static final IdIndex EMPTY = new IdIndex(List.of());

    /** A growing index's lookup and ids; null once frozen. */
    private final Map<String, Integer> denseByExternal;
    private final List<String> externalByDense;
    /**
     * A frozen index's ids in dense order and its lookup, an open-addressing table of dense id + 1 (0: empty) probed
     * linearly from the id's hash: two arrays instead of a map's entry and boxed number per id, so a loaded model
     * leaves the young collections little to copy.
     */
    private final String[] ids;
    private final int[] slots;

    /** An empty index. */
    public IdIndex() {
        this.denseByExternal = new HashMap<>();
        this.externalByDense = new ArrayList<>();
        this.ids = null;
        this.slots = null;
    }

    private IdIndex(List<String> frozenIds) {
        this.denseByExternal = null;
        this.externalByDense = null;
        this.ids = frozenIds.toArray(String[]::new);
        this.slots = new int[Math.max(2, Integer.highestOneBit(Math.max(1, ids.length) * 2 - 1) * 2)];
        int mask = slots.length - 1;
        for (int dense = 0; dense < ids.length; dense++) {
            int slot = spread(ids[dense].hashCode()) & mask;
            while (slots[slot] != 0) {
                if (ids[slots[slot] - 1].equals(ids[dense])) {
                    throw new IllegalArgumentException("duplicate id " + quoted(ids[dense]) + " at position " + dense);
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = dense + 1;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** A frozen index's dense id of an id, or -1. */
    private int probe(String externalId) {
        int mask = slots.length - 1;
        for (int slot = spread(externalId.hashCode()) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            if (ids[slots[slot] - 1].equals(externalId)) {
                return slots[slot] - 1;
            }
        }
        return -1;
    }

    /** An immutable copy with the same dense ids (this index itself if it is frozen already). */
    public IdIndex frozenCopy() {
        if (ids != null) {
            return this;
        }
        List<String> frozenIds = List.copyOf(externalByDense);
        // While a model file is read, its parts share one frozen index per equal list of ids.
        return ReadSharing.sharedWithinRead(new FrozenIds(frozenIds), () -> new IdIndex(frozenIds));
    }

    /** The key of a shared frozen index: its ids in dense order. */
    private record FrozenIds(List<String> ids) {
    }

    /** Whether ids can no longer be added. */
    public boolean isFrozen() {
        return ids != null;
    }

    /**
     * A frozen index of the given ids with dense ids in sorted (lexicographic) order, duplicates once:
     * the same ids give the same dense ids on any machine, in any order of arrival.
     *
     * @throws IllegalArgumentException if an id is not valid (see {@link #problemWith})
     */
    public static IdIndex sorted(Collection<String> externalIds) {
        IdIndex index = new IdIndex();
        for (String id : new TreeSet<>(externalIds)) {
            index.idOf(id);
        }
        return index.frozenCopy();
    }

    /** The frozen empty index: what a model that is not per customer (or per item) reports. */
    public static IdIndex empty() {
        return EMPTY;
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
     * @throws IllegalArgumentException if a new id is not a valid id (see {@link #problemWith})
     * @throws UnsupportedOperationException if the id is new and the index is frozen
     */
    public int idOf(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        if (ids != null) {
            int dense = probe(externalId);
            if (dense >= 0) {
                return dense;
            }
            throw new UnsupportedOperationException("id " + quoted(externalId) + " is not in this frozen index of "
                    + size() + " ids (a model's ids are fixed at training)");
        }
        Integer dense = denseByExternal.get(externalId);
        if (dense != null) {
            return dense;
        }
        String problem = problemWith(externalId);
        if (problem != null) {
            throw new IllegalArgumentException("id " + quoted(externalId) + ": " + problem);
        }
        int next = externalByDense.size();
        denseByExternal.put(externalId, next);
        externalByDense.add(externalId);
        return next;
    }

    /**
     * Why a text cannot be an id, or {@code null} when it can: an id is 1 to {@value #MAX_ID_LENGTH}
     * characters of text without control characters (NUL, escape, line breaks, ...) or lone surrogates,
     * which would be lost or dangerous when ids are written back to files and terminals.
     */
    public static String problemWith(String id) {
        int length = id.length();
        if (length == 0) {
            return "an id must not be empty";
        }
        if (length > MAX_ID_LENGTH) {
            return "an id may have at most " + MAX_ID_LENGTH + " characters (this one has " + length + ")";
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format("an id must not hold control characters (found U+%04X at position %d)", (int) c, i + 1);
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(id.charAt(i + 1));
                if (!paired) {
                    return "an id must be valid Unicode text (a lone surrogate at position " + (i + 1) + ")";
                }
                i++;
            }
        }
        return null;
    }

    /** An id for a message: abbreviated, with control characters escaped. */
    static String quoted(String id) {
        String shown = id.length() <= 60 ? id : id.substring(0, 60) + "...";
        return "'" + PrintableText.escape(shown, false) + "'";
    }

    /** The dense id of an external id, or -1 if the index does not hold it. Never adds. */
    public int find(String externalId) {
        if (externalId == null) {
            return -1;
        }
        if (ids != null) {
            return probe(externalId);
        }
        Integer dense = denseByExternal.get(externalId);
        return dense == null ? -1 : dense;
    }

    /**
     * The external id behind a dense id.
     *
     * @throws IndexOutOfBoundsException if the dense id was never assigned
     */
    public String externalId(int denseId) {
        if (ids != null) {
            Objects.checkIndex(denseId, ids.length);
            return ids[denseId];
        }
        return externalByDense.get(denseId);
    }

    /** How many ids the index holds; dense ids run from 0 to {@code size() - 1}. */
    public int size() {
        return ids != null ? ids.length : externalByDense.size();
    }

    /** Writes the ids in dense order (a count, then each id as modified UTF-8). */
    public void writeTo(DataOutputStream out) throws IOException {
        int size = size();
        out.writeInt(size);
        for (int dense = 0; dense < size; dense++) {
            out.writeUTF(externalId(dense));
        }
    }

    /**
     * Reads an index written by {@link #writeTo}, {@link #isFrozen() frozen} as the models that hold it keep it; every
     * id gets the dense id it had. ({@link #of} or {@link #idOf} on a new index build one that grows.)
     *
     * @throws IOException if the stream ends early or holds a duplicate or invalid id
     */
    public static IdIndex readFrom(DataInputStream in) throws IOException {
        int count = in.readInt();
        // Each id takes at least its 2-byte length and 1 byte of text: a count beyond that is damage.
        if (count < 0 || count > in.available() / 3) {
            throw new IOException("id index: id count " + count + " does not fit the " + in.available()
                    + " bytes that follow");
        }
        // Read straight into a frozen index: the model's parts that hold the same ids share it (sharedWithinRead).
        String[] read = new String[count];
        for (int i = 0; i < count; i++) {
            String id = in.readUTF();
            String problem = problemWith(id);
            if (problem != null) {
                throw new IOException("id index: id at position " + i + " is not valid: " + problem);
            }
            read[i] = id;
        }
        List<String> ids = Arrays.asList(read);
        try {
            return ReadSharing.sharedWithinRead(new FrozenIds(ids), () -> new IdIndex(ids));
        } catch (IllegalArgumentException e) {
            throw new IOException("id index: " + e.getMessage(), e);
        }
    }

    /**
     * Saves the index to its own file, atomically and with a checksum (see {@link ModelRegistry}).
     *
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public void save(Path file) throws IOException {
        ModelRegistry.save(this, file);
    }

    /**
     * Loads an index saved by {@link #save}, frozen.
     *
     * @throws IOException if the file is missing, not an id index, corrupt or truncated
     */
    public static IdIndex load(Path file) throws IOException {
        return ModelRegistry.load(file, IdIndex.class);
    }

    @Override
    public String toString() {
        return "IdIndex[" + size() + " ids]";
    }
}
