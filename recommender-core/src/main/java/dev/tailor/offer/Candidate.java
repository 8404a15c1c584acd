package dev.tailor.offer;

import dev.tailor.data.Configuration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a source proposes: an item (or a made-to-measure product with its configuration), the source's own
 * score (comparable only within that source: the blender uses ranks) and the reasons. The one result
 * vocabulary every stage's output maps onto.
 *
 * @param item external item id (or product name for a configuration)
 * @param score the source's score, higher is better
 * @param reasons why, at least one
 * @param configuration for a made-to-measure product, the suggested choices
 */
public record Candidate(String item, double score, List<Reason> reasons, Optional<Configuration> configuration) {

    /** Validates and copies the reasons. */
    public Candidate {
        Objects.requireNonNull(item, "item");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("candidate '" + item + "': the score is NaN");
        }
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("candidate '" + item + "': an offer needs a reason");
        }
        Objects.requireNonNull(configuration, "configuration");
    }

    /** A candidate for a catalog item with one reason. */
    public static Candidate of(String item, double score, Reason reason) {
        return new Candidate(item, score, List.of(reason), Optional.empty());
    }

    /** The best n of a source's candidates: highest score first, equal scores by item id. */
    static List<Candidate> best(List<Candidate> all, int n) {
        List<Candidate> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::item));
        return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
    }
}
