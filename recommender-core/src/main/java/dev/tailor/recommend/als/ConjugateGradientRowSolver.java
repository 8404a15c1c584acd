package dev.tailor.recommend.als;

import dev.tailor.matrix.SparseMatrix;

/**
 * A few conjugate-gradient steps on the row's system, warm-started from its current factors, never
 * forming the k × k matrix: {@code A·v = G·v + Σ (c−1)(y·v) y + λv} (Takács, Pilászy &amp; Tikk, RecSys 2011).
 *
 * <p>The residual {@code b − A·x} takes one pass over the row's entries, each step one more; entries go four at a
 * time (four dot products in one pass over the vector, four updates in one pass over the result). A row with many
 * entries first copies their factors next to each other, so the passes after the first read a block that stays in
 * the core's cache instead of rows scattered over the whole factor matrix.
 */
final class ConjugateGradientRowSolver implements RowSolver {
    /** Rows with at least this many entries are gathered. */
    private static final int GATHER_FROM = 64;
    /** ... and at most this many (2 MB of factors at k = 64): bigger rows would not stay in cache anyway. */
    private static final int GATHER_UP_TO = 4096;

    private final int k;
    private final int steps;
    private final double[] r;
    private final double[] d;
    private final double[] ad;
    private final double[] four = new double[4];
    private int[] offsets = new int[64];
    private double[] extra = new double[64];
    private double[] weighted = new double[64];
    private double[] gathered = new double[0];

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
        int n = rows.rowLength(row);
        double[] source = prepareEntries(rows, row, fixed, alpha, n);
        // r = b − A x = Σ (c p − (c−1)(y·x)) y − (G + λI) x
        DenseKernels.multiply(gram, k, x, offset, r, 0, four);
        for (int f = 0; f < k; f++) {
            r[f] = -(r[f] + lambda * x[offset + f]);
        }
        int j = 0;
        for (; j + 3 < n; j += 4) {
            DenseKernels.dot4(source, offsets[j], offsets[j + 1], offsets[j + 2], offsets[j + 3], x, offset, k, four);
            DenseKernels.axpy4(weighted[j] - extra[j] * four[0], offsets[j], weighted[j + 1] - extra[j + 1] * four[1],
                    offsets[j + 1], weighted[j + 2] - extra[j + 2] * four[2], offsets[j + 2],
                    weighted[j + 3] - extra[j + 3] * four[3], offsets[j + 3], source, r, 0, k);
        }
        for (; j < n; j++) {
            double coefficient = weighted[j] - extra[j] * DenseKernels.dot(source, offsets[j], x, offset, k);
            DenseKernels.axpy(coefficient, source, offsets[j], r, 0, k);
        }
        System.arraycopy(r, 0, d, 0, k);
        double rr = DenseKernels.dot(r, 0, r, 0, k);
        for (int step = 0; step < steps && rr > 1e-20; step++) {
            multiply(source, n, gram, lambda, d, ad);
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

    /** Fills the entries' offsets, c − 1 and c·p; returns the array the offsets point into. */
    private double[] prepareEntries(SparseMatrix rows, int row, double[] fixed, double alpha, int n) {
        if (offsets.length < n) {
            int size = Math.max(n, 2 * offsets.length);
            offsets = new int[size];
            extra = new double[size];
            weighted = new double[size];
        }
        boolean gather = n >= GATHER_FROM && n <= GATHER_UP_TO;
        if (gather && gathered.length < n * k) {
            gathered = new double[Math.min(GATHER_UP_TO, Math.max(n, 2 * gathered.length / k)) * k];
        }
        int start = rows.rowStart(row);
        for (int j = 0; j < n; j++) {
            float w = rows.value(start + j);
            double c = RowSolver.confidence(w, alpha);
            extra[j] = c - 1;
            weighted[j] = c * RowSolver.preference(w);
            int column = rows.column(start + j) * k;
            if (gather) {
                System.arraycopy(fixed, column, gathered, j * k, k);
                offsets[j] = j * k;
            } else {
                offsets[j] = column;
            }
        }
        return gather ? gathered : fixed;
    }

    /** out = A·v over the prepared entries. */
    private void multiply(double[] source, int n, double[] gram, double lambda, double[] v, double[] out) {
        DenseKernels.multiply(gram, k, v, 0, out, 0, four);
        DenseKernels.axpy(lambda, v, 0, out, 0, k);
        int j = 0;
        for (; j + 3 < n; j += 4) {
            DenseKernels.dot4(source, offsets[j], offsets[j + 1], offsets[j + 2], offsets[j + 3], v, 0, k, four);
            DenseKernels.axpy4(extra[j] * four[0], offsets[j], extra[j + 1] * four[1], offsets[j + 1],
                    extra[j + 2] * four[2], offsets[j + 2], extra[j + 3] * four[3], offsets[j + 3], source, out, 0, k);
        }
        for (; j < n; j++) {
            DenseKernels.axpy(extra[j] * DenseKernels.dot(source, offsets[j], v, 0, k), source, offsets[j], out, 0, k);
        }
    }
}
