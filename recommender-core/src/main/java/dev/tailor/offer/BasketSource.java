package dev.tailor.offer;

import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cross-sell for the request's basket: the items most associated with what is in the cart, from a model's
 * {@link Recommender#similarItems} — typically item-kNN with log-likelihood similarity trained on
 * {@link #baskets(EventLog) baskets} rather than customers, so "associated" means "in the same order"
 * (Dunning's LLR keeps rare pairs from looking strong). An item's score is the sum of its association
 * with each basket item; the reason names the basket items it goes with. Proposes nothing without a basket.
 */
public final class BasketSource implements OfferSource {
    private static final int NEIGHBOURS_PER_BASKET_ITEM = 50;

    private final Recommender associations;

    private BasketSource(Recommender associations) {
        this.associations = associations;
    }

    /** A source over an item-association model. */
    public static BasketSource of(Recommender associations) {
        return new BasketSource(Objects.requireNonNull(associations, "associations"));
    }

    /**
     * The log's orders as baskets: every customer's purchases, rentals and cart additions of one UTC day
     * become the events of one basket "customer" ({@code customer@day}), to train an association model on.
     */
    public static EventLog baskets(EventLog log) {
        EventLog.Builder baskets = EventLog.builder();
        for (int e = 0; e < log.size(); e++) {
            EventKind kind = log.kind(e);
            if (kind == EventKind.PURCHASE || kind == EventKind.RENT || kind == EventKind.CART) {
                Event event = log.event(e);
                long day = Math.floorDiv(log.epochSecond(e), 86_400L);
                baskets.add(new Event(event.customer() + "@" + day, event.item(), event.time(), EventKind.PURCHASE, 1, 0,
                        Double.NaN, dev.tailor.data.FitFeedback.NONE, null));
            }
        }
        return baskets.build();
    }

    @Override
    public String name() {
        return "basket";
    }

    Recommender associations() {
        return associations;
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        Map<String, Double> score = new HashMap<>();
        Map<String, List<String>> with = new HashMap<>();
        for (String inBasket : request.basket()) {
            int item = associations.items().find(inBasket);
            if (item < 0) {
                continue;
            }
            RecommendationList like = associations.similarItems(item, NEIGHBOURS_PER_BASKET_ITEM);
            for (int r = 0; r < like.size(); r++) {
                String other = associations.items().externalId(like.item(r));
                if (request.basket().contains(other) || customer.excluded(other)) {
                    continue;
                }
                score.merge(other, (double) like.score(r), Double::sum);
                with.computeIfAbsent(other, k -> new ArrayList<>()).add(inBasket);
            }
        }
        List<Candidate> out = new ArrayList<>();
        score.forEach((item, s) -> out.add(Candidate.of(item, s, new Reason(Reason.Kind.GOES_WITH_BASKET, with.get(item),
                "goes with " + String.join(" and ", with.get(item)) + " in your basket", Map.of("association", s)))));
        return Candidate.best(out, n);
    }
}
