package dev.tailor.recommend;

import dev.tailor.io.ArrayCodec;
import dev.tailor.io.ModelFiles;
import dev.tailor.matrix.SparseMatrix;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loading any saved model, and the binary pieces model files share. Every model file holds the model's
 * id indexes and weighting policy, and is written atomically with a CRC32C checksum
 * ({@link ModelFiles}); a loaded model scores exactly as the saved one.
 */
public final class TrainedModels {
    private TrainedModels() {
    }

    /**
     * Loads a model of any registered engine, choosing the reader by the format name in the file's header
     * ({@link dev.tailor.io.ModelRegistry}; another module can register its own engines' formats).
     *
     * @throws IOException if the file is missing, foreign, of an unknown format or a newer version,
     *     truncated or corrupt, or holds something other than a recommender; the message says which
     */
    public static Recommender load(Path file) throws IOException {
        return dev.tailor.io.ModelRegistry.load(file, Recommender.class);
    }

    /** Writes a sparse matrix. */
    public static void writeMatrix(SparseMatrix m, DataOutputStream out) throws IOException {
        out.writeInt(m.rows());
        out.writeInt(m.columns());
        out.writeInt(m.nonZeros());
        for (int r = 0; r <= m.rows(); r++) {
            out.writeInt(r == m.rows() ? m.nonZeros() : m.rowStart(r));
        }
        for (int p = 0; p < m.nonZeros(); p++) {
            out.writeInt(m.column(p));
        }
        for (int p = 0; p < m.nonZeros(); p++) {
            out.writeFloat(m.value(p));
        }
    }

    /** Reads a sparse matrix written by {@link #writeMatrix}, validating its structure. */
    public static SparseMatrix readMatrix(DataInputStream in) throws IOException {
        int rows = in.readInt();
        int columns = in.readInt();
        int nnz = in.readInt();
        if (rows < 0 || columns < 0 || nnz < 0 || rows == Integer.MAX_VALUE) {
            throw new IOException("sparse matrix: sizes out of range (" + rows + " rows, " + columns + " columns, "
                    + nnz + " entries)");
        }
        ArrayCodec.requireBytes(in, 4L * (rows + 1) + 8L * nnz, "a sparse matrix of " + rows + " rows and " + nnz + " entries");
        int[] pointers = new int[rows + 1];
        for (int r = 0; r <= rows; r++) {
            pointers[r] = in.readInt();
        }
        int[] cols = new int[nnz];
        for (int p = 0; p < nnz; p++) {
            cols[p] = in.readInt();
        }
        float[] values = new float[nnz];
        for (int p = 0; p < nnz; p++) {
            values[p] = in.readFloat();
            if (!Float.isFinite(values[p])) {
                throw new IOException("sparse matrix: entry " + p + " is not a finite number");
            }
        }
        try {
            return new SparseMatrix(rows, columns, pointers, cols, values);
        } catch (IllegalArgumentException e) {
            throw new IOException("sparse matrix: " + e.getMessage(), e);
        }
    }

    /** Writes an int array with its length ({@link ArrayCodec#writeInts}). */
    public static void writeInts(int[] values, DataOutputStream out) throws IOException {
        ArrayCodec.writeInts(values, out);
    }

    /** Reads an int array written by {@link #writeInts}. */
    public static int[] readInts(DataInputStream in) throws IOException {
        return ArrayCodec.readInts(in, Integer.MAX_VALUE);
    }

    /** Writes a float array with its length ({@link ArrayCodec#writeFloats}). */
    public static void writeFloats(float[] values, DataOutputStream out) throws IOException {
        ArrayCodec.writeFloats(values, out);
    }

    /** Reads a float array written by {@link #writeFloats}. */
    public static float[] readFloats(DataInputStream in) throws IOException {
        return ArrayCodec.readFloats(in, Integer.MAX_VALUE);
    }
}
