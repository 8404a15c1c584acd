package dev.tailor.recommend.als;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

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
        Arrays.fill(out, 0, 4, 0.0);
        addDot4(x, o0, o1, o2, o3, v, vo, 0, n, out);
    }

    /** {@code out[j] += Σ x[o_j+i]·v[vo+i]} over {@code from ≤ i < n}, j = 0..3, in scalar code. */
    static void addDot4(double[] x, int o0, int o1, int o2, int o3, double[] v, int vo, int from, int n, double[] out) {
        double s0 = out[0];
        double s1 = out[1];
        double s2 = out[2];
        double s3 = out[3];
        for (int i = from; i < n; i++) {
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
     * The trailing update of a right-looking Cholesky step on the upper triangle of the row-major k × k {@code a}:
     * with rows {@code first .. first+depth-1} finished, each row g in {@code [from, to)} loses
     * {@code Σ_t a[first+t][g] · a[first+t][g..k)}. {@code from} is a multiple of four; each row's update starts at
     * its diagonal rounded down to a multiple of four, so it runs in whole vectors (what it writes left of the
     * diagonal is below it, which nothing reads). {@code scratch} holds at least 4 × depth values.
     */
    static void subtractOuterProducts(double[] a, int k, int first, int depth, int from, int to, double[] scratch) {
        int g = FactorModel.VECTOR ? VectorDenseKernels.subtractOuterProducts(a, k, first, depth, from, to, scratch)
                : subtractOuterProductTiles(a, k, first, depth, from, to, scratch);
        for (; g < to; g++) {
            int c = g & ~3;
            int t = 0;
            for (; t + 3 < depth; t += 4) {
                int p0 = (first + t) * k;
                int p1 = p0 + k;
                int p2 = p1 + k;
                int p3 = p2 + k;
                axpy4(-a[p0 + g], p0 + c, -a[p1 + g], p1 + c, -a[p2 + g], p2 + c, -a[p3 + g], p3 + c, a, a, g * k + c, k - c);
            }
            for (; t < depth; t++) {
                int p = (first + t) * k;
                axpy(-a[p + g], a, p + c, a, g * k + c, k - c);
            }
        }
    }

    /**
     * The scales of a row group's trailing update, negated: {@code scratch[4t + r] = −a[first+t][g+r]}, so that the
     * tiles only multiply-add.
     */
    static void negatedScales(double[] a, int k, int first, int depth, int g, double[] scratch) {
        for (int t = 0; t < depth; t++) {
            int p = (first + t) * k + g;
            scratch[4 * t] = -a[p];
            scratch[4 * t + 1] = -a[p + 1];
            scratch[4 * t + 2] = -a[p + 2];
            scratch[4 * t + 3] = -a[p + 3];
        }
    }

    /**
     * The scalar {@link #subtractOuterProducts} for rows in whole groups of four, when k is a multiple of four: tiles
     * of 4 × 4 entries whose sixteen sums stay in registers over the finished rows. Returns the first row left.
     */
    private static int subtractOuterProductTiles(double[] a, int k, int first, int depth, int from, int to,
            double[] scratch) {
        int g = from;
        if ((k & 3) != 0) {
            return g;
        }
        for (; g + 3 < to; g += 4) {
            negatedScales(a, k, first, depth, g, scratch);
            for (int c = g; c < k; c += 4) {
                tile(a, g * k + c, k, scratch, 0, 4, a, first * k + c, k, depth);
            }
        }
        return g;
    }

    /**
     * The rest of four rows right of their factored diagonal block, in one pass over the columns: with
     * {@code o} the offset of the first row's first entry right of the block and {@code b} = (1/U00, −U01, 1/U11,
     * −U02, −U12, 1/U22, −U03, −U13, −U23, 1/U33), row 0 ← row 0 / U00, row 1 ← (row 1 − U01·row 0) / U11, and so on.
     */
    static void finishFourRows(double[] a, int o, int k, int n, double[] b) {
        finishFourRows(a, o, k, FactorModel.VECTOR ? VectorDenseKernels.finishFourRows(a, o, k, n, b) : 0, n, b);
    }

    /** {@link #finishFourRows(double[], int, int, int, double[])} over columns {@code from .. n) only. */
    static void finishFourRows(double[] a, int o, int k, int from, int n, double[] b) {
        for (int i = from; i < n; i++) {
            double v0 = a[o + i] * b[0];
            double v1 = (a[o + k + i] + b[1] * v0) * b[2];
            double v2 = (a[o + 2 * k + i] + b[3] * v0 + b[4] * v1) * b[5];
            double v3 = (a[o + 3 * k + i] + b[6] * v0 + b[7] * v1 + b[8] * v2) * b[9];
            a[o + i] = v0;
            a[o + k + i] = v1;
            a[o + 2 * k + i] = v2;
            a[o + 3 * k + i] = v3;
        }
    }

    /** Copies {@code x[xo .. xo+n)} to {@code copy} and {@code s} times it to {@code scaled}, both at {@code o}. */
    static void copyAndScale(double[] x, int xo, double s, double[] copy, double[] scaled, int o, int n) {
        if (FactorModel.VECTOR) {
            VectorDenseKernels.copyAndScale(x, xo, s, copy, scaled, o, n);
            return;
        }
        System.arraycopy(x, xo, copy, o, n);
        for (int i = 0; i < n; i++) {
            scaled[o + i] = s * x[xo + i];
        }
    }

    /**
     * {@code y[i] += Σ_q w[q]·x[q·k+i]} over the n rows of the row-major n × k {@code x}, i &lt; k: in the SIMD path a
     * block of columns at a time with its sums in registers over all the rows.
     */
    static void addWeightedRows(double[] x, double[] w, int n, int k, double[] y) {
        if (FactorModel.VECTOR) {
            VectorDenseKernels.addWeightedRows(x, w, n, k, y);
            return;
        }
        for (int q = 0; q < n; q++) {
            axpy(w[q], x, q * k, y, 0, k);
        }
    }

    /** {@code y[yo+i] *= s} over {@code i < n}. */
    static void scale(double s, double[] y, int yo, int n) {
        if (FactorModel.VECTOR) {
            VectorDenseKernels.scale(s, y, yo, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yo + i] *= s;
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
     * Adds {@code Σ_q s_q x_qᵀ} to the upper triangle of the row-major k × k {@code a}, over the n rows of the
     * row-major n × k blocks {@code s} and {@code x} (s_q a scaled copy of x_q). It works in tiles of four rows
     * of {@code a}: the tile's sums stay in registers for the whole pass over the n rows, so each loaded element
     * of x feeds four multiply-adds and {@code a} is read and written once per call instead of once per row. Tiles
     * on the diagonal also write a few entries just below it; callers read the upper triangle only.
     */
    static void addOuterProducts(double[] s, double[] x, int n, int k, double[] a) {
        int f = 0;
        if (FactorModel.VECTOR) {
            f = VectorDenseKernels.addOuterProducts(s, x, n, k, a);
        } else {
            for (; f + 3 < k; f += 4) {
                int g = f;
                for (; g + 3 < k; g += 4) {
                    outerProductTile(s, x, n, k, a, f, g);
                }
                for (; g < k; g++) {
                    outerProductColumn(s, x, n, k, a, f, g);
                }
            }
        }
        for (; f < k; f++) {
            // The last k mod 4 rows, one at a time.
            for (int q = 0; q < n; q++) {
                axpy(s[q * k + f], x, q * k + f, a, f * k + f, k - f);
            }
        }
    }

    /** Column g of rows f..f+3 of {@link #addOuterProducts}, when fewer than four columns are left. */
    static void outerProductColumn(double[] s, double[] x, int n, int k, double[] a, int f, int g) {
        for (int r = f; r < f + 4; r++) {
            double sum = a[r * k + g];
            for (int q = 0; q < n; q++) {
                sum += s[q * k + r] * x[q * k + g];
            }
            a[r * k + g] = sum;
        }
    }

    /** A 4 × 4 tile of {@link #addOuterProducts}: rows f..f+3, columns g..g+3 of {@code a}. */
    private static void outerProductTile(double[] s, double[] x, int n, int k, double[] a, int f, int g) {
        tile(a, f * k + g, k, s, f, k, x, g, k, n);
    }

    /**
     * Adds {@code Σ_t m_t x_tᵀ} to the 4 × 4 block of {@code a} at {@code at} (rows {@code k} apart), over
     * {@code steps} steps: step t's four scales are {@code m[mo + t·ms ..]}, its four columns' values
     * {@code x[xo + t·xs ..]}. Sixteen sums in registers, one multiply-add each per step.
     */
    private static void tile(double[] a, int at, int k, double[] m, int mo, int ms, double[] x, int xo, int xs, int steps) {
        int r0 = at;
        int r1 = r0 + k;
        int r2 = r1 + k;
        int r3 = r2 + k;
        double a00 = a[r0], a01 = a[r0 + 1], a02 = a[r0 + 2], a03 = a[r0 + 3];
        double a10 = a[r1], a11 = a[r1 + 1], a12 = a[r1 + 2], a13 = a[r1 + 3];
        double a20 = a[r2], a21 = a[r2 + 1], a22 = a[r2 + 2], a23 = a[r2 + 3];
        double a30 = a[r3], a31 = a[r3 + 1], a32 = a[r3 + 2], a33 = a[r3 + 3];
        for (int t = 0, mi = mo, xi = xo; t < steps; t++, mi += ms, xi += xs) {
            double x0 = x[xi];
            double x1 = x[xi + 1];
            double x2 = x[xi + 2];
            double x3 = x[xi + 3];
            double m0 = m[mi];
            double m1 = m[mi + 1];
            double m2 = m[mi + 2];
            double m3 = m[mi + 3];
            a00 = madd(m0, x0, a00);
            a01 = madd(m0, x1, a01);
            a02 = madd(m0, x2, a02);
            a03 = madd(m0, x3, a03);
            a10 = madd(m1, x0, a10);
            a11 = madd(m1, x1, a11);
            a12 = madd(m1, x2, a12);
            a13 = madd(m1, x3, a13);
            a20 = madd(m2, x0, a20);
            a21 = madd(m2, x1, a21);
            a22 = madd(m2, x2, a22);
            a23 = madd(m2, x3, a23);
            a30 = madd(m3, x0, a30);
            a31 = madd(m3, x1, a31);
            a32 = madd(m3, x2, a32);
            a33 = madd(m3, x3, a33);
        }
        a[r0] = a00;
        a[r0 + 1] = a01;
        a[r0 + 2] = a02;
        a[r0 + 3] = a03;
        a[r1] = a10;
        a[r1 + 1] = a11;
        a[r1 + 2] = a12;
        a[r1 + 3] = a13;
        a[r2] = a20;
        a[r2 + 1] = a21;
        a[r2 + 2] = a22;
        a[r2 + 3] = a23;
        a[r3] = a30;
        a[r3 + 1] = a31;
        a[r3 + 2] = a32;
        a[r3 + 3] = a33;
    }

    /**
     * Whether {@code Math.fma} is one instruction on this JVM (HotSpot's {@code UseFMA}); elsewhere it may be
     * emulated in software, far slower than a multiply and an add. Asked only on the scalar path.
     */
    private static final boolean HARDWARE_FMA = !FactorModel.VECTOR && hardwareFma();

    private static boolean hardwareFma() {
        try {
            var diagnostics = ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            return diagnostics != null && "true".equals(diagnostics.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            return false;
        }
    }

    /** {@code a·b + c}: one fused multiply-add where the hardware has it, so the scalar tile issues half the operations. */
    private static double madd(double a, double b, double c) {
        return HARDWARE_FMA ? Math.fma(a, b, c) : a * b + c;
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
