package dev.tailor.recommend.ease;

import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.internal.ScratchPool;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trained EASE^R model: score(c, j) = Σ over the customer's items i of {@code w_ci · B_ij}, with B
 * dense and row-major in floats. Cost per request: O(history × items). A customer without history gets
 * the most popular items.
 *
 * <p>Thread-safety: immutable; any number of threads may recommend at once.
 */
final class EaseModel implements Recommender.Explainable, Recommender.ItemSimilarity {
    static final String FORMAT = "tailor.ease-model";
    static final int VERSION = 1;

    private final ModelBasis basis;
    private final String name;
    private final int items;
    private final float[] weights;
    private final SparseMatrix history;
    private final int[] popularityOrder;
    /** Score arrays shared by all models (as large as the largest scored), so none pins a swapped-out model. */
    private static final ScratchPool<float[]> SCRATCH = new ScratchPool<>(float[]::new, a -> a.length);

    EaseModel(ModelBasis basis, float[] weights) {
        this.basis = basis;
        this.name = basis.name();
        this.items = basis.itemCount();
        this.weights = weights;
        this.history = basis.history();
        this.popularityOrder = basis.popularityOrder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int itemCount() {
        return items;
    }

    /** The item index of the training data. */
    public IdIndex items() {
        return basis.items();
    }

    /** The items with the largest weight B[item][j], best first. */
    @Override
    public RecommendationList similarItems(int item, int n) {
        Objects.checkIndex(item, items);
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        TopN top = new TopN(Math.min(n, items));
        int row = item * items;
        for (int j = 0; j < items; j++) {
            if (j != item && weights[row + j] > 0) {
                top.offer(j, weights[row + j]);
            }
        }
        return top.drain(-1);
    }

    /** The history's items i with w_ui · B[i][item] > 0, largest first. */
    @Override
    public List<Contribution> because(CustomerHistory mine, int item) {
        Objects.checkIndex(item, items);
        Selection.checkRequest(mine, 0, items);
        List<Contribution> reasons = new ArrayList<>();
        for (int p = 0; p < mine.size(); p++) {
            float w = mine.weight(p);
            int i = mine.item(p);
            float b = weights[i * items + item];
            if (w > 0 && w * b > 0) {
                reasons.add(new Contribution(i, w, b, w * b));
            }
        }
        reasons.sort((x, y) -> Float.compare(y.contribution(), x.contribution()));
        return reasons;
    }

    /** The weight B[i][j] of item i's evidence for item j. */
    public float weight(int i, int j) {
        return weights[i * items + j];
    }

    @Override
    public IdIndex customers() {
        return basis.customers();
    }

    /** The weighting policy the training matrix was built with. */
    @Override
    public WeightingPolicy policy() {
        return basis.policy();
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
        Selection.checkRequest(mine, n, items);
        Objects.requireNonNull(exclusions, "exclusions");
        n = Math.min(n, items);
        if (!mine.hasEvidence()) {
            return Selection.fill(new RecommendationList(-1, new int[0], new float[0]), n,
                    exclusions.forHistory(mine), popularityOrder);
        }
        float[] scores = SCRATCH.acquire(items);
        try {
            Arrays.fill(scores, 0, items, 0f);
            for (int p = 0; p < mine.size(); p++) {
                float w = mine.weight(p);
                if (w <= 0) {
                    continue;
                }
                int row = mine.item(p) * items;
                for (int j = 0; j < items; j++) {
                    scores[j] += w * weights[row + j];
                }
            }
            return Selection.fill(Selection.fromDense(-1, n, exclusions, mine, scores, items), n,
                    exclusions.forHistory(mine), popularityOrder);
        } finally {
            SCRATCH.release(scores);
        }
    }

    void writeTo(DataOutputStream out) throws IOException {
        basis.writeTo(out);
        ArrayCodec.writeFloats(weights, out);
    }

    static EaseModel readFrom(DataInputStream in) throws IOException {
        ModelBasis basis = ModelBasis.readFrom(in);
        float[] weights = ArrayCodec.readFloats(in, Integer.MAX_VALUE);
        long n = basis.itemCount();
        if (weights.length != n * n) {
            throw new IOException("EASE model: " + weights.length + " weights for " + n + " items");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Float.isFinite(weights[i])) {
                throw new IOException("EASE model: weight " + i + " is not finite");
            }
        }
        return new EaseModel(basis, weights);
    }
}
