package dev.tailor.fit;

import dev.tailor.data.FitFeedback;

/**
 * How a size is expected to fit: the probabilities that the customer will find it too small, right, or
 * too large. They sum to 1.
 *
 * @param small probability of {@link FitFeedback#TOO_SMALL}
 * @param fits probability of {@link FitFeedback#FITS}
 * @param large probability of {@link FitFeedback#TOO_LARGE}
 */
public record FitProbabilities(double small, double fits, double large) {

    /** Validates. @throws IllegalArgumentException unless each is in [0, 1] and they sum to 1 */
    public FitProbabilities {
        if (!(small >= 0 && small <= 1 && fits >= 0 && fits <= 1 && large >= 0 && large <= 1)
                || Math.abs(small + fits + large - 1) > 1e-6) {
            throw new IllegalArgumentException("fit probabilities must be in [0, 1] and sum to 1, were "
                    + small + ", " + fits + ", " + large);
        }
    }

    /**
     * The probability of one outcome.
     *
     * @throws IllegalArgumentException for {@link FitFeedback#NONE}
     */
    public double of(FitFeedback outcome) {
        return switch (outcome) {
            case TOO_SMALL -> small;
            case FITS -> fits;
            case TOO_LARGE -> large;
            case NONE -> throw new IllegalArgumentException("NONE is not a fit outcome");
        };
    }
}
