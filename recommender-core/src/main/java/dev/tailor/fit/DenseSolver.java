package dev.tailor.fit;

/** Solves small symmetric positive definite systems in place (Cholesky); the fit model's systems have tens of unknowns. */
final class DenseSolver {
    private DenseSolver() {
    }

    /**
     * Solves {@code a x = b} for symmetric positive definite {@code a} (row-major n × n; overwritten).
     *
     * @return x, or null if {@code a} is not positive definite
     */
    static double[] solve(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 1e-300)) {
                return null;
            }
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / d;
            }
        }
        double[] x = b.clone();
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * x[k];
            }
            x[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * x[k];
            }
            x[i] = s / a[i * n + i];
        }
        return x;
    }
}
