package dev.tailor.recommend.als;

import dev.tailor.matrix.SparseMatrix;

/** Solves one row's regularized weighted least squares in an ALS half-step. Not thread-safe: one per thread. */
interface RowSolver {
    /**
     * Writes into {@code target[offset .. offset+k)} the solution of
     * {@code (G + Σ (c−1) y yᵀ + λI) x = Σ c p y} over the row's entries.
     *
     * @param fixed the other side's factors, row-major
     * @param gram {@code fixedᵀ fixed}, k × k
     */
    void solve(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha, double[] target,
            int offset);

    /** Confidence of an entry with weight w. */
    static double confidence(float w, double alpha) {
        return 1 + alpha * Math.abs(w);
    }

    /** Preference of an entry with weight w. */
    static double preference(float w) {
        return w > 0 ? 1 : 0;
    }
}
