package dev.tailor.recommend;

import dev.tailor.matrix.SparseMatrix;
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
                data.matrix().items());
    }

    /** Seeded random lists with the owners to leave out, saved in its own format ({@link RandomModelFormat}). */
    static final class Model implements Recommender {
        static final String FORMAT = "tailor.random-model";
        static final int VERSION = 1;

        private final long seed;
        private final int itemCount;
        private final SparseMatrix owners;
        private final dev.tailor.data.IdIndex customers;
        private final dev.tailor.data.IdIndex items;

        Model(long seed, int itemCount, SparseMatrix owners, dev.tailor.data.IdIndex customers, dev.tailor.data.IdIndex items) {
            this.seed = seed;
            this.itemCount = itemCount;
            this.owners = owners;
            this.customers = customers.frozenCopy();
            this.items = items.frozenCopy();
        }

        void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
            out.writeLong(seed);
            customers.writeTo(out);
            items.writeTo(out);
            TrainedModels.writeMatrix(owners, out);
        }

        static Model readFrom(java.io.DataInputStream in) throws java.io.IOException {
            long seed = in.readLong();
            dev.tailor.data.IdIndex customers = dev.tailor.data.IdIndex.readFrom(in);
            dev.tailor.data.IdIndex items = dev.tailor.data.IdIndex.readFrom(in);
            SparseMatrix owners = TrainedModels.readMatrix(in);
            if (owners.columns() > items.size() || owners.rows() > customers.size()) {
                throw new java.io.IOException("random model: the owners matrix (" + owners + ") is larger than the indexes");
            }
            return new Model(seed, owners.columns(), owners, customers, items);
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
            MostPopular.checkRequest(customer, n);
            ItemFilter excluded = exclusions.forCustomer(owners, customer);
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (customer + 1L)));
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
