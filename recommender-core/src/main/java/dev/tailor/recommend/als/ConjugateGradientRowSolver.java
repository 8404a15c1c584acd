package dev.tailor.recommend.als;

import dev.tailor.matrix.SparseMatrix;

/**
 * A few conjugate-gradient steps on the row's system, warm-started from its current factors, never
 * forming the k × k matrix: {@code A·v = G·v + Σ (c−1)(y·v) y + λv} (Takács, Pilászy &amp; Tikk, RecSys 2011).
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
        // r = b − A x
        multiply(rows, row, fixed, gram, lambda, alpha, x, offset, r);
        for (int f = 0; f < k; f++) {
            r[f] = -r[f];
        }
        for (int p = rows.rowStart(row); p < rows.rowEnd(row); p++) {
            float w = rows.value(p);
            double cp = RowSolver.confidence(w, alpha) * RowSolver.preference(w);
            if (cp != 0) {
                int y = rows.column(p) * k;
                for (int f = 0; f < k; f++) {
                    r[f] += cp * fixed[y + f];
                }
            }
        }
        System.arraycopy(r, 0, d, 0, k);
        double rr = dot(r, r);
        for (int step = 0; step < steps && rr > 1e-20; step++) {
            multiply(rows, row, fixed, gram, lambda, alpha, d, 0, ad);
            double alphaStep = rr / dot(d, ad);
            for (int f = 0; f < k; f++) {
                x[offset + f] += alphaStep * d[f];
                r[f] -= alphaStep * ad[f];
            }
            double next = dot(r, r);
            double beta = next / rr;
            for (int f = 0; f < k; f++) {
                d[f] = r[f] + beta * d[f];
            }
            rr = next;
        }
    }

    /** out = A·v, with v read from {@code v[vOffset .. vOffset+k)}. */
    private void multiply(SparseMatrix rows, int row, double[] fixed, double[] gram, double lambda, double alpha,
            double[] v, int vOffset, double[] out) {
        for (int f = 0; f < k; f++) {
            double s = 0;
            int g0 = f * k;
            for (int g = 0; g < k; g++) {
                s += gram[g0 + g] * v[vOffset + g];
            }
            out[f] = s + lambda * v[vOffset + f];
        }
        for (int p = rows.rowStart(row); p < rows.rowEnd(row); p++) {
            float w = rows.value(p);
            double extra = RowSolver.confidence(w, alpha) - 1;
            if (extra == 0) {
                continue;
            }
            int y = rows.column(p) * k;
            double s = 0;
            for (int f = 0; f < k; f++) {
                s += fixed[y + f] * v[vOffset + f];
            }
            s *= extra;
            for (int f = 0; f < k; f++) {
                out[f] += s * fixed[y + f];
            }
        }
    }

    private double dot(double[] a, double[] b) {
        double s = 0;
        for (int f = 0; f < k; f++) {
            s += a[f] * b[f];
        }
        return s;
    }
}
