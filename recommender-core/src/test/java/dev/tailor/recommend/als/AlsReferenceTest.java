package dev.tailor.recommend.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.TestLogs;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.TrainingData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The trained factors against a textbook ALS written out in plain loops (the formulas of Hu, Koren &amp; Volinsky
 * and Takács et al., no kernels, full matrices, Gaussian elimination for the exact solve): the same seed must give
 * the same factors to 1e-4. The core's tests run this with the Vector API; the {@code scalar-kernels} surefire run
 * repeats it on the scalar kernels.
 */
class AlsReferenceTest {
    private static final TrainingData DATA = TrainingData.of(TestLogs.randomShop(5, 300, 80), WeightingPolicy.defaults());

    @Test
    void conjugateGradientGivesTheTextbookFactors() {
        for (int k : new int[] {5, 16, 33}) {
            compare(k, false);
        }
    }

    @Test
    void choleskyGivesTheTextbookFactors() {
        SparseMatrix byItem = DATA.matrix().byItem();
        int longest = 0;
        for (int i = 0; i < byItem.rows(); i++) {
            longest = Math.max(longest, byItem.rowEnd(i) - byItem.rowStart(i));
        }
        assertTrue(longest > CholeskyRowSolver.BLOCK, "an item row spans several blocks of entries: " + longest);
        for (int k : new int[] {5, 16, 33, 64}) {
            compare(k, true);
        }
    }

    @Test
    void kernelsAgreeWithPlainLoops() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 3, 4, 7, 8, 9, 31, 64, 65}) {
            double[] a = random.doubles(3 * n + 8).toArray();
            double[] b = random.doubles(3 * n + 8).toArray();
            double plain = 0;
            for (int i = 0; i < n; i++) {
                plain += a[2 + i] * b[5 + i];
            }
            assertEquals(plain, DenseKernels.dot(a, 2, b, 5, n), 1e-12 * (n + 1), "dot, n " + n);
            double[] y = b.clone();
            DenseKernels.axpy4(0.5, 0, -2, n, 3, 2 * n, 0.25, 1, a, y, 4, n);
            for (int i = 0; i < n; i++) {
                double expected = b[4 + i] + 0.5 * a[i] - 2 * a[n + i] + 3 * a[2 * n + i] + 0.25 * a[1 + i];
                assertEquals(expected, y[4 + i], 1e-12, "axpy4, n " + n);
            }
            assertEquals(b[3], y[3], 0.0, "axpy4 leaves what precedes the target alone");
            assertEquals(b[4 + n], y[4 + n], 0.0, "axpy4 leaves what follows the target alone");
        }
        for (int k : new int[] {1, 3, 4, 7, 8, 12, 33, 64}) {
            for (int n : new int[] {0, 1, 5, 130}) {
                double[] s = random.doubles(n * k).toArray();
                double[] x = random.doubles(n * k).toArray();
                double[] a = random.doubles(k * k).toArray();
                double[] before = a.clone();
                DenseKernels.addOuterProducts(s, x, n, k, a);
                for (int f = 0; f < k; f++) {
                    for (int g = f; g < k; g++) {
                        double plain = before[f * k + g];
                        for (int q = 0; q < n; q++) {
                            plain += s[q * k + f] * x[q * k + g];
                        }
                        assertEquals(plain, a[f * k + g], 1e-12 * (n + 1), "outer products, k " + k + ", n " + n);
                    }
                }
            }
        }
    }

    @Test
    void theGramMatrixDoesNotDependOnTheThreads() {
        SplittableRandom random = new SplittableRandom(4);
        int k = 7;
        int rows = 5_003;
        double[] factors = random.doubles(rows * k).toArray();
        double[] one = ImplicitAls.gram(dev.tailor.concurrent.Workers.defaults().withThreads(1), factors, rows, k);
        double[] two = ImplicitAls.gram(dev.tailor.concurrent.Workers.defaults().withThreads(2), factors, rows, k);
        assertArrayEquals(one, two, 0.0);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double plain = 0;
                for (int r = 0; r < rows; r++) {
                    plain += factors[r * k + a] * factors[r * k + b];
                }
                assertEquals(plain, one[a * k + b], 1e-9 * rows);
            }
        }
    }

    /**
     * Version 2 files store the Gram matrix the fold-in solves with; a version 1 file (without it) computes it on load.
     * Both read back to the same fold-in, and a stored matrix that is not symmetric is refused.
     */
    @Test
    void aStoredGramMatrixFoldsInAsTheComputedOne() throws java.io.IOException {
        FactorModel model = ImplicitAls.builder().factors(6).iterations(3).seed(5).threads(1).build().train(DATA);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        model.writeTo(new java.io.DataOutputStream(bytes));
        byte[] written = bytes.toByteArray();
        FactorModel stored = FactorModel.readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(written)), 2);
        // Version 1 ended before the Gram matrix (its 4-byte length and 36 doubles).
        byte[] first = java.util.Arrays.copyOf(written, written.length - 4 - 36 * 8);
        FactorModel computed = FactorModel.readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(first)), 1);
        dev.tailor.recommend.CustomerHistory mine = dev.tailor.recommend.CustomerHistory.of(new int[] {1, 4, 9}, new float[] {1, 2, 1});
        assertArrayEquals(model.foldIn(mine), stored.foldIn(mine), 0f);
        assertArrayEquals(model.foldIn(mine), computed.foldIn(mine), 0f);

        byte[] damaged = written.clone();
        // The last double of the matrix (row 5, column 5 of 6) set to -1: a negative diagonal.
        java.nio.ByteBuffer.wrap(damaged).putDouble(damaged.length - 8, -1.0);
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> FactorModel.readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(damaged)), 2));
        assertTrue(refused.getMessage().contains("Gram matrix"), refused.getMessage());
    }

    private static void compare(int k, boolean cholesky) {
        double lambda = 3;
        double alpha = 2;
        int iterations = 4;
        ImplicitAls.Builder builder = ImplicitAls.builder().factors(k).lambda(lambda).alpha(alpha).iterations(iterations)
                .seed(11).threads(2);
        FactorModel model = (cholesky ? builder.solver(AlsSolver.CHOLESKY) : builder.cgSteps(3)).build().train(DATA);
        double[][] reference = textbook(k, lambda, alpha, iterations, cholesky, 3, 11);
        double worst = 0;
        for (int c = 0; c < DATA.matrix().byCustomer().rows(); c++) {
            float[] got = model.customerFactors(c);
            for (int f = 0; f < k; f++) {
                worst = Math.max(worst, Math.abs(got[f] - reference[0][c * k + f]));
            }
        }
        for (int i = 0; i < DATA.matrix().byItem().rows(); i++) {
            float[] got = model.itemFactors(i);
            for (int f = 0; f < k; f++) {
                worst = Math.max(worst, Math.abs(got[f] - reference[1][i * k + f]));
            }
        }
        assertTrue(worst < 1e-4, (cholesky ? "Cholesky" : "CG") + ", k " + k + ": largest factor difference " + worst);
    }

    /** Plain ALS: returns {x, y}. */
    private static double[][] textbook(int k, double lambda, double alpha, int iterations, boolean exact, int cgSteps,
            long seed) {
        SparseMatrix byCustomer = DATA.matrix().byCustomer();
        SparseMatrix byItem = DATA.matrix().byItem();
        SplittableRandom random = new SplittableRandom(seed);
        double scale = 0.1 / Math.sqrt(k);
        double[] x = new double[byCustomer.rows() * k];
        double[] y = new double[byItem.rows() * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = scale * random.nextGaussian();
        }
        for (int it = 0; it < iterations; it++) {
            halfStep(byCustomer, y, x, k, lambda, alpha, exact, cgSteps);
            halfStep(byItem, x, y, k, lambda, alpha, exact, cgSteps);
        }
        return new double[][] {x, y};
    }

    private static void halfStep(SparseMatrix rows, double[] fixed, double[] target, int k, double lambda, double alpha,
            boolean exact, int cgSteps) {
        int fixedRows = fixed.length / k;
        for (int r = 0; r < rows.rows(); r++) {
            double[][] a = new double[k][k];
            double[] b = new double[k];
            for (int f = 0; f < k; f++) {
                for (int g = 0; g < k; g++) {
                    for (int o = 0; o < fixedRows; o++) {
                        a[f][g] += fixed[o * k + f] * fixed[o * k + g];
                    }
                }
                a[f][f] += lambda;
            }
            for (int p = rows.rowStart(r); p < rows.rowEnd(r); p++) {
                float w = rows.value(p);
                double c = 1 + alpha * Math.abs(w);
                double preference = w > 0 ? 1 : 0;
                int o = rows.column(p) * k;
                for (int f = 0; f < k; f++) {
                    b[f] += c * preference * fixed[o + f];
                    for (int g = 0; g < k; g++) {
                        a[f][g] += (c - 1) * fixed[o + f] * fixed[o + g];
                    }
                }
            }
            double[] solution = exact ? gauss(a, b) : conjugateGradient(a, b, target, r * k, cgSteps);
            System.arraycopy(solution, 0, target, r * k, k);
        }
    }

    private static double[] conjugateGradient(double[][] a, double[] b, double[] start, int offset, int steps) {
        int k = b.length;
        double[] x = new double[k];
        System.arraycopy(start, offset, x, 0, k);
        double[] r = new double[k];
        for (int f = 0; f < k; f++) {
            r[f] = b[f];
            for (int g = 0; g < k; g++) {
                r[f] -= a[f][g] * x[g];
            }
        }
        double[] d = r.clone();
        double rr = 0;
        for (double v : r) {
            rr += v * v;
        }
        for (int step = 0; step < steps && rr > 1e-20; step++) {
            double[] ad = new double[k];
            double dad = 0;
            for (int f = 0; f < k; f++) {
                for (int g = 0; g < k; g++) {
                    ad[f] += a[f][g] * d[g];
                }
                dad += d[f] * ad[f];
            }
            double step0 = rr / dad;
            double next = 0;
            for (int f = 0; f < k; f++) {
                x[f] += step0 * d[f];
                r[f] -= step0 * ad[f];
                next += r[f] * r[f];
            }
            for (int f = 0; f < k; f++) {
                d[f] = r[f] + next / rr * d[f];
            }
            rr = next;
        }
        return x;
    }

    /** Gaussian elimination with partial pivoting: an algorithm independent of the Cholesky solver's. */
    private static double[] gauss(double[][] a, double[] b) {
        int k = b.length;
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int row = col + 1; row < k; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            double t = b[col];
            b[col] = b[pivot];
            b[pivot] = t;
            for (int row = col + 1; row < k; row++) {
                double factor = a[row][col] / a[col][col];
                for (int g = col; g < k; g++) {
                    a[row][g] -= factor * a[col][g];
                }
                b[row] -= factor * b[col];
            }
        }
        double[] x = new double[k];
        for (int row = k - 1; row >= 0; row--) {
            double s = b[row];
            for (int g = row + 1; g < k; g++) {
                s -= a[row][g] * x[g];
            }
            x[row] = s / a[row][row];
        }
        return x;
    }
}
