package dev.tailor.recommend.popular;

import dev.tailor.data.IdIndex;
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
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Recommends items uniformly at random: the floor every engine must clear. Seeded, and the list for a
 * customer depends only on the seed and the customer, so evaluation in parallel is reproducible.
 *
 * <p>Thread-safety: the trainer and its models are immutable.
 */
public final class RandomItems implements RecommenderTrainer {
    private final long seed;

    private RandomItems(long seed) {
        this.seed = seed;
    }

    /** Random lists drawn from this seed. */
    public static RandomItems withSeed(long seed) {
        return new RandomItems(seed);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Recommender train(TrainingData data) {
        return new Model(seed, data.matrix().itemCount(), data.matrix().byCustomer(), data.matrix().customers(),
                data.matrix().items(), data.matrix().policy());
    }

    /** Seeded random lists with the owners to leave out, saved in its own format ({@code RandomModelFormat}). */
    static final class Model extends BaselineModel {
        static final String FORMAT = "tailor.random-model";
        /** Version 2 adds the weighting policy; version 1 files load with the default policy. */
        static final int VERSION = 2;

        private final long seed;
        private final int itemCount;

        Model(long seed, int itemCount, SparseMatrix owners, IdIndex customers, IdIndex items,
                WeightingPolicy policy) {
            super(owners, customers, items, policy);
            this.seed = seed;
            this.itemCount = itemCount;
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeLong(seed);
            customers().writeTo(out);
            items().writeTo(out);
            owners.writeTo(out);
            policy.writeTo(out);
        }

        static Model readFrom(DataInputStream in, int version) throws IOException {
            long seed = in.readLong();
            IdIndex customers = IdIndex.readFrom(in);
            IdIndex items = IdIndex.readFrom(in);
            SparseMatrix owners = SparseMatrix.readFrom(in);
            WeightingPolicy policy = version >= 2 ? WeightingPolicy.readFrom(in)
                    : WeightingPolicy.defaults();
            if (owners.columns() > items.size() || owners.rows() > customers.size()) {
                throw new IOException("random model: the owners matrix (" + owners + ") is larger than the indexes");
            }
            return new Model(seed, owners.columns(), owners, customers, items, policy);
        }

        @Override
        public String name() {
            return "random";
        }

        @Override
        public int itemCount() {
            return itemCount;
        }

        @Override
        public RecommendationList recommend(int customer, int n, Exclusions exclusions) {
            Selection.checkRequest(customer, n);
            return draw(customer, customer + 1L, n, exclusions.forHistory(history(customer)));
        }

        @Override
        public RecommendationList recommend(CustomerHistory mine, int n, Exclusions exclusions) {
            Selection.checkRequest(mine, n, itemCount);
            // A history's own hash picks its draw: the same history gets the same list.
            return draw(-1, mine.hashCode(), n, exclusions.forHistory(mine));
        }

        private RecommendationList draw(int customer, long stream, int n, ItemFilter excluded) {
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * stream));
            int want = Math.min(n, itemCount);
            int[] chosen = new int[want];
            int k = 0;
            // Rejection sampling is fast while few items are excluded; a full shuffle settles the rest.
            for (int attempt = 0; attempt < 8 * want && k < want; attempt++) {
                int item = random.nextInt(itemCount);
                if (!excluded.excludes(item) && !contains(chosen, k, item)) {
                    chosen[k++] = item;
                }
            }
            if (k < want) {
                int[] all = new int[itemCount];
                for (int i = 0; i < itemCount; i++) {
                    all[i] = i;
                }
                for (int i = itemCount - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = all[i];
                    all[i] = all[j];
                    all[j] = t;
                }
                for (int i = 0; i < itemCount && k < want; i++) {
                    if (!excluded.excludes(all[i]) && !contains(chosen, k, all[i])) {
                        chosen[k++] = all[i];
                    }
                }
            }
            float[] scores = new float[k];
            for (int i = 0; i < k; i++) {
                scores[i] = k - i;
            }
            return new RecommendationList(customer, Arrays.copyOf(chosen, k), scores);
        }

        private static boolean contains(int[] values, int count, int value) {
            for (int i = 0; i < count; i++) {
                if (values[i] == value) {
                    return true;
                }
            }
            return false;
        }
    }
}
