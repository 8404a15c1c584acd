package dev.tailor.recommend.als;

import dev.tailor.matrix.SparseMatrix;
import java.util.Arrays;
import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** The exact row solve: builds the k × k system and solves it by Cholesky decomposition (ojalgo). */
final class CholeskyRowSolver implements RowSolver {
    private final int k;
    private final double[] a;
    private final double[] b;
    private final R064Store matrix;
    private final R064Store rhs;
    private final R064Store solution;
    private final Cholesky<Double> cholesky;

    CholeskyRowSolver(int k) {
        this.k = k;
        this.a = new double[k * k];
        this.b = new double[k];
        this.matrix = R064Store.wrap(a, k);
        this.rhs = R064Store.wrap(b, k);
        this.solution = R064Store.FACTORY.make(k, 1);
        this.cholesky = Cholesky.R064.make(matrix);
    }

    @Override
    public void solve(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha,
            double[] target, int offset) {
        build(rows, row, fixed, gram, lambda, alpha);
        decomposeAndSolve(row, lambda, target, offset);
    }

    /**
     * Solves the row's system A x = v for another right-hand side v: with v = y_i, x · y_j c_j p_j is item j's
     * share of the folded-in score of item i (Hu, Koren and Volinsky 2008, section 5).
     */
    void solveFor(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha,
            double[] rightSide, double[] target) {
        prepare(rows, row, fixed, gram, lambda, alpha);
        solvePrepared(rightSide, target);
    }

    /** Builds and decomposes the row's system once, for several {@link #solvePrepared} right-hand sides. */
    void prepare(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha) {
        build(rows, row, fixed, gram, lambda, alpha);
        if (!cholesky.decompose(matrix) || !cholesky.isSolvable()) {
            throw new dev.tailor.data.UnsuitableDataException("ALS: the system of row " + row + " is not positive definite (lambda = "
                    + lambda + "; use lambda > 0)");
        }
    }

    /** Solves the system of the last {@link #prepare} for another right-hand side (O(k²)). */
    void solvePrepared(double[] rightSide, double[] target) {
        System.arraycopy(rightSide, 0, b, 0, k);
        MatrixStore<Double> x = cholesky.getSolution(rhs, solution);
        for (int f = 0; f < k; f++) {
            target[f] = x.doubleValue(f);
        }
    }

    private void build(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha) {
        System.arraycopy(gram, 0, a, 0, k * k);
        Arrays.fill(b, 0);
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        for (int p = rows.rowStart(row); p < rows.rowEnd(row); p++) {
            float w = rows.value(p);
            int y = rows.column(p) * k;
            double c = RowSolver.confidence(w, alpha);
            double extra = c - 1;
            // A is symmetric: fill the upper triangle, mirror once below.
            for (int f = 0; f < k; f++) {
                double yf = extra * fixed[y + f];
                int rowStart = f * k;
                for (int g = f; g < k; g++) {
                    a[rowStart + g] += yf * fixed[y + g];
                }
            }
            double cp = c * RowSolver.preference(w);
            if (cp != 0) {
                for (int f = 0; f < k; f++) {
                    b[f] += cp * fixed[y + f];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            for (int g = f + 1; g < k; g++) {
                a[g * k + f] = a[f * k + g];
            }
        }
    }

    private void decomposeAndSolve(int row, double lambda, double[] target, int offset) {
        if (!cholesky.decompose(matrix) || !cholesky.isSolvable()) {
            throw new dev.tailor.data.UnsuitableDataException("ALS: the system of row " + row + " is not positive definite (lambda = "
                    + lambda + "; use lambda > 0)");
        }
        MatrixStore<Double> x = cholesky.getSolution(rhs, solution);
        for (int f = 0; f < k; f++) {
            target[offset + f] = x.doubleValue(f);
        }
    }
}
