package dev.tailor.offer;

import java.util.OptionalDouble;

/**
 * A customer's expected value (for example the lifetime value the customer-value module computes with
 * BG/NBD and Gamma-Gamma), so costly incentives go to customers whose value pays for them.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface CustomerValueEstimate {
    /** The customer's expected value in currency units, when known. */
    OptionalDouble expectedValue(String customer);
}
