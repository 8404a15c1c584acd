package dev.tailor.offer;

import dev.tailor.data.EventKind;
import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Candidates from any {@link Recommender}, with "because you rented X and Y" from its explanation. A
 * customer the model was trained on is scored from the training snapshot, plus the events recorded since
 * ({@link CustomerView#recorded()}) weighed by the model's policy; a customer the model does not know but the
 * shop does is scored from their events; a stranger gets the model's cold-start answer.
 */
final class CollaborativeSource implements OfferSource {
    private static final int EXPLAINED_ITEMS = 2;

    private final Recommender model;
    private final String name;

    private CollaborativeSource(Recommender model, String name) {
        this.model = model;
        this.name = name;
    }

    /** A source named {@code "cf"} around a trained model. */
    public static CollaborativeSource of(Recommender model) {
        return named("cf", model);
    }

    /** A source with another name (several engines can feed one blend). */
    public static CollaborativeSource named(String name, Recommender model) {
        return new CollaborativeSource(Objects.requireNonNull(model, "model"), Objects.requireNonNull(name, "name"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        Exclusions exclusions = Exclusions.owned().and(item -> customer.excluded(model.items(), item));
        int known = model.customers().find(customer.id());
        CustomerHistory history;
        RecommendationList list;
        if (known >= 0 && customer.recorded().isEmpty()) {
            history = model.history(known);
            list = model.recommend(known, n, exclusions);
        } else {
            // The training snapshot plus what happened since, weighed exactly as retraining would weigh it; a customer
            // the model does not know (but the shop does) from their events alone.
            history = known >= 0 ? model.historyWith(known, customer.recorded()) : model.historyWith(-1, customer.events());
            list = model.recommend(history, n, exclusions);
        }
        // An engine that cannot explain (popularity, a peer's adapter) gives reasons without the items behind them.
        List<List<Contribution>> why = model instanceof Recommender.Explainable explainable
                ? explainable.because(history, list.items()) : Collections.nCopies(list.size(), List.of());
        List<Candidate> out = new ArrayList<>(list.size());
        for (int r = 0; r < list.size(); r++) {
            out.add(Candidate.of(model.items().externalId(list.item(r)), list.score(r), reason(customer, why.get(r), list.score(r))));
        }
        return out;
    }

    Recommender model() {
        return model;
    }

    private Reason reason(CustomerView customer, List<Contribution> contributions, double score) {
        List<String> evidence = new ArrayList<>();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("score", score);
        for (Contribution why : contributions) {
            if (evidence.size() == EXPLAINED_ITEMS) {
                break;
            }
            String item = model.items().externalId(why.historyItem());
            evidence.add(item);
            figures.put("contribution." + item, (double) why.contribution());
        }
        if (evidence.isEmpty()) {
            return new Reason(customer.known() ? Reason.Kind.BECAUSE_YOU_HAD : Reason.Kind.POPULAR, List.of(), customer.known()
                    ? "picked for you from customers with tastes like yours" : "a favourite of our customers", figures);
        }
        return new Reason(Reason.Kind.BECAUSE_YOU_HAD, evidence, "because you " + verb(customer, evidence.get(0)) + " "
                + String.join(" and ", evidence), figures);
    }

    /** How the customer came to have the item, for the sentence. */
    static String verb(CustomerView customer, String item) {
        for (int i = customer.eventCount() - 1; i >= 0; i--) {
            if (customer.item(i).equals(item)) {
                EventKind kind = customer.kind(i);
                return switch (kind) {
                    case RENT -> "rented";
                    case PURCHASE -> "bought";
                    case WEAR -> "wore";
                    case CART -> "saved";
                    case RATING -> "rated";
                    default -> "looked at";
                };
            }
        }
        return "liked";
    }
}
