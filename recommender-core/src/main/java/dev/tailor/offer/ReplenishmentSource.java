package dev.tailor.offer;

import dev.tailor.data.Event;
import dev.tailor.replenish.CycleForecast;
import dev.tailor.replenish.Level;
import dev.tailor.replenish.ReplenishmentModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the customer is due to buy again: for each item (or category) the {@link ReplenishmentModel} knows a
 * cycle of, the probability of a purchase between the request's as-of time and the horizon; those above
 * the minimum become candidates, most probable first, with the cycle and the last purchase in the reason.
 * For a category cycle the candidate is the item of that category the customer bought last. A purchase
 * recorded since the fit restarts the clock (not due until a cycle has passed). The ownership rule does not
 * apply: having the item is the point.
 */
final class ReplenishmentSource implements OfferSource {
    private final ReplenishmentModel model;
    private final double horizonDays;
    private final double minProbability;
    private final Duration horizon;

    private ReplenishmentSource(ReplenishmentModel model, Duration horizon, double minProbability) {
        this.model = model;
        this.horizon = horizon;
        this.horizonDays = horizon.getSeconds() / 86_400.0;
        this.minProbability = minProbability;
    }

    /**
     * A source over a fitted model.
     *
     * @param horizon how far ahead a purchase counts as due
     * @param minProbability the least purchase probability within the horizon worth an offer
     * @throws IllegalArgumentException if the horizon is not positive or the probability outside [0, 1]
     */
    public static ReplenishmentSource of(ReplenishmentModel model, Duration horizon, double minProbability) {
        Objects.requireNonNull(model, "model");
        if (horizon.isNegative() || horizon.isZero() || !(minProbability >= 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("horizon must be positive and minProbability in [0, 1], were " + horizon
                    + " and " + minProbability);
        }
        return new ReplenishmentSource(model, horizon, minProbability);
    }

    @Override
    public String name() {
        return "replenishment";
    }

    ReplenishmentModel model() {
        return model;
    }

    Duration horizon() {
        return horizon;
    }

    double minProbability() {
        return minProbability;
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        int c = model.customers().find(customer.id());
        if (c < 0) {
            return List.of();
        }
        double asOfDay = Math.max(request.asOf().getEpochSecond() / 86_400.0, model.fittedAsOfDay());
        List<Candidate> out = new ArrayList<>();
        for (int key : model.keysOf(c)) {
            Optional<CycleForecast> forecast = model.forecast(c, key, asOfDay);
            if (forecast.isEmpty()) {
                continue;
            }
            double probability = forecast.get().probabilityWithin(asOfDay, asOfDay + horizonDays);
            if (!(probability >= minProbability) || probability <= 0) {
                continue;
            }
            String keyName = model.keyName(key);
            double cycle = model.estimatedCycleDays(c, key);
            if (boughtSinceWithinCycle(customer, keyName, cycle, asOfDay)) {
                continue;
            }
            Optional<String> item = model.level() == Level.ITEM ? Optional.of(keyName) : lastItemOfCategory(customer, keyName);
            if (item.isEmpty() || customer.excludedIgnoringOwnership(item.get())) {
                continue;
            }
            long since = Math.round(asOfDay - model.lastPurchaseDay(c, key));
            String text = String.format(Locale.ROOT, "time to replace your %s (every ~%s, last bought %s ago; %.0f%% likely "
                    + "within %d days)", keyName, days(cycle), days(since), 100 * probability, Math.round(horizonDays));
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("probability", probability);
            figures.put("cycleDays", cycle);
            figures.put("daysSinceLast", asOfDay - model.lastPurchaseDay(c, key));
            figures.put("horizonDays", horizonDays);
            out.add(Candidate.of(item.get(), probability, new Reason(Reason.Kind.TIME_TO_REPLENISH, List.of(keyName), text, figures)));
        }
        return Candidate.best(out, n);
    }

    /**
     * Whether a purchase of the key recorded since the fit restarted the clock: the cycle has not passed since
     * then, so the customer is not due yet.
     */
    private boolean boughtSinceWithinCycle(CustomerView customer, String key, double cycleDays, double asOfDay) {
        for (Event event : customer.recorded()) {
            boolean sameKey = model.level() == Level.ITEM ? event.item().equals(key)
                    : customer.catalogItem(event.item()).map(entry -> entry.category().equals(key)).orElse(false);
            double day = event.time().getEpochSecond() / 86_400.0;
            if (sameKey && Shop.isTaking(event.kind()) && (!(cycleDays > 0) || asOfDay - day < cycleDays)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> lastItemOfCategory(CustomerView customer, String category) {
        for (int i = customer.eventCount() - 1; i >= 0; i--) {
            if (Shop.isTaking(customer.kind(i))) {
                String item = customer.item(i);
                if (customer.catalogItem(item).map(entry -> entry.category().equals(category)).orElse(false)) {
                    return Optional.of(item);
                }
            }
        }
        return Optional.empty();
    }

    /** Days in words: "12 days", "5 weeks", "4 months". */
    static String days(double days) {
        if (!Double.isFinite(days)) {
            return "a while";
        }
        if (days < 14) {
            return Math.round(days) + (Math.round(days) == 1 ? " day" : " days");
        }
        if (days < 70) {
            return Math.round(days / 7) + " weeks";
        }
        return Math.round(days / 30.4) + " months";
    }
}
