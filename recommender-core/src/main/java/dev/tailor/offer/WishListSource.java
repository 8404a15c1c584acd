package dev.tailor.offer;

import dev.tailor.data.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer's own wish list: items they put in the cart, or looked at {@code minViews} times or more,
 * within the window before the request and did not rent or buy afterwards — most recent interest first,
 * offered while the rules allow them (in stock in the customer's size, in the band, ...).
 */
final class WishListSource implements OfferSource {
    private final Duration window;
    private final int minViews;

    private WishListSource(Duration window, int minViews) {
        this.window = window;
        this.minViews = minViews;
    }

    /**
     * A source.
     *
     * @param window how far back interest counts
     * @param minViews how many views of an item show interest without a cart
     * @throws IllegalArgumentException if the window is not positive or minViews below 1
     */
    public static WishListSource of(Duration window, int minViews) {
        if (window.isNegative() || window.isZero() || minViews < 1) {
            throw new IllegalArgumentException("window must be positive and minViews >= 1, were " + window + " and "
                    + minViews);
        }
        return new WishListSource(window, minViews);
    }

    @Override
    public String name() {
        return "wish-list";
    }

    Duration window() {
        return window;
    }

    int minViews() {
        return minViews;
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        Instant since = request.asOf().minus(window);
        Map<String, Integer> views = new HashMap<>();
        Map<String, Instant> carted = new HashMap<>();
        Map<String, Instant> lastInterest = new HashMap<>();
        for (int i = 0; i < customer.eventCount(); i++) {
            String item = customer.item(i);
            EventKind kind = customer.kind(i);
            if (Shop.isTaking(kind)) {
                carted.remove(item);
                views.remove(item);
                lastInterest.remove(item);
            } else if (!customer.time(i).isBefore(since) && (kind == EventKind.CART || kind == EventKind.VIEW)) {
                if (kind == EventKind.CART) {
                    carted.put(item, customer.time(i));
                } else {
                    views.merge(item, 1, Integer::sum);
                }
                lastInterest.put(item, customer.time(i));
            }
        }
        List<Candidate> out = new ArrayList<>();
        lastInterest.forEach((item, when) -> {
            boolean cart = carted.containsKey(item);
            int viewed = views.getOrDefault(item, 0);
            if ((cart || viewed >= minViews) && !customer.excluded(item)) {
                long days = Duration.between(when, request.asOf()).toDays();
                String text = "still thinking about " + item + "? you " + (cart ? "saved it to your cart" : "looked at it "
                        + viewed + " times") + ", last " + (days == 0 ? "today" : ReplenishmentSource.days(days) + " ago");
                Map<String, Double> figures = new LinkedHashMap<>();
                figures.put("views", (double) viewed);
                figures.put("carted", cart ? 1.0 : 0.0);
                figures.put("daysAgo", (double) days);
                out.add(Candidate.of(item, when.getEpochSecond(), new Reason(Reason.Kind.STILL_INTERESTED, List.of(item), text, figures)));
            }
        });
        return Candidate.best(out, n);
    }
}
