package dev.tailor.recommend.als;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernels} with explicit SIMD (the incubating Vector API). Loaded only when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}; {@link DenseKernels} checks before it touches this class.
 */
final class VectorDenseKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorDenseKernels() {
    }

    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        if (n < 2 * LANES) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += a[ao + i] * b[bo + i];
            }
            return s;
        }
        DoubleVector acc0 = DoubleVector.zero(SPECIES);
        DoubleVector acc1 = acc0;
        int i = 0;
        for (; i + 2 * LANES <= n; i += 2 * LANES) {
            acc0 = DoubleVector.fromArray(SPECIES, a, ao + i).fma(DoubleVector.fromArray(SPECIES, b, bo + i), acc0);
            acc1 = DoubleVector.fromArray(SPECIES, a, ao + i + LANES)
                    .fma(DoubleVector.fromArray(SPECIES, b, bo + i + LANES), acc1);
        }
        for (; i + LANES <= n; i += LANES) {
            acc0 = DoubleVector.fromArray(SPECIES, a, ao + i).fma(DoubleVector.fromArray(SPECIES, b, bo + i), acc0);
        }
        double s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    static void dot4(double[] x, int o0, int o1, int o2, int o3, double[] v, int vo, int n, double[] out) {
        int i = 0;
        if (n < 2 * LANES) {
            // Short prefixes: lane setup and reductions would cost more than the scalar loop.
            Arrays.fill(out, 0, 4, 0.0);
        } else {
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (; i + LANES <= n; i += LANES) {
                DoubleVector vi = DoubleVector.fromArray(SPECIES, v, vo + i);
                a0 = DoubleVector.fromArray(SPECIES, x, o0 + i).fma(vi, a0);
                a1 = DoubleVector.fromArray(SPECIES, x, o1 + i).fma(vi, a1);
                a2 = DoubleVector.fromArray(SPECIES, x, o2 + i).fma(vi, a2);
                a3 = DoubleVector.fromArray(SPECIES, x, o3 + i).fma(vi, a3);
            }
            out[0] = a0.reduceLanes(VectorOperators.ADD);
            out[1] = a1.reduceLanes(VectorOperators.ADD);
            out[2] = a2.reduceLanes(VectorOperators.ADD);
            out[3] = a3.reduceLanes(VectorOperators.ADD);
        }
        DenseKernels.addDot4(x, o0, o1, o2, o3, v, vo, i, n, out);
    }

    /**
     * {@link DenseKernels#addOuterProducts} for the rows in whole groups of four; returns the first row left
     * for the caller (k rounded down to a multiple of four).
     */
    static int addOuterProducts(double[] s, double[] x, int n, int k, double[] a) {
        int f = 0;
        for (; f + 3 < k; f += 4) {
            int g = f;
            for (; g + 2 * LANES <= k; g += 2 * LANES) {
                outerProductTile(s, x, n, k, a, f, g);
            }
            for (; g + LANES <= k; g += LANES) {
                outerProductVector(s, x, n, k, a, f, g);
            }
            for (; g < k; g++) {
                DenseKernels.outerProductColumn(s, x, n, k, a, f, g);
            }
        }
        return f;
    }

    /** Rows f..f+3 by two vectors of columns from g: eight accumulators held over the n rows. */
    private static void outerProductTile(double[] s, double[] x, int n, int k, double[] a, int f, int g) {
        int r0 = f * k + g;
        int r1 = r0 + k;
        int r2 = r1 + k;
        int r3 = r2 + k;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, a, r0);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, a, r0 + LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, a, r1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, a, r1 + LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, a, r2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, a, r2 + LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, a, r3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, a, r3 + LANES);
        for (int q = 0, row = 0; q < n; q++, row += k) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, x, row + g);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, x, row + g + LANES);
            DoubleVector s0 = DoubleVector.broadcast(SPECIES, s[row + f]);
            c00 = x0.fma(s0, c00);
            c01 = x1.fma(s0, c01);
            DoubleVector s1 = DoubleVector.broadcast(SPECIES, s[row + f + 1]);
            c10 = x0.fma(s1, c10);
            c11 = x1.fma(s1, c11);
            DoubleVector s2 = DoubleVector.broadcast(SPECIES, s[row + f + 2]);
            c20 = x0.fma(s2, c20);
            c21 = x1.fma(s2, c21);
            DoubleVector s3 = DoubleVector.broadcast(SPECIES, s[row + f + 3]);
            c30 = x0.fma(s3, c30);
            c31 = x1.fma(s3, c31);
        }
        c00.intoArray(a, r0);
        c01.intoArray(a, r0 + LANES);
        c10.intoArray(a, r1);
        c11.intoArray(a, r1 + LANES);
        c20.intoArray(a, r2);
        c21.intoArray(a, r2 + LANES);
        c30.intoArray(a, r3);
        c31.intoArray(a, r3 + LANES);
    }

    /** Rows f..f+3 by one vector of columns from g. */
    private static void outerProductVector(double[] s, double[] x, int n, int k, double[] a, int f, int g) {
        int r0 = f * k + g;
        int r1 = r0 + k;
        int r2 = r1 + k;
        int r3 = r2 + k;
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, a, r0);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, a, r1);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, a, r2);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, a, r3);
        for (int q = 0, row = 0; q < n; q++, row += k) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, x, row + g);
            c0 = x0.fma(DoubleVector.broadcast(SPECIES, s[row + f]), c0);
            c1 = x0.fma(DoubleVector.broadcast(SPECIES, s[row + f + 1]), c1);
            c2 = x0.fma(DoubleVector.broadcast(SPECIES, s[row + f + 2]), c2);
            c3 = x0.fma(DoubleVector.broadcast(SPECIES, s[row + f + 3]), c3);
        }
        c0.intoArray(a, r0);
        c1.intoArray(a, r1);
        c2.intoArray(a, r2);
        c3.intoArray(a, r3);
    }

    static void axpy(double s, double[] x, int xo, double[] y, int yo, int n) {
        DoubleVector scale = DoubleVector.broadcast(SPECIES, s);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, xo + i).fma(scale, DoubleVector.fromArray(SPECIES, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += s * x[xo + i];
        }
    }

    /**
     * {@link DenseKernels#subtractOuterProducts} for the rows in whole groups of four, when k is a multiple of the
     * vector width, in tiles of four rows by two vectors whose sums stay in registers over the finished rows;
     * returns the first row left for the caller.
     */
    static int subtractOuterProducts(double[] a, int k, int first, int depth, int from, int to, double[] scratch) {
        int g = from;
        if (k % LANES != 0) {
            return g;
        }
        for (; g + 3 < to; g += 4) {
            DenseKernels.negatedScales(a, k, first, depth, g, scratch);
            int r0 = g * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            int c = g - g % LANES;
            for (; c + 2 * LANES <= k; c += 2 * LANES) {
                DoubleVector c00 = DoubleVector.fromArray(SPECIES, a, r0 + c);
                DoubleVector c01 = DoubleVector.fromArray(SPECIES, a, r0 + c + LANES);
                DoubleVector c10 = DoubleVector.fromArray(SPECIES, a, r1 + c);
                DoubleVector c11 = DoubleVector.fromArray(SPECIES, a, r1 + c + LANES);
                DoubleVector c20 = DoubleVector.fromArray(SPECIES, a, r2 + c);
                DoubleVector c21 = DoubleVector.fromArray(SPECIES, a, r2 + c + LANES);
                DoubleVector c30 = DoubleVector.fromArray(SPECIES, a, r3 + c);
                DoubleVector c31 = DoubleVector.fromArray(SPECIES, a, r3 + c + LANES);
                for (int t = 0, p = first * k + c; t < depth; t++, p += k) {
                    DoubleVector x0 = DoubleVector.fromArray(SPECIES, a, p);
                    DoubleVector x1 = DoubleVector.fromArray(SPECIES, a, p + LANES);
                    DoubleVector m = DoubleVector.broadcast(SPECIES, scratch[4 * t]);
                    c00 = x0.fma(m, c00);
                    c01 = x1.fma(m, c01);
                    m = DoubleVector.broadcast(SPECIES, scratch[4 * t + 1]);
                    c10 = x0.fma(m, c10);
                    c11 = x1.fma(m, c11);
                    m = DoubleVector.broadcast(SPECIES, scratch[4 * t + 2]);
                    c20 = x0.fma(m, c20);
                    c21 = x1.fma(m, c21);
                    m = DoubleVector.broadcast(SPECIES, scratch[4 * t + 3]);
                    c30 = x0.fma(m, c30);
                    c31 = x1.fma(m, c31);
                }
                c00.intoArray(a, r0 + c);
                c01.intoArray(a, r0 + c + LANES);
                c10.intoArray(a, r1 + c);
                c11.intoArray(a, r1 + c + LANES);
                c20.intoArray(a, r2 + c);
                c21.intoArray(a, r2 + c + LANES);
                c30.intoArray(a, r3 + c);
                c31.intoArray(a, r3 + c + LANES);
            }
            for (; c < k; c += LANES) {
                DoubleVector c0 = DoubleVector.fromArray(SPECIES, a, r0 + c);
                DoubleVector c1 = DoubleVector.fromArray(SPECIES, a, r1 + c);
                DoubleVector c2 = DoubleVector.fromArray(SPECIES, a, r2 + c);
                DoubleVector c3 = DoubleVector.fromArray(SPECIES, a, r3 + c);
                for (int t = 0, p = first * k + c; t < depth; t++, p += k) {
                    DoubleVector x = DoubleVector.fromArray(SPECIES, a, p);
                    c0 = x.fma(DoubleVector.broadcast(SPECIES, scratch[4 * t]), c0);
                    c1 = x.fma(DoubleVector.broadcast(SPECIES, scratch[4 * t + 1]), c1);
                    c2 = x.fma(DoubleVector.broadcast(SPECIES, scratch[4 * t + 2]), c2);
                    c3 = x.fma(DoubleVector.broadcast(SPECIES, scratch[4 * t + 3]), c3);
                }
                c0.intoArray(a, r0 + c);
                c1.intoArray(a, r1 + c);
                c2.intoArray(a, r2 + c);
                c3.intoArray(a, r3 + c);
            }
        }
        return g;
    }

    /** {@link DenseKernels#finishFourRows} in whole vectors; returns the first column left for the caller. */
    static int finishFourRows(double[] a, int o, int k, int n, double[] b) {
        DoubleVector b0 = DoubleVector.broadcast(SPECIES, b[0]);
        DoubleVector b1 = DoubleVector.broadcast(SPECIES, b[1]);
        DoubleVector b2 = DoubleVector.broadcast(SPECIES, b[2]);
        DoubleVector b3 = DoubleVector.broadcast(SPECIES, b[3]);
        DoubleVector b4 = DoubleVector.broadcast(SPECIES, b[4]);
        DoubleVector b5 = DoubleVector.broadcast(SPECIES, b[5]);
        DoubleVector b6 = DoubleVector.broadcast(SPECIES, b[6]);
        DoubleVector b7 = DoubleVector.broadcast(SPECIES, b[7]);
        DoubleVector b8 = DoubleVector.broadcast(SPECIES, b[8]);
        DoubleVector b9 = DoubleVector.broadcast(SPECIES, b[9]);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            DoubleVector v0 = DoubleVector.fromArray(SPECIES, a, o + i).mul(b0);
            DoubleVector v1 = v0.fma(b1, DoubleVector.fromArray(SPECIES, a, o + k + i)).mul(b2);
            DoubleVector v2 = v1.fma(b4, v0.fma(b3, DoubleVector.fromArray(SPECIES, a, o + 2 * k + i))).mul(b5);
            DoubleVector v3 = v2.fma(b8, v1.fma(b7, v0.fma(b6, DoubleVector.fromArray(SPECIES, a, o + 3 * k + i)))).mul(b9);
            v0.intoArray(a, o + i);
            v1.intoArray(a, o + k + i);
            v2.intoArray(a, o + 2 * k + i);
            v3.intoArray(a, o + 3 * k + i);
        }
        return i;
    }

    static void copyAndScale(double[] x, int xo, double s, double[] copy, double[] scaled, int o, int n) {
        DoubleVector factor = DoubleVector.broadcast(SPECIES, s);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, xo + i);
            v.intoArray(copy, o + i);
            v.mul(factor).intoArray(scaled, o + i);
        }
        for (; i < n; i++) {
            copy[o + i] = x[xo + i];
            scaled[o + i] = s * x[xo + i];
        }
    }

    static void addWeightedRows(double[] x, double[] w, int n, int k, double[] y) {
        int g = 0;
        for (; g + 2 * LANES <= k; g += 2 * LANES) {
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, y, g);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, y, g + LANES);
            for (int q = 0, row = g; q < n; q++, row += k) {
                DoubleVector weight = DoubleVector.broadcast(SPECIES, w[q]);
                y0 = DoubleVector.fromArray(SPECIES, x, row).fma(weight, y0);
                y1 = DoubleVector.fromArray(SPECIES, x, row + LANES).fma(weight, y1);
            }
            y0.intoArray(y, g);
            y1.intoArray(y, g + LANES);
        }
        for (; g + LANES <= k; g += LANES) {
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, y, g);
            for (int q = 0, row = g; q < n; q++, row += k) {
                y0 = DoubleVector.fromArray(SPECIES, x, row).fma(DoubleVector.broadcast(SPECIES, w[q]), y0);
            }
            y0.intoArray(y, g);
        }
        for (; g < k; g++) {
            double sum = y[g];
            for (int q = 0; q < n; q++) {
                sum += w[q] * x[q * k + g];
            }
            y[g] = sum;
        }
    }

    static void scale(double s, double[] y, int yo, int n) {
        DoubleVector factor = DoubleVector.broadcast(SPECIES, s);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            DoubleVector.fromArray(SPECIES, y, yo + i).mul(factor).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] *= s;
        }
    }

    static void axpy4(double s0, int x0, double s1, int x1, double s2, int x2, double s3, int x3, double[] x,
            double[] y, int yo, int n) {
        DoubleVector v0 = DoubleVector.broadcast(SPECIES, s0);
        DoubleVector v1 = DoubleVector.broadcast(SPECIES, s1);
        DoubleVector v2 = DoubleVector.broadcast(SPECIES, s2);
        DoubleVector v3 = DoubleVector.broadcast(SPECIES, s3);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            DoubleVector acc = DoubleVector.fromArray(SPECIES, y, yo + i);
            acc = DoubleVector.fromArray(SPECIES, x, x0 + i).fma(v0, acc);
            acc = DoubleVector.fromArray(SPECIES, x, x1 + i).fma(v1, acc);
            acc = DoubleVector.fromArray(SPECIES, x, x2 + i).fma(v2, acc);
            acc = DoubleVector.fromArray(SPECIES, x, x3 + i).fma(v3, acc);
            acc.intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += s0 * x[x0 + i] + s1 * x[x1 + i] + s2 * x[x2 + i] + s3 * x[x3 + i];
        }
    }
}
