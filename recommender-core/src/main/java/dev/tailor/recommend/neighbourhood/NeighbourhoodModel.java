package dev.tailor.recommend.neighbourhood;

import dev.tailor.data.IdIndex;
import dev.tailor.internal.ScratchPool;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.kit.ModelBasis;
import dev.tailor.recommend.kit.Selection;
import dev.tailor.recommend.kit.TopN;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trained item-neighbourhood model: score(c, j) = Σ over the customer's items i of
 * {@code weight(c, i) · similarity(i → j)}, where similarity(i → j) is kept only for j among i's top-k
 * neighbours. A customer without history gets the most popular items.
 *
 * <p>Cost of {@link #recommend}: O(history × k) plus selection over the touched items, with scratch
 * arrays from a shared pool (no allocation per item).
 *
 * <p>Thread-safety: immutable; any number of threads may recommend at once.
 */
public final class NeighbourhoodModel implements Recommender.Explainable, Recommender.ItemSimilarity {
    static final String FORMAT = "tailor.neighbourhood-model";
    static final int VERSION = 1;

    private final ModelBasis basis;
    private final String name;
    private final ItemSimilarities similarities;
    private final SparseMatrix history;
    private final int[] popularityOrder;

    /**
     * Scratch shared by all models, at most two per core, each as large as the largest model it served: a
     * swapped-out model leaves nothing behind, and threads (virtual ones too) do not each hold a set.
     */
    private static final ScratchPool<Scratch> SCRATCH = new ScratchPool<>(Scratch::new, s -> s.scores.length);

    NeighbourhoodModel(ModelBasis basis, ItemSimilarities similarities) {
        this.basis = basis;
        this.name = basis.name();
        this.similarities = similarities;
        this.history = basis.history();
        this.popularityOrder = basis.popularityOrder();
    }

    /**
     * A model from item-item neighbour lists computed elsewhere (a Spark job, another engine): item i's
     * neighbours are {@code neighbour[start[i] .. start[i+1])} with their similarities, best first. It scores,
     * explains, saves and loads like a model {@link ItemKnn} trained.
     *
     * @param history the interaction matrix the similarities came from (owned items, cold customers)
     * @throws IllegalArgumentException if the lists do not fit the matrix's items, name an item as its own
     *     neighbour, or hold a similarity that is not finite
     */
    public static NeighbourhoodModel fromNeighbours(String name, InteractionMatrix history, int[] start, int[] neighbour,
            float[] similarity) {
        Objects.requireNonNull(name, "name");
        int items = history.itemCount();
        if (start.length != items + 1 || start[0] != 0 || start[items] != neighbour.length
                || neighbour.length != similarity.length) {
            throw new IllegalArgumentException("neighbour lists must cover " + items + " items: start has " + start.length
                    + " entries, " + neighbour.length + " neighbours, " + similarity.length + " similarities");
        }
        for (int i = 0; i < items; i++) {
            if (start[i + 1] < start[i]) {
                throw new IllegalArgumentException("neighbour list of item " + i + " ends before it starts");
            }
            for (int p = start[i]; p < start[i + 1]; p++) {
                if (neighbour[p] < 0 || neighbour[p] >= items || neighbour[p] == i || !Float.isFinite(similarity[p])) {
                    throw new IllegalArgumentException("item " + i + ": neighbour " + neighbour[p] + " with similarity "
                            + similarity[p] + " (neighbours are other items of the matrix, similarities finite)");
                }
            }
        }
        return new NeighbourhoodModel(ModelBasis.of(name, history),
                new ItemSimilarities(items, start.clone(), neighbour.clone(), similarity.clone()));
    }

    /** Per-item sums and marks; every slot is back to zero whenever no call is using it. */
    private static final class Scratch {
        final float[] scores;
        final int[] touched;
        final byte[] reached;
        final boolean[] owned;

        Scratch(int items) {
            scores = new float[items];
            touched = new int[items + 1];
            reached = new byte[items];
            owned = new boolean[items];
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int itemCount() {
        return similarities.items;
    }

    /** The customer index of the training data. */
    public IdIndex customers() {
        return basis.customers();
    }

    /** The item index of the training data. */
    public IdIndex items() {
        return basis.items();
    }

    @Override
    public CustomerHistory history(int customer) {
        return CustomerHistory.ofRow(history, customer);
    }

    @Override
    public RecommendationList recommend(int customer, int n, Exclusions exclusions) {
        Selection.checkRequest(customer, n);
        return Selection.forCustomer(customer, recommend(history(customer), n, exclusions));
    }

    @Override
    public RecommendationList recommend(CustomerHistory mine, int n, Exclusions exclusions) {
        Selection.checkRequest(mine, n, similarities.items);
        Objects.requireNonNull(exclusions, "exclusions");
        n = Math.min(n, similarities.items);
        Scratch s = SCRATCH.acquire(similarities.items);
        int touchedCount = 0;
        boolean markOwned = exclusions.excludesOwned();
        int length = mine.size();
        TopN top = new TopN(n);
        try {
            int[] neighbour = similarities.neighbour;
            float[] similarity = similarities.similarity;
            float[] scores = s.scores;
            int[] touched = s.touched;
            byte[] reached = s.reached;
            for (int p = 0; p < length; p++) {
                float weight = mine.weight(p);
                if (weight <= 0) {
                    continue;
                }
                int i = mine.item(p);
                for (int q = similarities.start[i], end = similarities.start[i + 1]; q < end; q++) {
                    int j = neighbour[q];
                    // A reached mark, not a non-zero score, says an item was seen: a product of tiny
                    // weights can round to zero. The slot is always written and the count advances by
                    // 0 or 1, without an unpredictable branch.
                    touched[touchedCount] = j;
                    touchedCount += 1 - reached[j];
                    reached[j] = 1;
                    scores[j] += weight * similarity[q];
                }
            }
            if (markOwned) {
                for (int p = 0; p < length; p++) {
                    s.owned[mine.item(p)] = true;
                }
            }
            ItemFilter business = exclusions.businessFilter().orElse(null);
            for (int t = 0; t < touchedCount; t++) {
                int j = s.touched[t];
                float score = s.scores[j];
                // Ties at the threshold are TopN's to break by id, since touched items are not in id order.
                if (score >= top.threshold() && !s.owned[j] && (business == null || !business.excludes(j))) {
                    top.offer(j, score);
                }
            }
        } finally {
            // Also when a business filter throws: the next call on this thread must start clean.
            for (int t = 0; t < touchedCount; t++) {
                int j = s.touched[t];
                s.scores[j] = 0f;
                s.reached[j] = 0;
            }
            if (markOwned) {
                for (int p = 0; p < length; p++) {
                    s.owned[mine.item(p)] = false;
                }
            }
            SCRATCH.release(s);
        }
        return Selection.fill(top.drain(-1), n, exclusions.forHistory(mine), popularityOrder);
    }

    /**
     * The items most similar to an item, best first.
     *
     * @throws IllegalArgumentException if the item is not a dense id of the model
     */
    @Override
    public RecommendationList similarItems(int item, int n) {
        Objects.checkIndex(item, similarities.items);
        TopN top = new TopN(Math.min(n, similarities.items));
        for (int q = similarities.start[item]; q < similarities.start[item + 1]; q++) {
            top.offer(similarities.neighbour[q], similarities.similarity[q]);
        }
        return top.drain(-1);
    }

    /**
     * The history's items that contributed to the item's score, largest contribution first (empty when
     * nothing in the history is similar to it).
     */
    @Override
    public List<Contribution> because(CustomerHistory mine, int item) {
        Objects.checkIndex(item, similarities.items);
        Selection.checkRequest(mine, 0, similarities.items);
        List<Contribution> reasons = new ArrayList<>();
        for (int p = 0; p < mine.size(); p++) {
            float weight = mine.weight(p);
            int i = mine.item(p);
            if (weight <= 0) {
                continue;
            }
            for (int q = similarities.start[i]; q < similarities.start[i + 1]; q++) {
                if (similarities.neighbour[q] == item) {
                    reasons.add(new Contribution(i, weight, similarities.similarity[q], weight * similarities.similarity[q]));
                }
            }
        }
        reasons.sort((a, b) -> Float.compare(b.contribution(), a.contribution()));
        return reasons;
    }

    /** The weighting policy the training matrix was built with. */
    public WeightingPolicy policy() {
        return basis.policy();
    }

    /** Number of stored (item, neighbour) similarities. */
    public int similarityCount() {
        return similarities.size();
    }

    void writeTo(DataOutputStream out) throws IOException {
        basis.writeTo(out);
        similarities.writeTo(out);
    }

    static NeighbourhoodModel readFrom(DataInputStream in) throws IOException {
        ModelBasis basis = ModelBasis.readFrom(in);
        ItemSimilarities similarities = ItemSimilarities.readFrom(in);
        if (similarities.items != basis.itemCount()) {
            throw new IOException("neighbourhood model: " + similarities.items + " items in the similarities, "
                    + basis.itemCount() + " in the history");
        }
        return new NeighbourhoodModel(basis, similarities);
    }
}
