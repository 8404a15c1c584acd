package dev.tailor.replenish;

/** The standard normal distribution function, to about 1e-7 (Zelen &amp; Severo / Abramowitz-Stegun 26.2.17). */
final class Normal {
    private Normal() {
    }

    static double cdf(double z) {
        if (z < -8) {
            return 0;
        }
        if (z > 8) {
            return 1;
        }
        double t = 1 / (1 + 0.2316419 * Math.abs(z));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) * poly;
        return z >= 0 ? 1 - tail : tail;
    }
}
