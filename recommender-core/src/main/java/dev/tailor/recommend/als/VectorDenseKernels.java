package dev.tailor.recommend.als;

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
        if (n < 2 * LANES) {
            // Short prefixes (the first columns of a Cholesky factor): lane setup and reductions would cost more.
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
            return;
        }
        DoubleVector a0 = DoubleVector.zero(SPECIES);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            DoubleVector vi = DoubleVector.fromArray(SPECIES, v, vo + i);
            a0 = DoubleVector.fromArray(SPECIES, x, o0 + i).fma(vi, a0);
            a1 = DoubleVector.fromArray(SPECIES, x, o1 + i).fma(vi, a1);
            a2 = DoubleVector.fromArray(SPECIES, x, o2 + i).fma(vi, a2);
            a3 = DoubleVector.fromArray(SPECIES, x, o3 + i).fma(vi, a3);
        }
        double s0 = a0.reduceLanes(VectorOperators.ADD);
        double s1 = a1.reduceLanes(VectorOperators.ADD);
        double s2 = a2.reduceLanes(VectorOperators.ADD);
        double s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
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
