package dev.tailor.offer;

import dev.tailor.concurrent.Workers;
import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.Configurator;
import dev.tailor.data.Catalog;
import dev.tailor.data.Configuration;
import dev.tailor.data.EventLog;
import dev.tailor.fit.BodyProfile;
import dev.tailor.recommend.Recommender;
import dev.tailor.replenish.ReplenishmentModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Proposes candidates for one customer: collaborative filtering, replenishment, configurations, baskets,
 * the wish list, trends, content neighbours — or a service's own. Implementations are thread-safe.
 *
 * <p>The built-in sources come from the factories here; {@link OfferTraining} makes the usual set from a shop's
 * log, catalog and configurations.
 */
public interface OfferSource {
    /** A short name for weights, reports and {@link Offer#sources()}, e.g. {@code "cf"}. */
    String name();

    /**
     * Up to {@code n} candidates, best first, none that {@link CustomerView#excluded(String)} rules out
     * (so a filtered list is still n long when the source has enough).
     */
    List<Candidate> propose(CustomerView customer, OfferRequest request, int n);

    /**
     * Candidates from any {@link Recommender}, named {@code "cf"}, with "because you rented X and Y" from its
     * explanation. A customer the model was trained on is scored from the training snapshot plus the events recorded
     * since ({@link CustomerView#recorded()}) weighed by the model's policy; a customer the model does not know but
     * the shop does is scored from their events; a stranger gets the model's cold-start answer.
     */
    static OfferSource collaborative(Recommender model) {
        return CollaborativeSource.of(model);
    }

    /** As {@link #collaborative(Recommender)}, with another name (several engines can feed one blend). */
    static OfferSource collaborative(String name, Recommender model) {
        return CollaborativeSource.named(name, model);
    }

    /**
     * What the customer is due to buy again, named {@code "replenishment"}: for each item (or category) the model
     * knows a cycle of, the probability of a purchase between the request's as-of time and the horizon; those above
     * the minimum become candidates, most probable first, with the cycle and the last purchase in the reason. For a
     * category cycle the candidate is the item of that category the customer bought last. A purchase recorded since
     * the fit restarts the clock. The ownership rule does not apply: having the item is the point.
     *
     * @param horizon how far ahead a purchase counts as due
     * @param minProbability the least purchase probability within the horizon worth an offer
     * @throws IllegalArgumentException if the horizon is not positive or the probability outside [0, 1]
     */
    static OfferSource replenishment(ReplenishmentModel model, Duration horizon, double minProbability) {
        return ReplenishmentSource.of(model, horizon, minProbability);
    }

    /**
     * What is popular lately, named {@code "trending"}: items by the number of rentals, purchases and wears in the
     * window before the request, and within its category through the rules. The cold-start answer, and for
     * trend-driven shops (fashion rental) a strong signal for everyone. Counts are cached per hour.
     *
     * @param window how far back "lately" reaches
     * @throws IllegalArgumentException if the window is not positive
     */
    static OfferSource trending(EventLog log, Duration window) {
        return TrendingSource.of(log, window);
    }

    /**
     * As {@link #trending(EventLog, Duration)}, counted within the request's occasion: the log's events carry
     * occasions by log position (null for an event without one), e.g. RentTheRunway's "rented for".
     *
     * @throws IllegalArgumentException if the window is not positive or the occasions do not match the log
     */
    static OfferSource trending(EventLog log, Duration window, String[] occasionOfEvent) {
        return TrendingSource.withOccasions(log, window, occasionOfEvent);
    }

    /**
     * Content neighbours from the catalog, named {@code "content"}, which reach items no one has rented or bought
     * yet: for the customer's most recent items, the items of the same category ranked by the share of catalog
     * attributes they share (Jaccard over attribute=value pairs), with a bonus for items new to the shop (first seen
     * within the window before the request, or never).
     *
     * @param newWindow how recent an item's first event must be for it to count as new
     * @throws IllegalArgumentException if the window is not positive
     */
    static OfferSource content(EventLog log, Catalog catalog, Duration newWindow) {
        return ContentSource.of(log, catalog, newWindow);
    }

    /**
     * Cross-sell for the request's basket, named {@code "basket"}: the items most associated with what is in the
     * cart, from a model's {@link Recommender.ItemSimilarity#similarItems similar items} — typically item-kNN with log-likelihood similarity
     * trained on {@link #baskets(EventLog) baskets} rather than customers, so "associated" means "in the same order".
     * An item's score is the sum of its association with each basket item; the reason names the basket items it
     * goes with. Proposes nothing without a basket.
     *
     * @throws IllegalArgumentException if the model has no measure of item similarity
     *     ({@link Recommender.ItemSimilarity})
     */
    static OfferSource basket(Recommender associations) {
        return BasketSource.of(associations);
    }

    /**
     * The log's orders as baskets, to train a {@link #basket} source's association model on: every customer's
     * purchases, rentals and cart additions of one UTC day become the events of one basket "customer"
     * ({@code customer@day}).
     */
    static EventLog baskets(EventLog log) {
        return BasketSource.baskets(log);
    }

    /**
     * The customer's own wish list, named {@code "wish-list"}: items they put in the cart, or looked at
     * {@code minViews} times or more, within the window before the request and did not rent or buy afterwards —
     * most recent interest first, offered while the rules allow them.
     *
     * @param window how far back interest counts
     * @param minViews how many views of an item show interest without a cart
     * @throws IllegalArgumentException if the window is not positive or minViews below 1
     */
    static OfferSource wishList(Duration window, int minViews) {
        return WishListSource.of(window, minViews);
    }

    /**
     * The customer's repeat made-to-measure orders, named {@code "configuration"}: for every configurable product
     * they ordered before the request's as-of time, the configurator's prefilled configuration (their last order,
     * repaired inside the valid option space if the options changed), as an offer of the product with its choices.
     * Products ordered more often and more recently come first; orders without a customer are ignored. The ownership
     * rule does not apply.
     *
     * @param products each product's labels (variables and value names) with its configurator
     * @throws IllegalArgumentException if there is no product, or a configurator's variables differ from its
     *     product's
     */
    static OfferSource configurations(List<Configuration> orders, Map<ConfigurableProduct, Configurator> products) {
        ConfigurationSource.Builder builder = ConfigurationSource.builder(orders);
        products.forEach(builder::product);
        return builder.build();
    }

    /**
     * Each item's expected takes in the coming step, named {@code "forecast"}: a Poisson regression of the takes of
     * items new to returning customers in a step on the item's counts over 7 to 365 days, takes ever, age since
     * launch, days since its last take, the same weeks a year before and its weekly rate since launch, learned on the
     * {@code steps} steps of length {@code step} before {@code asOf} (events after it are not read). One list for
     * everyone, filtered by the rules.
     *
     * @throws IllegalArgumentException if the step is shorter than a day, there is no step, or nothing was taken
     *     before the steps
     */
    static OfferSource forecast(EventLog log, Catalog catalog, Instant asOf, Duration step, int steps) {
        TakeHistory.requireLearningSteps(step, steps);
        EventLog history = log.select(e -> log.epochSecond(e) <= asOf.getEpochSecond());
        return DemandForecast.train(TakeHistory.of(history, catalog, null, Map.of()), asOf.getEpochSecond() + 1, step, steps);
    }

    /**
     * Personal affinity, named {@code "affinity"}: every item scored for the customer by a conditional logit over its
     * demand and how it suits her — her sizes, occasions, categories and price, its co-takes with her items, and how
     * often customers of her build took it — learned on the {@code steps} steps of length {@code step} before
     * {@code asOf} from the choices customers made in them (choice sets sampled with {@code seed}).
     *
     * @param occasionOfEvent each event's occasion by log position (null where unknown), or null
     * @param profiles the customers' body profiles by customer id (possibly empty)
     * @throws IllegalArgumentException if the step is shorter than a day, there is no step, the occasions do not
     *     match the log, or no customer took a new item in the steps
     */
    static OfferSource affinity(EventLog log, Catalog catalog, String[] occasionOfEvent, Map<String, BodyProfile> profiles,
            Instant asOf, Duration step, int steps, long seed) {
        TakeHistory.requireLearningSteps(step, steps);
        if (occasionOfEvent != null && occasionOfEvent.length != log.size()) {
            throw new IllegalArgumentException(occasionOfEvent.length + " occasions for " + log.size() + " events");
        }
        int[] kept = java.util.stream.IntStream.range(0, log.size()).filter(e -> log.epochSecond(e) <= asOf.getEpochSecond())
                .toArray();
        String[] occasions = occasionOfEvent == null ? null
                : java.util.Arrays.stream(kept).mapToObj(e -> occasionOfEvent[e]).toArray(String[]::new);
        return AffinitySource.train(TakeHistory.of(log.select(kept), catalog, occasions, profiles), asOf.getEpochSecond() + 1,
                step, steps, seed, Workers.defaults());
    }
}
