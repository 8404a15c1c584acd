package dev.tailor.value;

import dev.tailor.data.UnsuitableDataException;
import java.util.Objects;
import org.hipparchus.special.Gamma;

/**
 * The Pareto/NBD model of repeat buying (Schmittlein, Morrison &amp; Colombo, "Counting Your Customers: Who
 * Are They and What Will They Do Next?", Management Science 33(1), 1987): purchases at a Poisson rate
 * λ ~ Gamma(r, α) during an exponential lifetime with rate μ ~ Gamma(s, β).
 *
 * <p>The likelihood follows Fader &amp; Hardie, "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions" (2005), eqs. 22-23, with the Gauss hypergeometric function; it is computed in logs, and the
 * difference of the two hypergeometric terms with {@code log1p} so it does not cancel.
 *
 * <p>Thread-safety: the fitted parameters are immutable.
 */
public final class ParetoNbd {
    private ParetoNbd() {
    }

    /**
     * Fitted Pareto/NBD parameters.
     *
     * @param r shape of the purchase-rate distribution
     * @param alpha scale of the purchase-rate distribution
     * @param s shape of the drop-out-rate distribution
     * @param beta scale of the drop-out-rate distribution
     * @param logLikelihood the maximized log-likelihood
     */
    public record Parameters(double r, double alpha, double s, double beta, double logLikelihood) implements RepeatBuyingModel {

        @Override
        public String name() {
            return "Pareto/NBD";
        }

        /** P(alive | x, t_x, T): the likelihood's first term over the whole likelihood. */
        @Override
        public double probabilityAlive(int x, double tx, double bigT) {
            double alive = -(r + x) * Math.log(alpha + bigT) - s * Math.log(beta + bigT);
            return Math.exp(alive - logBracket(r, alpha, s, beta, x, tx, bigT));
        }

        /**
         * E[X(t) | x, t_x, T]: {@code (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)},
         * and its limit {@code (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)) · P(alive)} at s = 1.
         *
         * @throws IllegalArgumentException if t is negative
         */
        @Override
        public double expectedTransactions(double t, int x, double tx, double bigT) {
            if (t < 0) {
                throw new IllegalArgumentException("t must be >= 0, was " + t);
            }
            double logGrowth = Math.log1p(t / (beta + bigT)); // ln((β+T+t)/(β+T))
            double sm1 = s - 1;
            // [1 − ((β+T)/(β+T+t))^(s−1)] / (s−1) = −expm1(−(s−1)·logGrowth) / (s−1), → logGrowth at s = 1.
            double factor = Math.abs(sm1) < 1e-12 ? logGrowth : -Math.expm1(-sm1 * logGrowth) / sm1;
            return (r + x) * (beta + bigT) / (alpha + bigT) * factor * probabilityAlive(x, tx, bigT);
        }
    }

    /**
     * Fits the model by maximum likelihood.
     *
     * @throws UnsuitableDataException if no customer has a repeat transaction
     */
    public static Parameters fit(CalibrationSummary summary) {
        Objects.requireNonNull(summary, "summary");
        BgNbd.requireRepeats(summary);
        CompressedRows rows = new CompressedRows(summary);
        double[] best = MaximumLikelihood.maximize(p -> logLikelihood(rows, p[0], p[1], p[2], p[3]),
                new double[] {1, 1, 1, 1}, "r", "alpha", "s", "beta");
        return new Parameters(best[0], best[1], best[2], best[3], best[4]);
    }

    /** The total log-likelihood of a summary under the given parameters. */
    public static double logLikelihood(CalibrationSummary summary, double r, double alpha, double s, double beta) {
        return logLikelihood(new CompressedRows(summary), r, alpha, s, beta);
    }

    static double logLikelihood(CompressedRows rows, double r, double alpha, double s, double beta) {
        int distinct = rows.distinctX.length;
        double[] perX = new double[distinct];
        double base = r * Math.log(alpha) + s * Math.log(beta) - Gamma.logGamma(r);
        for (int i = 0; i < distinct; i++) {
            perX[i] = Gamma.logGamma(r + rows.distinctX[i]) + base;
        }
        double total = 0;
        for (int row = 0; row < rows.x.length; row++) {
            double bracket = logBracket(r, alpha, s, beta, rows.x[row], rows.tx[row], rows.bigT[row]);
            if (Double.isNaN(bracket)) {
                return Double.NaN;
            }
            total += rows.weight[row] * (perX[rows.xIndex[row]] + bracket);
        }
        return total;
    }

    /** ln of the bracket {1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀}. */
    static double logBracket(double r, double alpha, double s, double beta, int x, double tx, double bigT) {
        double first = -(r + x) * Math.log(alpha + bigT) - s * Math.log(beta + bigT);
        double rsx = r + s + x;
        double u1;
        double u2;
        if (alpha >= beta) {
            u1 = Math.log(Hypergeometric.f21(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx))) - rsx * Math.log(alpha + tx);
            u2 = Math.log(Hypergeometric.f21(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + bigT))) - rsx * Math.log(alpha + bigT);
        } else {
            u1 = Math.log(Hypergeometric.f21(rsx, r + x, rsx + 1, (beta - alpha) / (beta + tx))) - rsx * Math.log(beta + tx);
            u2 = Math.log(Hypergeometric.f21(rsx, r + x, rsx + 1, (beta - alpha) / (beta + bigT))) - rsx * Math.log(beta + bigT);
        }
        if (Double.isNaN(u1) || Double.isNaN(u2)) {
            return Double.NaN;
        }
        if (!(u1 > u2)) {
            return first; // t_x = T: A₀ = 0
        }
        double logA0 = u1 + Math.log1p(-Math.exp(u2 - u1));
        double second = Math.log(s / rsx) + logA0;
        double hi = Math.max(first, second);
        return hi + Math.log(Math.exp(first - hi) + Math.exp(second - hi));
    }
}
