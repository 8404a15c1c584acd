package dev.tailor.recommend.als;

import dev.tailor.data.UnsuitableDataException;
import dev.tailor.matrix.SparseMatrix;

/**
 * The exact row solve: builds the lower triangle of the k × k system, four entries per pass over it, and
 * solves it by an in-place Cholesky decomposition whose inner loops are {@link DenseKernels} dot products of
 * contiguous row prefixes.
 */
final class CholeskyRowSolver implements RowSolver {
    private final int k;
    private final double[] a;
    private final double[] b;
    private final double[] four = new double[4];

    CholeskyRowSolver(int k) {
        this.k = k;
        this.a = new double[k * k];
        this.b = new double[k];
    }

    @Override
    public void solve(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha,
            double[] target, int offset) {
        prepare(rows, row, fixed, gram, lambda, alpha);
        substitute(b, target, offset);
    }

    /** Builds and decomposes the row's system once, for several {@link #solvePrepared} right-hand sides. */
    void prepare(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha) {
        build(rows, row, fixed, gram, lambda, alpha);
        decompose(row, lambda);
    }

    /**
     * Solves the system of the last {@link #prepare} for another right-hand side v (O(k²)): with v = y_i, x · y_j
     * c_j p_j is item j's share of the folded-in score of item i (Hu, Koren and Volinsky 2008, section 5).
     */
    void solvePrepared(double[] rightSide, double[] target) {
        System.arraycopy(rightSide, 0, b, 0, k);
        substitute(b, target, 0);
    }

    private void build(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha) {
        for (int f = 0; f < k; f++) {
            System.arraycopy(gram, f * k, a, f * k, f + 1);
            a[f * k + f] += lambda;
            b[f] = 0;
        }
        int end = rows.rowEnd(row);
        int p = rows.rowStart(row);
        for (; p + 3 < end; p += 4) {
            double e0 = RowSolver.confidence(rows.value(p), alpha) - 1;
            double e1 = RowSolver.confidence(rows.value(p + 1), alpha) - 1;
            double e2 = RowSolver.confidence(rows.value(p + 2), alpha) - 1;
            double e3 = RowSolver.confidence(rows.value(p + 3), alpha) - 1;
            int y0 = rows.column(p) * k;
            int y1 = rows.column(p + 1) * k;
            int y2 = rows.column(p + 2) * k;
            int y3 = rows.column(p + 3) * k;
            for (int f = 0; f < k; f++) {
                DenseKernels.axpy4(e0 * fixed[y0 + f], y0, e1 * fixed[y1 + f], y1, e2 * fixed[y2 + f], y2,
                        e3 * fixed[y3 + f], y3, fixed, a, f * k, f + 1);
            }
        }
        for (; p < end; p++) {
            double e = RowSolver.confidence(rows.value(p), alpha) - 1;
            int y = rows.column(p) * k;
            for (int f = 0; f < k; f++) {
                DenseKernels.axpy(e * fixed[y + f], fixed, y, a, f * k, f + 1);
            }
        }
        for (p = rows.rowStart(row); p < end; p++) {
            float w = rows.value(p);
            double cp = RowSolver.confidence(w, alpha) * RowSolver.preference(w);
            if (cp != 0) {
                DenseKernels.axpy(cp, fixed, rows.column(p) * k, b, 0, k);
            }
        }
    }

    /** Overwrites the lower triangle of {@code a} with its Cholesky factor L (A = L Lᵀ). */
    private void decompose(int row, double lambda) {
        for (int j = 0; j < k; j++) {
            int rowJ = j * k;
            double diagonal = a[rowJ + j] - DenseKernels.dot(a, rowJ, a, rowJ, j);
            if (!(diagonal > 0) || Double.isInfinite(diagonal)) {
                throw new UnsuitableDataException("ALS: the system of row " + row + " is not positive definite (lambda = "
                        + lambda + "; use lambda > 0)");
            }
            double pivot = Math.sqrt(diagonal);
            a[rowJ + j] = pivot;
            int i = j + 1;
            // Four rows below share one pass over row j's prefix.
            for (; i + 3 < k; i += 4) {
                int rowI = i * k;
                DenseKernels.dot4(a, rowI, rowI + k, rowI + 2 * k, rowI + 3 * k, a, rowJ, j, four);
                a[rowI + j] = (a[rowI + j] - four[0]) / pivot;
                a[rowI + k + j] = (a[rowI + k + j] - four[1]) / pivot;
                a[rowI + 2 * k + j] = (a[rowI + 2 * k + j] - four[2]) / pivot;
                a[rowI + 3 * k + j] = (a[rowI + 3 * k + j] - four[3]) / pivot;
            }
            for (; i < k; i++) {
                int rowI = i * k;
                a[rowI + j] = (a[rowI + j] - DenseKernels.dot(a, rowI, a, rowJ, j)) / pivot;
            }
        }
    }

    /** Solves L Lᵀ x = z with the factor in {@code a}; overwrites {@code z}. */
    private void substitute(double[] z, double[] target, int offset) {
        for (int i = 0; i < k; i++) {
            z[i] = (z[i] - DenseKernels.dot(a, i * k, z, 0, i)) / a[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double xi = z[i] / a[i * k + i];
            target[offset + i] = xi;
            DenseKernels.axpy(-xi, a, i * k, z, 0, i);
        }
    }
}
