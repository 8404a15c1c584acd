package dev.tailor.matrix;

import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sparse matrix in compressed sparse row form, with float values. Within each row the
 * column indices are strictly increasing.
 *
 * <p>Row {@code r} holds entries {@code rowStart(r) <= p < rowEnd(r)}: column {@link #column(int)
 * column(p)}, value {@link #value(int) value(p)}. The arrays behind these accessors are never copied
 * on a read, so loops over rows cost no allocation.
 *
 * <p>Thread-safety: immutable.
 */
public final class SparseMatrix {
    private final int rows;
    private final int columns;
    private final int[] rowPointers;
    private final int[] columnIndices;
    private final float[] values;

    /**
     * Wraps CSR arrays (not copied: the caller hands them over).
     *
     * @throws IllegalArgumentException if the arrays are inconsistent: pointers not of length
     *     {@code rows + 1} or not non-decreasing, a column outside {@code [0, columns)}, or columns
     *     not strictly increasing within a row
     */
    public SparseMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values) {
        Objects.requireNonNull(rowPointers, "rowPointers");
        Objects.requireNonNull(columnIndices, "columnIndices");
        Objects.requireNonNull(values, "values");
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("rows and columns must be >= 0, were " + rows + " and " + columns);
        }
        if (rowPointers.length != rows + 1 || rowPointers[0] != 0) {
            throw new IllegalArgumentException("rowPointers must have rows + 1 = " + (rows + 1) + " entries starting at 0");
        }
        int nnz = rowPointers[rows];
        if (columnIndices.length != nnz || values.length != nnz) {
            throw new IllegalArgumentException("columnIndices and values must have " + nnz + " entries, had "
                    + columnIndices.length + " and " + values.length);
        }
        for (int r = 0; r < rows; r++) {
            if (rowPointers[r + 1] < rowPointers[r]) {
                throw new IllegalArgumentException("rowPointers decrease at row " + r);
            }
            for (int p = rowPointers[r]; p < rowPointers[r + 1]; p++) {
                int c = columnIndices[p];
                if (c < 0 || c >= columns) {
                    throw new IllegalArgumentException("row " + r + " has column " + c + " outside [0, " + columns + ")");
                }
                if (p > rowPointers[r] && columnIndices[p - 1] >= c) {
                    throw new IllegalArgumentException("row " + r + " has columns out of order at " + c);
                }
            }
        }
        this.rows = rows;
        this.columns = columns;
        this.rowPointers = rowPointers;
        this.columnIndices = columnIndices;
        this.values = values;
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int columns() {
        return columns;
    }

    /** The number of stored entries. */
    public int nonZeros() {
        return rowPointers[rows];
    }

    /** First entry position of row {@code r}. */
    public int rowStart(int r) {
        return rowPointers[r];
    }

    /** One past the last entry position of row {@code r}. */
    public int rowEnd(int r) {
        return rowPointers[r + 1];
    }

    /** Number of entries in row {@code r}. */
    public int rowLength(int r) {
        return rowPointers[r + 1] - rowPointers[r];
    }

    /** Column of the entry at position {@code p}. */
    public int column(int p) {
        return columnIndices[p];
    }

    /** Value of the entry at position {@code p}. */
    public float value(int p) {
        return values[p];
    }

    /** The value at (row, column), or 0 if no entry is stored there (binary search in the row). */
    public float get(int row, int column) {
        int p = Arrays.binarySearch(columnIndices, rowPointers[row], rowPointers[row + 1], column);
        return p >= 0 ? values[p] : 0f;
    }

    /** Whether (row, column) holds a stored entry (binary search in the row). */
    public boolean contains(int row, int column) {
        return Arrays.binarySearch(columnIndices, rowPointers[row], rowPointers[row + 1], column) >= 0;
    }

    /** A copy of row {@code r}'s column indices, ascending. */
    public int[] rowColumns(int r) {
        return Arrays.copyOfRange(columnIndices, rowPointers[r], rowPointers[r + 1]);
    }

    /** The transpose, built in O(rows + columns + nonZeros) with a counting sort. */
    public SparseMatrix transpose() {
        int nnz = nonZeros();
        int[] tPointers = new int[columns + 1];
        for (int p = 0; p < nnz; p++) {
            tPointers[columnIndices[p] + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            tPointers[c + 1] += tPointers[c];
        }
        int[] next = Arrays.copyOf(tPointers, columns);
        int[] tColumns = new int[nnz];
        float[] tValues = new float[nnz];
        for (int r = 0; r < rows; r++) {
            for (int p = rowPointers[r]; p < rowPointers[r + 1]; p++) {
                int at = next[columnIndices[p]]++;
                tColumns[at] = r;
                tValues[at] = values[p];
            }
        }
        return new SparseMatrix(columns, rows, tPointers, tColumns, tValues);
    }

    @Override
    public String toString() {
        return "SparseMatrix[" + rows + " x " + columns + ", " + nonZeros() + " entries]";
    }

    /** Writes the matrix (sizes, row pointers, columns, values) for {@link #readFrom}. */
    public void writeTo(DataOutputStream out) throws IOException {
        SparseMatrix m = this;
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

    /**
     * Reads a matrix written by {@link #writeTo}, validating its structure and that every value is finite.
     *
     * @throws IOException if it is truncated or inconsistent
     */
    public static SparseMatrix readFrom(DataInputStream in) throws IOException {
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
}
