package dev.tailor.value;

/** The Gauss hypergeometric function 2F1(a, b; c; z) for 0 &lt;= z &lt; 1, by its power series. */
final class Hypergeometric {
    private static final int MAX_TERMS = 20_000;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) = Σ (a)_n (b)_n / ((c)_n n!) zⁿ, summed until a term no longer changes the sum.
     *
     * @return the value, or NaN if the series did not converge within 20,000 terms (z too close to 1)
     * @throws IllegalArgumentException unless 0 &lt;= z &lt; 1 and c > 0
     */
    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1) || !(c > 0)) {
            throw new IllegalArgumentException("2F1 needs 0 <= z < 1 and c > 0, was z = " + z + ", c = " + c);
        }
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            double next = sum + term;
            if (next == sum) {
                return sum;
            }
            sum = next;
        }
        return Double.NaN;
    }
}
