package dev.tailor.value;

import dev.tailor.data.UnsuitableDataException;
import java.util.Objects;
import org.hipparchus.special.Gamma;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie &amp; Lee, "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005): while alive, a customer buys at a
 * Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b).
 *
 * <p>Log-likelihood of one customer (x, t_x, T), eq. 6 of the paper, computed in logs:
 * {@code ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) + ln(A₁ + [x>0] A₂)} with
 * {@code A₁ = (α+T)^−(r+x)}, {@code A₂ = a/(b+x−1) · (α+t_x)^−(r+x)}, the sum by log-sum-exp.
 *
 * <p>Thread-safety: the fitted parameters are immutable.
 */
public final class BgNbd {
    private BgNbd() {
    }

    /**
     * Fitted BG/NBD parameters.
     *
     * @param r shape of the purchase-rate distribution
     * @param alpha scale of the purchase-rate distribution
     * @param a first shape of the drop-out distribution
     * @param b second shape of the drop-out distribution
     * @param logLikelihood the maximized log-likelihood
     */
    public record Parameters(double r, double alpha, double a, double b, double logLikelihood) implements RepeatBuyingModel {

        @Override
        public String name() {
            return "BG/NBD";
        }

        /** P(alive | x, t_x, T), eq. 13: 1 / (1 + [x>0] a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)). */
        @Override
        public double probabilityAlive(int x, double tx, double bigT) {
            if (x == 0) {
                return 1.0;
            }
            double logRatio = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + bigT) - Math.log(alpha + tx));
            return 1.0 / (1.0 + Math.exp(logRatio));
        }

        /**
         * E[X(t) | x, t_x, T], eq. 10: expected transactions in the next t units for a customer with this
         * history.
         *
         * @throws IllegalArgumentException if t is negative
         */
        @Override
        public double expectedTransactions(double t, int x, double tx, double bigT) {
            if (t < 0) {
                throw new IllegalArgumentException("t must be >= 0, was " + t);
            }
            if (t == 0) {
                return 0;
            }
            double z = t / (alpha + bigT + t);
            double f = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
            double numerator = (a + b + x - 1) / (a - 1)
                    * (1 - Math.exp((r + x) * Math.log((alpha + bigT) / (alpha + bigT + t))) * f);
            double denominator = 1 + (x > 0
                    ? a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + bigT) / (alpha + tx))) : 0);
            return numerator / denominator;
        }

        /** E[X(t)] for a new customer, eq. 9: (a+b−1)/(a−1) · [1 − (α/(α+t))^r 2F1(r, b; a+b−1; t/(α+t))]. */
        public double expectedTransactions(double t) {
            double f = Hypergeometric.f21(r, b, a + b - 1, t / (alpha + t));
            return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * f);
        }
    }

    /**
     * The least a + b a fit returns: the expectations (eqs. 9 and 10) sum the hypergeometric series 2F1(·, ·; a + b − 1; z),
     * which needs a + b − 1 &gt; 0, kept a little above 0 so the series stays accurate. Data that push a + b lower
     * (customers who, by the data, either buy once and drop out or never drop out) get the best fit within it, with
     * a warning that says so.
     */
    static final double MIN_A_PLUS_B = 1.01;

    private static final Logger LOG = LoggerFactory.getLogger(BgNbd.class);

    /** What BG/NBD's b → ∞ or a → 0 mean: the fit is at the model without dropout. */
    private static final String NO_DROPOUT = "almost no customer drops out after a purchase (the dropout probability"
            + " a / (a + b) is close to 0), so the model is the one without dropout";

    /**
     * Fits the model by maximum likelihood.
     *
     * @throws UnsuitableDataException if no customer has a repeat transaction (the drop-out process is
     *     then not identified)
     */
    public static Parameters fit(CalibrationSummary summary) {
        Objects.requireNonNull(summary, "summary");
        requireRepeats(summary);
        CompressedRows rows = new CompressedRows(summary);
        double[] best = MaximumLikelihood.maximize(
                p -> p[2] + p[3] >= MIN_A_PLUS_B ? logLikelihood(rows, p[0], p[1], p[2], p[3]) : Double.NEGATIVE_INFINITY,
                new double[] {1, 1, 1, 1}, java.util.Map.of("b high", NO_DROPOUT, "a low", NO_DROPOUT),
                "r", "alpha", "a", "b");
        if (best[2] + best[3] < MIN_A_PLUS_B + 0.01) {
            LOG.warn("BG/NBD: the data push a + b below 1 (a = {}, b = {}): by them, customers either drop out after "
                    + "one purchase or never do, a limit where the model's expectations do not hold; the fit is held "
                    + "at a + b >= {}", best[2], best[3], MIN_A_PLUS_B);
        }
        return new Parameters(best[0], best[1], best[2], best[3], best[4]);
    }

    /** The total log-likelihood of a summary under the given parameters. */
    public static double logLikelihood(CalibrationSummary summary, double r, double alpha, double a, double b) {
        return logLikelihood(new CompressedRows(summary), r, alpha, a, b);
    }

    static double logLikelihood(CompressedRows rows, double r, double alpha, double a, double b) {
        int distinct = rows.distinctX.length;
        double[] perX = new double[distinct];
        double base = r * Math.log(alpha) + Gamma.logGamma(a + b) - Gamma.logGamma(b) - Gamma.logGamma(r);
        for (int i = 0; i < distinct; i++) {
            int x = rows.distinctX[i];
            perX[i] = Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x) + base;
        }
        double total = 0;
        for (int row = 0; row < rows.x.length; row++) {
            int x = rows.x[row];
            double logA1 = -(r + x) * Math.log(alpha + rows.bigT[row]);
            double tail = logA1;
            if (x > 0) {
                double logA2 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + rows.tx[row]);
                double hi = Math.max(logA1, logA2);
                tail = hi + Math.log(Math.exp(logA1 - hi) + Math.exp(logA2 - hi));
            }
            total += rows.weight[row] * (perX[rows.xIndex[row]] + tail);
        }
        return total;
    }

    static void requireRepeats(CalibrationSummary summary) {
        for (int c = 0; c < summary.size(); c++) {
            if (summary.x(c) > 0) {
                return;
            }
        }
        throw new UnsuitableDataException("no customer made a repeat purchase in the calibration period: "
                + "the drop-out process cannot be estimated (need at least one customer with x > 0)");
    }
}
