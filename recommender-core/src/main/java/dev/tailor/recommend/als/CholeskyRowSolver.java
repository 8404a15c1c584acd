package dev.tailor.recommend.als;

import dev.tailor.data.UnsuitableDataException;
import dev.tailor.matrix.SparseMatrix;
import java.util.Arrays;

/**
 * The exact row solve. It copies the row's entries' factors into one block (and a copy scaled by c − 1), adds
 * their outer products to the upper triangle of the k × k system in register tiles
 * ({@link DenseKernels#addOuterProducts}), and solves the system by an in-place, right-looking Cholesky
 * decomposition A = UᵀU four rows at a time. Kept as the upper triangle in row-major order, every step of
 * the decomposition and of the substitutions runs along contiguous rows (SIMD multiply-adds, no gathers, no
 * copies). Blocks of at most {@value #BLOCK} entries keep the copies in cache for rows with many entries.
 */
final class CholeskyRowSolver implements RowSolver {
    static final int BLOCK = 128;

    private final int k;
    private final double[] a;
    private final double[] b;
    /** The factors of the row's entries in the block, and the same scaled by c − 1; grown on demand. */
    private double[] unscaled = new double[0];
    private double[] scaled = new double[0];
    /** c·p of the block's entries: their weights in the right-hand side. */
    private final double[] weights = new double[BLOCK];

    /** The diagonal block's coefficients for {@link DenseKernels#finishFourRows}. */
    private final double[] block = new double[10];
    /** Scratch of {@link DenseKernels#subtractOuterProducts}. */
    private final double[] negated = new double[32];
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
        // One copy of the whole matrix beats k copies of the rows' upper parts.
        System.arraycopy(gram, 0, a, 0, k * k);
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        Arrays.fill(b, 0);
        int end = rows.rowEnd(row);
        int start = rows.rowStart(row);
        int most = Math.min(BLOCK, end - start) * k;
        if (unscaled.length < most) {
            unscaled = new double[most];
            scaled = new double[most];
        }
        for (int from = start; from < end; from += BLOCK) {
            int n = Math.min(BLOCK, end - from);
            for (int q = 0; q < n; q++) {
                float w = rows.value(from + q);
                double c = RowSolver.confidence(w, alpha);
                weights[q] = c * RowSolver.preference(w);
                DenseKernels.copyAndScale(fixed, rows.column(from + q) * k, c - 1, unscaled, scaled, q * k, k);
            }
            DenseKernels.addOuterProducts(scaled, unscaled, n, k, a);
            DenseKernels.addWeightedRows(unscaled, weights, n, k, b);
        }
    }

    /**
     * Overwrites the upper triangle of {@code a} with U, A = UᵀU, right-looking, eight rows at a time: finish
     * four rows (factor their 4 × 4 diagonal block, then the rest of each row, a short combination of the rows
     * above it), update the next four by them and finish those, then subtract the outer products of all eight
     * from the trailing upper triangle in one pass ({@link DenseKernels#subtractOuterProducts}). Eight rows per
     * pass halve the trips of the trailing triangle through the cache against four.
     */
    private void decompose(int row, double lambda) {
        int j = 0;
        for (; j + 7 < k; j += 8) {
            finishFourRows(j, row, lambda);
            DenseKernels.subtractOuterProducts(a, k, j, 4, j + 4, j + 8, negated);
            finishFourRows(j + 4, row, lambda);
            DenseKernels.subtractOuterProducts(a, k, j, 8, j + 8, k, negated);
        }
        for (; j + 3 < k; j += 4) {
            finishFourRows(j, row, lambda);
            DenseKernels.subtractOuterProducts(a, k, j, 4, j + 4, k, negated);
        }
        // The last k mod 4 rows, one at a time.
        for (; j < k; j++) {
            int rowJ = j * k;
            double pivot = root(a[rowJ + j], row, lambda);
            a[rowJ + j] = pivot;
            int n = k - j - 1;
            DenseKernels.scale(1 / pivot, a, rowJ + j + 1, n);
            for (int g = j + 1; g < k; g++) {
                DenseKernels.axpy(-a[rowJ + g], a, rowJ + g, a, g * k + g, k - g);
            }
        }
    }

    /**
     * Factors the 4 × 4 diagonal block at (j, j), whose earlier rows' shares are subtracted already, and finishes
     * rows j..j+3 to its right: row t = (row t − Σ_{v<t} U[v][t] · row v) / U[t][t].
     */
    private void finishFourRows(int j, int row, double lambda) {
        int d0 = j * k + j;
        int d1 = d0 + k;
        int d2 = d1 + k;
        int d3 = d2 + k;
        double u00 = root(a[d0], row, lambda);
        double i0 = 1 / u00;
        double u01 = a[d0 + 1] * i0;
        double u02 = a[d0 + 2] * i0;
        double u03 = a[d0 + 3] * i0;
        double u11 = root(a[d1 + 1] - u01 * u01, row, lambda);
        double i1 = 1 / u11;
        double u12 = (a[d1 + 2] - u01 * u02) * i1;
        double u13 = (a[d1 + 3] - u01 * u03) * i1;
        double u22 = root(a[d2 + 2] - u02 * u02 - u12 * u12, row, lambda);
        double i2 = 1 / u22;
        double u23 = (a[d2 + 3] - u02 * u03 - u12 * u13) * i2;
        double u33 = root(a[d3 + 3] - u03 * u03 - u13 * u13 - u23 * u23, row, lambda);
        double i3 = 1 / u33;
        a[d0] = u00;
        a[d0 + 1] = u01;
        a[d0 + 2] = u02;
        a[d0 + 3] = u03;
        a[d1 + 1] = u11;
        a[d1 + 2] = u12;
        a[d1 + 3] = u13;
        a[d2 + 2] = u22;
        a[d2 + 3] = u23;
        a[d3 + 3] = u33;
        int n = k - j - 4;
        if (n > 0) {
            block[0] = i0;
            block[1] = -u01;
            block[2] = i1;
            block[3] = -u02;
            block[4] = -u12;
            block[5] = i2;
            block[6] = -u03;
            block[7] = -u13;
            block[8] = -u23;
            block[9] = i3;
            DenseKernels.finishFourRows(a, d0 + 4, k, n, block);
        }
    }

    /** The square root of a pivot, which must be positive and finite. */
    private static double root(double diagonal, int row, double lambda) {
        if (!(diagonal > 0) || Double.isInfinite(diagonal)) {
            throw new UnsuitableDataException("ALS: the system of row " + row + " is not positive definite (lambda = "
                    + lambda + "; use lambda > 0)");
        }
        return Math.sqrt(diagonal);
    }

    /**
     * Solves UᵀU x = z with the factor in {@code a}; overwrites {@code z}. Both triangular solves go four
     * unknowns at a time: the 4 × 4 diagonal block by hand, the rest of the row block as one four-term update
     * (forward) or four dot products in one pass (backward).
     */
    private void substitute(double[] z, double[] target, int offset) {
        // Uᵀ y = z: once y_j..y_j+3 are known, they leave the later entries along rows j..j+3 of U.
        int blocked = k & ~3;
        for (int j = 0; j < blocked; j += 4) {
            int d0 = j * k + j;
            int d1 = d0 + k;
            int d2 = d1 + k;
            int d3 = d2 + k;
            double y0 = z[j] / a[d0];
            double y1 = (z[j + 1] - a[d0 + 1] * y0) / a[d1 + 1];
            double y2 = (z[j + 2] - a[d0 + 2] * y0 - a[d1 + 2] * y1) / a[d2 + 2];
            double y3 = (z[j + 3] - a[d0 + 3] * y0 - a[d1 + 3] * y1 - a[d2 + 3] * y2) / a[d3 + 3];
            z[j] = y0;
            z[j + 1] = y1;
            z[j + 2] = y2;
            z[j + 3] = y3;
            DenseKernels.axpy4(-y0, d0 + 4, -y1, d1 + 4, -y2, d2 + 4, -y3, d3 + 4, a, z, j + 4, k - j - 4);
        }
        for (int j = blocked; j < k; j++) {
            double yj = z[j] / a[j * k + j];
            z[j] = yj;
            DenseKernels.axpy(-yj, a, j * k + j + 1, z, j + 1, k - j - 1);
        }
        // U x = y: x_i = (y_i − U[i][i+1..] · x[i+1..]) / U[i][i], the last k mod 4 first, then blocks of four.
        for (int i = k - 1; i >= blocked; i--) {
            z[i] = (z[i] - DenseKernels.dot(a, i * k + i + 1, z, i + 1, k - i - 1)) / a[i * k + i];
        }
        for (int j = blocked - 4; j >= 0; j -= 4) {
            int d0 = j * k + j;
            int d1 = d0 + k;
            int d2 = d1 + k;
            int d3 = d2 + k;
            DenseKernels.dot4(a, d0 + 4, d1 + 4, d2 + 4, d3 + 4, z, j + 4, k - j - 4, four);
            double x3 = (z[j + 3] - four[3]) / a[d3 + 3];
            double x2 = (z[j + 2] - four[2] - a[d2 + 3] * x3) / a[d2 + 2];
            double x1 = (z[j + 1] - four[1] - a[d1 + 2] * x2 - a[d1 + 3] * x3) / a[d1 + 1];
            double x0 = (z[j] - four[0] - a[d0 + 1] * x1 - a[d0 + 2] * x2 - a[d0 + 3] * x3) / a[d0];
            z[j] = x0;
            z[j + 1] = x1;
            z[j + 2] = x2;
            z[j + 3] = x3;
        }
        System.arraycopy(z, 0, target, offset, k);
    }
}
