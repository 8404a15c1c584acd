package dev.tailor.offer;

import dev.tailor.data.EventKind;
import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Candidates from any {@link Recommender}, with "because you rented X and Y" from its explanation. A
 * customer the model was trained on is scored from the training snapshot, plus the events recorded since
 * ({@link CustomerView#recorded()}) weighed by the model's policy; a customer the model does not know but the
 * shop does is scored from their events; a stranger gets the model's cold-start answer.
 */
public final class CollaborativeSource implements OfferSource {
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
        Exclusions exclusions = Exclusions.owned().and(item -> customer.excluded(model.items().externalId(item)));
        int known = model.customers().find(customer.id());
        CustomerHistory history;
        RecommendationList list;
        if (known >= 0 && customer.recorded().isEmpty()) {
            history = model.history(known);
            list = model.recommend(known, n, exclusions);
        } else if (known >= 0) {
            // The training snapshot plus what happened since, weighed as the model's policy weighs each kind.
            history = model.history(known);
            for (dev.tailor.data.Event event : customer.recorded()) {
                int item = model.items().find(event.item());
                double weight = model.policy().kindWeight(event.kind());
                if (item >= 0 && weight != 0) {
                    history = history.plus(item, (float) weight);
                }
            }
            list = model.recommend(history, n, exclusions);
        } else {
            history = historyFromEvents(customer);
            list = model.recommend(history, n, exclusions);
        }
        List<List<Contribution>> why = model.because(history, list.items());
        List<Candidate> out = new ArrayList<>(list.size());
        for (int r = 0; r < list.size(); r++) {
            out.add(Candidate.of(model.items().externalId(list.item(r)), list.score(r), reason(customer, why.get(r))));
        }
        return out;
    }

    /** The customer's events in the model's ids, weighed by the model's policy (items it does not know left out). */
    private CustomerHistory historyFromEvents(CustomerView customer) {
        int[] items = new int[customer.eventCount()];
        float[] weights = new float[customer.eventCount()];
        int count = 0;
        for (int i = 0; i < customer.eventCount(); i++) {
            int item = model.items().find(customer.item(i));
            double weight = model.policy().kindWeight(customer.kind(i));
            if (item >= 0 && weight != 0) {
                items[count] = item;
                weights[count] = (float) weight;
                count++;
            }
        }
        return CustomerHistory.of(java.util.Arrays.copyOf(items, count), java.util.Arrays.copyOf(weights, count));
    }

    private Reason reason(CustomerView customer, List<Contribution> contributions) {
        List<String> evidence = new ArrayList<>();
        for (Contribution why : contributions) {
            if (evidence.size() == EXPLAINED_ITEMS) {
                break;
            }
            evidence.add(model.items().externalId(why.historyItem()));
        }
        if (evidence.isEmpty()) {
            return new Reason(Reason.Kind.BECAUSE_YOU_HAD, List.of(), customer.known()
                    ? "picked for you from customers with tastes like yours" : "a favourite of our customers");
        }
        return new Reason(Reason.Kind.BECAUSE_YOU_HAD, evidence, "because you " + verb(customer, evidence.get(0)) + " "
                + String.join(" and ", evidence));
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
