package dev.tailor.recommend.als;

/**
 * The dense double-precision loops of ALS training and fold-in: dot products, multiply-adds and the
 * Gram matrix. With the Vector API module present ({@code --add-modules jdk.incubator.vector}, see
 * {@link FactorModel#VECTOR}) they run as explicit SIMD fused multiply-adds; otherwise as scalar code with
 * four independent sums, because the JIT never reorders a floating-point sum and a single running sum waits
 * on every add. The two paths differ only in rounding.
 */
final class DenseKernels {
    private DenseKernels() {
    }

    /** {@code Σ a[ao+i]·b[bo+i]} over {@code i < n}. */
    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        if (FactorModel.VECTOR) {
            return VectorDenseKernels.dot(a, ao, b, bo, n);
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y[yo+i] += s·x[xo+i]} over {@code i < n}. */
    static void axpy(double s, double[] x, int xo, double[] y, int yo, int n) {
        if (FactorModel.VECTOR) {
            VectorDenseKernels.axpy(s, x, xo, y, yo, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yo + i] += s * x[xo + i];
        }
    }

    /**
     * Four multiply-adds into one target in one pass: {@code y[yo+i] += s0·x[x0+i] + s1·x[x1+i] + s2·x[x2+i] + s3·x[x3+i]},
     * so the target is loaded and stored once for four updates.
     */
    static void axpy4(double s0, int x0, double s1, int x1, double s2, int x2, double s3, int x3, double[] x,
            double[] y, int yo, int n) {
        if (FactorModel.VECTOR) {
            VectorDenseKernels.axpy4(s0, x0, s1, x1, s2, x2, s3, x3, x, y, yo, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yo + i] += s0 * x[x0 + i] + s1 * x[x1 + i] + s2 * x[x2 + i] + s3 * x[x3 + i];
        }
    }

    /** {@code out[o+f] = Σ_g m[f·k+g]·v[vo+g]}: a k × k row-major matrix times a vector. */
    static void multiply(double[] m, int k, double[] v, int vo, double[] out, int o) {
        for (int f = 0; f < k; f++) {
            out[o + f] = dot(m, f * k, v, vo, k);
        }
    }

    /**
     * Adds {@code Σ_r x_r x_rᵀ} over rows {@code [from, to)} of the row-major {@code factors} to the full k × k
     * {@code gram}, four rows per pass over it.
     */
    static void addGram(double[] factors, int from, int to, int k, double[] gram) {
        int r = from;
        for (; r + 3 < to; r += 4) {
            int b0 = r * k;
            int b1 = b0 + k;
            int b2 = b1 + k;
            int b3 = b2 + k;
            for (int a = 0; a < k; a++) {
                axpy4(factors[b0 + a], b0, factors[b1 + a], b1, factors[b2 + a], b2, factors[b3 + a], b3, factors, gram,
                        a * k, k);
            }
        }
        for (; r < to; r++) {
            int b = r * k;
            for (int a = 0; a < k; a++) {
                axpy(factors[b + a], factors, b, gram, a * k, k);
            }
        }
    }
}
