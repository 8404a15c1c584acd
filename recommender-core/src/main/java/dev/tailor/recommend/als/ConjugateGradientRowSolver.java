package dev.tailor.recommend.als;

import dev.tailor.matrix.SparseMatrix;

/**
 * A few conjugate-gradient steps on the row's system, warm-started from its current factors, never
 * forming the k × k matrix: {@code A·v = G·v + Σ (c−1)(y·v) y + λv} (Takács, Pilászy &amp; Tikk, RecSys 2011).
 * The residual {@code b − A·x} takes one pass over the row's entries, each step one more.
 */
final class ConjugateGradientRowSolver implements RowSolver {
    private final int k;
    private final int steps;
    private final double[] r;
    private final double[] d;
    private final double[] ad;

    ConjugateGradientRowSolver(int k, int steps) {
        this.k = k;
        this.steps = steps;
        this.r = new double[k];
        this.d = new double[k];
        this.ad = new double[k];
    }

    @Override
    public void solve(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha,
            double[] x, int offset) {
        // r = b − A x = Σ (c p − (c−1)(y·x)) y − (G + λI) x
        DenseKernels.multiply(gram, k, x, offset, r, 0);
        for (int f = 0; f < k; f++) {
            r[f] = -(r[f] + lambda * x[offset + f]);
        }
        for (int p = rows.rowStart(row); p < rows.rowEnd(row); p++) {
            float w = rows.value(p);
            double c = RowSolver.confidence(w, alpha);
            int y = rows.column(p) * k;
            double coefficient = c * RowSolver.preference(w) - (c - 1) * DenseKernels.dot(fixed, y, x, offset, k);
            if (coefficient != 0) {
                DenseKernels.axpy(coefficient, fixed, y, r, 0, k);
            }
        }
        System.arraycopy(r, 0, d, 0, k);
        double rr = DenseKernels.dot(r, 0, r, 0, k);
        for (int step = 0; step < steps && rr > 1e-20; step++) {
            multiply(rows, row, fixed, gram, lambda, alpha, d, ad);
            double alphaStep = rr / DenseKernels.dot(d, 0, ad, 0, k);
            DenseKernels.axpy(alphaStep, d, 0, x, offset, k);
            DenseKernels.axpy(-alphaStep, ad, 0, r, 0, k);
            double next = DenseKernels.dot(r, 0, r, 0, k);
            double beta = next / rr;
            for (int f = 0; f < k; f++) {
                d[f] = r[f] + beta * d[f];
            }
            rr = next;
        }
    }

    /** out = A·v. */
    private void multiply(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha,
            double[] v, double[] out) {
        DenseKernels.multiply(gram, k, v, 0, out, 0);
        DenseKernels.axpy(lambda, v, 0, out, 0, k);
        for (int p = rows.rowStart(row); p < rows.rowEnd(row); p++) {
            double extra = RowSolver.confidence(rows.value(p), alpha) - 1;
            if (extra == 0) {
                continue;
            }
            int y = rows.column(p) * k;
            DenseKernels.axpy(extra * DenseKernels.dot(fixed, y, v, 0, k), fixed, y, out, 0, k);
        }
    }
}
