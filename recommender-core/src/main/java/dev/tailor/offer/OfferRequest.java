package dev.tailor.offer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a caller asks for: how many offers, as of when, and optionally for which channel, with which basket,
 * in which category or for which occasion, within which price band. Built with {@link #builder(Instant)}.
 *
 * @param n how many offers, 1 to 1000
 * @param asOf the moment of the request: cycles, windows and recency are measured from it
 * @param channel where the offers are shown (e.g. {@code "email"}, {@code "app"}), for the caller's rules
 * @param basket external ids of the items in the cart (empty when none)
 * @param category only items of this catalog category
 * @param occasion what the customer shops for (e.g. {@code "wedding"}): trends of that occasion
 * @param minPrice only items at or above this list price
 * @param maxPrice only items at or below this list price
 */
public record OfferRequest(int n, Instant asOf, Optional<String> channel, List<String> basket,
        Optional<String> category, Optional<String> occasion, OptionalDouble minPrice, OptionalDouble maxPrice) {

    /** The most offers one request may ask for. */
    public static final int MAX_OFFERS = 1000;

    /** Validates. */
    public OfferRequest {
        if (n < 1 || n > MAX_OFFERS) {
            throw new IllegalArgumentException("n must be 1 to " + MAX_OFFERS + ", was " + n);
        }
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(channel, "channel");
        basket = List.copyOf(basket);
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(occasion, "occasion");
        Objects.requireNonNull(minPrice, "minPrice");
        Objects.requireNonNull(maxPrice, "maxPrice");
        if (minPrice.isPresent() && maxPrice.isPresent() && minPrice.getAsDouble() > maxPrice.getAsDouble()) {
            throw new IllegalArgumentException("the price band is empty: min " + minPrice.getAsDouble() + " > max "
                    + maxPrice.getAsDouble());
        }
    }

    /** A request for offers as of this moment (10 offers, no basket, no segment, any price). */
    public static Builder builder(Instant asOf) {
        return new Builder(asOf);
    }

    /** Builds a request; every setting is validated when {@link #build()} is called. */
    public static final class Builder {
        private final Instant asOf;
        private int n = 10;
        private String channel;
        private List<String> basket = List.of();
        private String category;
        private String occasion;
        private OptionalDouble minPrice = OptionalDouble.empty();
        private OptionalDouble maxPrice = OptionalDouble.empty();

        private Builder(Instant asOf) {
            this.asOf = Objects.requireNonNull(asOf, "asOf");
        }

        /** How many offers (default 10). */
        public Builder n(int count) {
            this.n = count;
            return this;
        }

        /** Where the offers are shown. */
        public Builder channel(String name) {
            this.channel = Objects.requireNonNull(name, "channel");
            return this;
        }

        /** The items in the cart. */
        public Builder basket(List<String> items) {
            this.basket = List.copyOf(items);
            return this;
        }

        /** Only items of this category. */
        public Builder category(String name) {
            this.category = Objects.requireNonNull(name, "category");
            return this;
        }

        /** What the customer shops for. */
        public Builder occasion(String name) {
            this.occasion = Objects.requireNonNull(name, "occasion");
            return this;
        }

        /**
         * Only items whose list price is within [min, max].
         *
         * @throws IllegalArgumentException if a bound is negative or not finite, or min &gt; max
         */
        public Builder priceBand(double min, double max) {
            if (!(min >= 0) || !(max >= 0) || Double.isInfinite(min) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("price bounds must be finite and >= 0, were " + min + " and " + max);
            }
            this.minPrice = OptionalDouble.of(min);
            this.maxPrice = OptionalDouble.of(max);
            return this;
        }

        /** The request. @throws IllegalArgumentException naming the setting that is out of range */
        public OfferRequest build() {
            return new OfferRequest(n, asOf, Optional.ofNullable(channel), basket, Optional.ofNullable(category),
                    Optional.ofNullable(occasion), minPrice, maxPrice);
        }
    }
}
