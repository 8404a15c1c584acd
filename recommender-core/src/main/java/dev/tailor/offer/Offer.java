package dev.tailor.offer;

import dev.tailor.data.Configuration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One individual offer.
 *
 * @param item external item id, or the product of a made-to-measure configuration
 * @param category the item's catalog category, when the catalog knows the item
 * @param price the item's list price, when the catalog knows the item
 * @param size the size to send, when the item has sizes and one can be chosen
 * @param fitProbability the probability that {@code size} fits, when a fit model chose it
 * @param configuration for a made-to-measure product, the suggested choices
 * @param score the blended score (higher is better; comparable within one answer)
 * @param reasons why, from every source that proposed the item, strongest source first
 * @param sources the names of the sources that proposed it
 * @param incentive whether the customer's expected value pays for a costly incentive (a discount, a free
 *     alteration); false without a customer-value estimate
 */
public record Offer(String item, Optional<String> category, OptionalDouble price, Optional<String> size,
        OptionalDouble fitProbability, Optional<Configuration> configuration, double score, List<Reason> reasons,
        List<String> sources, boolean incentive) {

    /** Validates and copies. */
    public Offer {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(fitProbability, "fitProbability");
        Objects.requireNonNull(configuration, "configuration");
        reasons = List.copyOf(reasons);
        sources = List.copyOf(sources);
    }
}
