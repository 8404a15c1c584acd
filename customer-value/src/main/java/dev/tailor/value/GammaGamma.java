package dev.tailor.value;

import dev.tailor.data.UnsuitableDataException;
import java.util.Objects;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 2005; Colombo &amp; Jiang 1999):
 * a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on
 * customers with at least one repeat transaction, from their number of repeat transactions x and mean
 * repeat spend m_x; the log-likelihood of one customer is
 * {@code ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + m_x x)}.
 *
 * <p>The model is for positive values, and real data has zero-value repeat purchases (free items,
 * exchanges) or net refunds: as the literature does (Fader, Hardie &amp; Lee's CDNOW analysis; the
 * {@code lifetimes} library), the fit uses the customers whose mean repeat spend is positive and says how
 * many it left out ({@link Parameters#leftOut}). Everyone still gets an expected spend: the conditional
 * expectation is a credibility-weighted mean of the population mean and the customer's own mean, and is
 * applied with the customer's mean taken as 0 when it is not positive.
 *
 * <p>Thread-safety: the fitted parameters are immutable.
 */
public final class GammaGamma {
    private GammaGamma() {
    }

    /**
     * Fitted Gamma-Gamma parameters.
     *
     * @param p shape of transaction values
     * @param q shape of the scale distribution
     * @param gamma scale of the scale distribution
     * @param fittedOn how many customers the fit used (x >= 1 and m_x > 0)
     * @param leftOut customers with repeat transactions left out of the fit because their mean repeat spend
     *     is not positive
     * @param logLikelihood the maximized log-likelihood
     */
    public record Parameters(double p, double q, double gamma, int fittedOn, int leftOut, double logLikelihood)
            implements dev.tailor.data.TrainedModel {

        /** {@code "Gamma-Gamma"}. */
        @Override
        public String name() {
            return "Gamma-Gamma";
        }

        /** Empty: the model's parameters are the population's. */
        @Override
        public dev.tailor.data.IdIndex customers() {
            return dev.tailor.data.IdIndex.empty();
        }

        /** Empty. */
        @Override
        public dev.tailor.data.IdIndex items() {
            return dev.tailor.data.IdIndex.empty();
        }

        /**
         * E[M | p, q, γ, m_x, x] = (p(γ + x m_x)) / (px + q − 1), a weighted mean of the population mean
         * p γ/(q−1) and m_x; the population mean for x = 0; m_x below 0 (net refunds) counts as 0.
         */
        public double expectedSpend(int x, double meanSpend) {
            if (x == 0 || Double.isNaN(meanSpend)) {
                return p * gamma / (q - 1);
            }
            return p * (gamma + x * Math.max(0, meanSpend)) / (p * x + q - 1);
        }
    }

    /**
     * Fits the model on the summary's customers with x >= 1 and a positive mean repeat spend.
     *
     * @throws UnsuitableDataException if fewer than two customers have a repeat transaction with positive
     *     spend
     */
    public static Parameters fit(CalibrationSummary summary) {
        Objects.requireNonNull(summary, "summary");
        int n = 0;
        int leftOut = 0;
        for (int c = 0; c < summary.size(); c++) {
            if (summary.x(c) > 0) {
                if (summary.meanRepeatSpend(c) > 0) {
                    n++;
                } else {
                    leftOut++;
                }
            }
        }
        if (n < 2) {
            throw new UnsuitableDataException("the Gamma-Gamma model needs at least two customers with repeat "
                    + "transactions of positive mean value, found " + n + (leftOut > 0 ? " (" + leftOut
                    + " more have repeat transactions worth 0 or less)" : ""));
        }
        int[] x = new int[n];
        double[] m = new double[n];
        for (int c = 0, i = 0; c < summary.size(); c++) {
            if (summary.x(c) > 0 && summary.meanRepeatSpend(c) > 0) {
                x[i] = summary.x(c);
                m[i] = summary.meanRepeatSpend(c);
                i++;
            }
        }
        double[] best = MaximumLikelihood.maximize(p -> logLikelihood(x, m, p[0], p[1], p[2]), new double[] {1, 1, 1}, "p", "q", "gamma");
        return new Parameters(best[0], best[1], best[2], n, leftOut, best[3]);
    }

    static double logLikelihood(int[] x, double[] m, double p, double q, double gamma) {
        double total = 0;
        double constant = -Gamma.logGamma(q) + q * Math.log(gamma);
        for (int i = 0; i < x.length; i++) {
            double px = p * x[i];
            total += Gamma.logGamma(px + q) - Gamma.logGamma(px) + constant + (px - 1) * Math.log(m[i])
                    + px * Math.log(x[i]) - (px + q) * Math.log(gamma + m[i] * x[i]);
        }
        return total;
    }
}
