package dev.tailor.replenish;

/**
 * A customer's next purchase of one item or category, as a distribution over time: the predictive
 * distribution of the cycle mixed over the posterior of the customer's mean log cycle, conditioned on no
 * purchase having happened by the as-of time.
 *
 * <p>Times are in days since the epoch (fractional). Immutable.
 */
public final class CycleForecast {
    private final double lastPurchaseDay;
    private final double lastQuantity;
    private final double asOfDay;
    private final double sigma;
    private final double[] mu;
    private final double[] weight;
    private final double repeatProbability;
    private final double priorRepeat;
    private final double silence;
    private final double survivalAtAsOf;

    CycleForecast(double lastPurchaseDay, double lastQuantity, double asOfDay, double sigma, double[] mu, double[] weight,
            double repeatProbability, double priorRepeat, double silence) {
        this.priorRepeat = priorRepeat;
        this.silence = silence;
        this.lastPurchaseDay = lastPurchaseDay;
        this.lastQuantity = lastQuantity;
        this.asOfDay = asOfDay;
        this.sigma = sigma;
        this.mu = mu;
        this.weight = weight;
        this.repeatProbability = repeatProbability;
        this.survivalAtAsOf = 1 - cycleCdf(asOfDay);
    }

    /** Day of the last purchase before the as-of time. */
    public double lastPurchaseDay() {
        return lastPurchaseDay;
    }

    /**
     * The probability that this customer rebuys this at all: the key's repeat rate after one purchase, its
     * continuation rate after two or more, updated by the time without a purchase since the last one.
     */
    public double repeatProbability() {
        return repeatProbability;
    }

    /** P(next purchase ≤ day) for a rebuyer, unconditioned (the cycle's distribution from the last purchase). */
    double cycleCdf(double day) {
        double elapsed = day - lastPurchaseDay;
        if (elapsed <= 0) {
            return 0;
        }
        double logPerUnit = Math.log(elapsed / lastQuantity);
        double p = 0;
        for (int i = 0; i < mu.length; i++) {
            p += weight[i] * Normal.cdf((logPerUnit - mu[i]) / sigma);
        }
        return p;
    }

    /**
     * The probability of a purchase in (from, to], given none by the as-of time: the repeat probability
     * times the conditional probability of the cycle ending in the window.
     *
     * @throws IllegalArgumentException if to is before from
     */
    public double probabilityWithin(double fromDay, double toDay) {
        if (toDay < fromDay) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
        return repeatProbability * rebuyerProbabilityWithin(fromDay, toDay);
    }

    /** The same for a customer known to rebuy: the cycle ending in the window, given none by the as-of time. */
    double rebuyerProbabilityWithin(double fromDay, double toDay) {
        double from = Math.max(fromDay, asOfDay);
        if (toDay <= from || survivalAtAsOf <= 0) {
            return 0;
        }
        return (cycleCdf(toDay) - cycleCdf(from)) / survivalAtAsOf;
    }

    /** The key's repeat (or continuation) rate before the silence since the last purchase is weighed. */
    double priorRepeat() {
        return priorRepeat;
    }

    /** S: the probability that a rebuyer stays silent as long as this customer has. */
    double silence() {
        return silence;
    }

    /** The day by which a rebuyer has bought again with probability q, given no purchase by the as-of time. */
    public double quantileDay(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q must be in (0, 1), was " + q);
        }
        double target = 1 - survivalAtAsOf * (1 - q);
        double lo = Math.max(asOfDay, lastPurchaseDay);
        double hi = lo + 1;
        while (cycleCdf(hi) < target && hi - lo < 365_000) {
            hi = lo + 2 * (hi - lo);
        }
        for (int i = 0; i < 50 && hi - lo > 0.01; i++) {
            double mid = 0.5 * (lo + hi);
            if (cycleCdf(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The median day of the next purchase given that it happens by {@code untilDay} (and not by the as-of
     * time): the forecast for an evaluation that only sees purchases before the data ends.
     *
     * @return the median, or NaN when the forecast puts no probability before {@code untilDay}
     */
    public double medianDayBefore(double untilDay) {
        double lo = Math.max(asOfDay, lastPurchaseDay);
        double start = cycleCdf(lo);
        double end = cycleCdf(untilDay);
        if (!(end > start)) {
            return Double.NaN;
        }
        double target = start + 0.5 * (end - start);
        double hi = untilDay;
        for (int i = 0; i < 50 && hi - lo > 0.01; i++) {
            double mid = 0.5 * (lo + hi);
            if (cycleCdf(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The expected due day: the conditional median of the next purchase. */
    public double dueDay() {
        return quantileDay(0.5);
    }
}
