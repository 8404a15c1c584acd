package dev.tailor.value;

import dev.tailor.offer.CustomerValueEstimate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Customers' lifetime values ({@link LifetimeValue#compute}) as the offers layer's
 * {@link CustomerValueEstimate}, with each customer's value segment (their quantile among all customers).
 *
 * <p>Thread-safety: immutable.
 */
public final class LifetimeValueEstimate implements CustomerValueEstimate {
    private final Map<String, Double> valueByCustomer = new HashMap<>();
    private final Map<String, Double> shareAbove = new HashMap<>();

    private LifetimeValueEstimate(List<CustomerValue> ranked) {
        for (int i = 0; i < ranked.size(); i++) {
            valueByCustomer.put(ranked.get(i).customer(), ranked.get(i).lifetimeValue());
            shareAbove.put(ranked.get(i).customer(), i / (double) ranked.size());
        }
    }

    /** An estimate from values ranked highest first, as {@link LifetimeValue#compute} returns them. */
    public static LifetimeValueEstimate of(List<CustomerValue> ranked) {
        return new LifetimeValueEstimate(List.copyOf(ranked));
    }

    @Override
    public OptionalDouble expectedValue(String customer) {
        Double value = valueByCustomer.get(customer);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The share of customers worth more than this one (0 for the most valuable), when the customer is known. */
    public OptionalDouble shareAbove(String customer) {
        Double share = shareAbove.get(customer);
        return share == null ? OptionalDouble.empty() : OptionalDouble.of(share);
    }

    /** The lifetime value at the given share from the top (e.g. 0.2 for the top-20 % threshold). */
    public double valueAtShare(double share) {
        double[] values = valueByCustomer.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.floor((1 - share) * (values.length - 1));
        return values[Math.max(0, Math.min(values.length - 1, index))];
    }
}
