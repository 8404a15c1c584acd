package dev.tailor.fit;

import java.util.List;
import java.util.Objects;

/**
 * Which size of an item to send a customer, with how every candidate size is expected to fit.
 *
 * @param size the recommended size: the one most likely to fit (the smaller of two equally likely)
 * @param fit how the recommended size is expected to fit
 * @param options every size considered, from smallest to largest, with its probabilities
 */
public record SizeAdvice(String size, FitProbabilities fit, List<SizeOption> options) {

    /** Validates and copies. */
    public SizeAdvice {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(fit, "fit");
        options = List.copyOf(options);
    }

    /** The probability that the recommended size fits. */
    public double probabilityOfFit() {
        return fit.fits();
    }

    /**
     * One candidate size.
     *
     * @param size the size label
     * @param fit how it is expected to fit
     */
    public record SizeOption(String size, FitProbabilities fit) {
        /** Validates. */
        public SizeOption {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(fit, "fit");
        }
    }
}
