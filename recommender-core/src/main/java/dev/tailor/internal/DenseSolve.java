package dev.tailor.internal;

import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Small dense linear systems, for the Newton steps of the project's regressions. */
public final class DenseSolve {
    private DenseSolve() {
    }

    /**
     * Solves {@code a x = b} for a symmetric positive definite n × n {@code a} (row-major) by ojalgo's Cholesky
     * decomposition (as the ALS row solver does); null when {@code a} is not positive definite.
     */
    public static double[] positiveDefinite(double[] a, double[] b, int n) {
        R064Store matrix = R064Store.wrap(a, n);
        Cholesky<Double> cholesky = Cholesky.R064.make(matrix);
        if (!cholesky.decompose(matrix) || !cholesky.isSolvable()) {
            return null;
        }
        MatrixStore<Double> x = cholesky.getSolution(R064Store.wrap(b, n), R064Store.FACTORY.make(n, 1));
        double[] solution = new double[n];
        for (int j = 0; j < n; j++) {
            solution[j] = x.doubleValue(j);
        }
        return solution;
    }
}
