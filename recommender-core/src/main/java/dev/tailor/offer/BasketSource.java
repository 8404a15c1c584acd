package dev.tailor.offer;

import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cross-sell for the request's basket: the items most associated with what is in the cart, from a model's
 * {@link Recommender.ItemSimilarity#similarItems} — typically item-kNN with log-likelihood similarity trained on
 * {@link #baskets(EventLog) baskets} rather than customers, so "associated" means "in the same order"
 * (Dunning's LLR keeps rare pairs from looking strong). An item's score is the sum of its association
 * with each basket item; the reason names the basket items it goes with. Proposes nothing without a basket.
 */
final class BasketSource implements OfferSource {
    private static final int NEIGHBOURS_PER_BASKET_ITEM = 50;

    private final IdIndex items;
    /**
     * Each item's most associated items (dense ids of {@link #items}), best first, and their association, in one
     * pair of arrays: item i's are at [neighbourStart[i], neighbourStart[i + 1]). Three arrays rather than two per item
     * keep a loaded model's objects few, so a reload leaves the young collections little to copy.
     */
    private final int[] neighbourStart;
    private final int[] neighbour;
    private final float[] association;

    private BasketSource(IdIndex items, int[] neighbourStart, int[] neighbour, float[] association) {
        this.items = items;
        this.neighbourStart = neighbourStart;
        this.neighbour = neighbour;
        this.association = association;
    }

    /**
     * A source over an item-association model: each item's {@value #NEIGHBOURS_PER_BASKET_ITEM} most associated items
     * are taken from it once, which is all a basket asks (so the source keeps neither the model's customers nor its
     * baskets).
     *
     * @throws IllegalArgumentException if the model has no measure of item similarity ({@link Recommender.ItemSimilarity})
     */
    public static BasketSource of(Recommender model) {
        Objects.requireNonNull(model, "associations");
        if (!(model instanceof Recommender.ItemSimilarity associations)) {
            throw new IllegalArgumentException("a basket source needs a model with item similarities (item-kNN, RP3beta, "
                    + "ALS, EASE); " + model.name() + " has none");
        }
        int count = associations.itemCount();
        Lists lists = new Lists(count);
        for (int item = 0; item < count; item++) {
            RecommendationList like = associations.similarItems(item, NEIGHBOURS_PER_BASKET_ITEM);
            lists.add(item, like.items(), like.scores());
        }
        return lists.source(associations.items().frozenCopy());
    }

    /** Neighbour lists gathered item by item into the flat arrays. */
    private static final class Lists {
        private final int[] start;
        private final int[] neighbour;
        private final float[] association;

        Lists(int items) {
            start = new int[items + 1];
            neighbour = new int[items * NEIGHBOURS_PER_BASKET_ITEM];
            association = new float[items * NEIGHBOURS_PER_BASKET_ITEM];
        }

        void add(int item, int[] neighbours, float[] associations) {
            int at = start[item];
            System.arraycopy(neighbours, 0, neighbour, at, neighbours.length);
            System.arraycopy(associations, 0, association, at, associations.length);
            start[item + 1] = at + neighbours.length;
        }

        BasketSource source(IdIndex items) {
            int total = start[start.length - 1];
            return new BasketSource(items, start, total == neighbour.length ? neighbour : Arrays.copyOf(neighbour, total),
                    total == association.length ? association : Arrays.copyOf(association, total));
        }
    }

    void writeTo(DataOutputStream out) throws IOException {
        items.writeTo(out);
        int count = neighbourStart.length - 1;
        out.writeInt(count);
        for (int item = 0; item < count; item++) {
            ArrayCodec.writeInts(Arrays.copyOfRange(neighbour, neighbourStart[item], neighbourStart[item + 1]), out);
            ArrayCodec.writeFloats(Arrays.copyOfRange(association, neighbourStart[item], neighbourStart[item + 1]), out);
        }
    }

    static BasketSource readFrom(DataInputStream in) throws IOException {
        IdIndex items = IdIndex.readFrom(in);
        int count = in.readInt();
        if (count != items.size()) {
            throw new IOException("basket: " + count + " neighbour lists for " + items.size() + " items");
        }
        Lists lists = new Lists(count);
        for (int item = 0; item < count; item++) {
            int[] neighbours = ArrayCodec.readInts(in, NEIGHBOURS_PER_BASKET_ITEM);
            float[] associations = ArrayCodec.readFloats(in, NEIGHBOURS_PER_BASKET_ITEM);
            if (associations.length != neighbours.length) {
                throw new IOException("basket: item " + item + " has " + neighbours.length + " neighbours and "
                        + associations.length + " associations");
            }
            for (int other : neighbours) {
                if (other < 0 || other >= count || other == item) {
                    throw new IOException("basket: item " + item + " has neighbour " + other);
                }
            }
            lists.add(item, neighbours, associations);
        }
        return lists.source(items);
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
                        Double.NaN, FitFeedback.NONE, null));
            }
        }
        return baskets.build();
    }

    @Override
    public String name() {
        return "basket";
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        Map<String, Double> score = new HashMap<>();
        Map<String, List<String>> with = new HashMap<>();
        for (String inBasket : request.basket()) {
            int item = items.find(inBasket);
            if (item < 0) {
                continue;
            }
            for (int r = neighbourStart[item]; r < neighbourStart[item + 1]; r++) {
                String other = items.externalId(neighbour[r]);
                if (request.basket().contains(other) || customer.excluded(other)) {
                    continue;
                }
                score.merge(other, (double) association[r], Double::sum);
                with.computeIfAbsent(other, k -> new ArrayList<>()).add(inBasket);
            }
        }
        List<Candidate> out = new ArrayList<>();
        score.forEach((item, s) -> out.add(Candidate.of(item, s, new Reason(Reason.Kind.GOES_WITH_BASKET, with.get(item),
                "goes with " + String.join(" and ", with.get(item)) + " in your basket", Map.of("association", s)))));
        return Candidate.best(out, n);
    }
}
