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

    /**
     * Four dot products against one vector in one pass over it: {@code out[j] = Σ x[o_j+i]·v[vo+i]}, j = 0..3.
     */
    static void dot4(double[] x, int o0, int o1, int o2, int o3, double[] v, int vo, int n, double[] out) {
        if (FactorModel.VECTOR) {
            VectorDenseKernels.dot4(x, o0, o1, o2, o3, v, vo, n, out);
            return;
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int i = 0; i < n; i++) {
            double vi = v[vo + i];
            s0 += x[o0 + i] * vi;
            s1 += x[o1 + i] * vi;
            s2 += x[o2 + i] * vi;
            s3 += x[o3 + i] * vi;
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
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

    /**
     * {@code out[o+f] = Σ_g m[f·k+g]·v[vo+g]}: a k × k row-major matrix times a vector, four matrix rows per pass
     * over the vector; {@code four} is scratch of length 4.
     */
    static void multiply(double[] m, int k, double[] v, int vo, double[] out, int o, double[] four) {
        int f = 0;
        for (; f + 3 < k; f += 4) {
            dot4(m, f * k, f * k + k, f * k + 2 * k, f * k + 3 * k, v, vo, k, four);
            out[o + f] = four[0];
            out[o + f + 1] = four[1];
            out[o + f + 2] = four[2];
            out[o + f + 3] = four[3];
        }
        for (; f < k; f++) {
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
