package dev.tailor.recommend.popular;

import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.kit.Selection;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Recommends the items the most customers have positive evidence for, the same list for everyone (minus
 * each customer's exclusions). Optionally counts only a recent window before the end of training, so
 * the list follows the season.
 *
 * <p>Popularity of an item is the number of distinct customers with a positive weight for it in the
 * training matrix; with a window, the number of distinct customers with an event of positive kind weight
 * in the last {@code window} before the latest training event. Equal popularity ranks the lower item id
 * first. The score of an item is its popularity.
 *
 * <p>Thread-safety: the trainer and its models are immutable.
 */
public final class MostPopular implements RecommenderTrainer {
    private final Duration window;

    private MostPopular(Duration window) {
        this.window = window;
    }

    /** Popularity over the whole training period. */
    public static MostPopular overall() {
        return new MostPopular(null);
    }

    /**
     * Popularity over the last {@code window} of the training period.
     *
     * @throws IllegalArgumentException if the window is not positive
     */
    public static MostPopular recent(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        return new MostPopular(window);
    }

    @Override
    public String name() {
        return window == null ? "popular" : "popular-" + window.toDays() + "d";
    }

    @Override
    public Recommender train(TrainingData data) {
        int itemCount = data.matrix().itemCount();
        int[] popularity = window == null ? Selection.popularity(data.matrix().byItem()) : windowCounts(data, itemCount);
        Integer[] order = new Integer[itemCount];
        for (int i = 0; i < itemCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> popularity[a] != popularity[b] ? Integer.compare(popularity[b], popularity[a])
                : Integer.compare(a, b));
        int[] ranked = new int[itemCount];
        float[] scores = new float[itemCount];
        for (int i = 0; i < itemCount; i++) {
            ranked[i] = order[i];
            scores[i] = popularity[order[i]];
        }
        return new Model(name(), ranked, scores, data.matrix().byCustomer(), data.matrix().customers(), data.matrix().items(),
                data.matrix().policy());
    }

    private int[] windowCounts(TrainingData data, int itemCount) {
        EventLog log = data.events();
        int[] counts = new int[itemCount];
        if (log.size() == 0) {
            return counts;
        }
        long since = log.maxEpochSecond() - window.getSeconds();
        long[] pairs = new long[log.size()];
        int n = 0;
        for (int e = 0; e < log.size(); e++) {
            if (log.epochSecond(e) > since && data.matrix().policy().kindWeight(log.kind(e)) > 0) {
                pairs[n++] = ((long) log.item(e) << 32) | log.customer(e);
            }
        }
        Arrays.sort(pairs, 0, n);
        for (int i = 0; i < n; i++) {
            if (i == 0 || pairs[i] != pairs[i - 1]) {
                counts[(int) (pairs[i] >>> 32)]++;
            }
        }
        return counts;
    }

    /** A popularity list with the owners to leave out, saved in its own format ({@code PopularityModelFormat}). */
    static final class Model extends BaselineModel {
        static final String FORMAT = "tailor.popularity-model";
        /** Version 2 adds the weighting policy; version 1 files load with the default policy. */
        static final int VERSION = 2;

        private final String name;
        private final int[] ranked;
        private final float[] scores;

        Model(String name, int[] ranked, float[] scores, SparseMatrix owners, IdIndex customers,
                IdIndex items, WeightingPolicy policy) {
            super(owners, customers, items, policy);
            this.name = name;
            this.ranked = ranked;
            this.scores = scores;
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeUTF(name);
            customers().writeTo(out);
            items().writeTo(out);
            ArrayCodec.writeInts(ranked, out);
            ArrayCodec.writeFloats(scores, out);
            owners.writeTo(out);
            policy.writeTo(out);
        }

        static Model readFrom(DataInputStream in, int version) throws IOException {
            String name = in.readUTF();
            IdIndex customers = IdIndex.readFrom(in);
            IdIndex items = IdIndex.readFrom(in);
            int[] ranked = ArrayCodec.readInts(in, Integer.MAX_VALUE);
            float[] scores = ArrayCodec.readFloats(in, Integer.MAX_VALUE);
            SparseMatrix owners = SparseMatrix.readFrom(in);
            WeightingPolicy policy = version >= 2 ? WeightingPolicy.readFrom(in)
                    : WeightingPolicy.defaults();
            if (ranked.length != scores.length || ranked.length != owners.columns() || ranked.length > items.size()
                    || owners.rows() > customers.size()) {
                throw new IOException("popularity model: sizes disagree (" + ranked.length + " ranked, "
                        + scores.length + " scores, " + owners + ", " + items.size() + " items)");
            }
            boolean[] listed = new boolean[ranked.length];
            for (int i = 0; i < ranked.length; i++) {
                if (ranked[i] < 0 || ranked[i] >= ranked.length || listed[ranked[i]] || !Float.isFinite(scores[i])) {
                    throw new IOException("popularity model: the ranking is not a permutation of the items with finite scores");
                }
                if (i > 0 && scores[i] > scores[i - 1]) {
                    throw new IOException("popularity model: the scores are not in ranking order (position " + i + ")");
                }
                listed[ranked[i]] = true;
            }
            return new Model(name, ranked, scores, owners, customers, items, policy);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int itemCount() {
            return ranked.length;
        }

        @Override
        public RecommendationList recommend(int customer, int n, Exclusions exclusions) {
            Selection.checkRequest(customer, n);
            return Selection.forCustomer(customer, recommend(history(customer), n, exclusions));
        }

        @Override
        public RecommendationList recommend(CustomerHistory mine, int n, Exclusions exclusions) {
            Selection.checkRequest(mine, n, itemCount());
            ItemFilter excluded = exclusions.forHistory(mine);
            int[] items = new int[Math.min(n, ranked.length)];
            float[] out = new float[items.length];
            int k = 0;
            for (int i = 0; i < ranked.length && k < items.length; i++) {
                if (!excluded.excludes(ranked[i])) {
                    items[k] = ranked[i];
                    out[k] = scores[i];
                    k++;
                }
            }
            return new RecommendationList(-1, Arrays.copyOf(items, k), Arrays.copyOf(out, k));
        }
    }
}
