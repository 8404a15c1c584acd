package dev.tailor.mahout;

import dev.tailor.matrix.SparseMatrix;
import dev.tailor.data.IdIndex;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.internal.Selection;
import dev.tailor.recommend.TrainingData;
import java.util.List;
import java.util.Objects;
import org.apache.mahout.cf.taste.common.NoSuchUserException;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.GenericItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.SVDRecommender;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.TanimotoCoefficientSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.IDRescorer;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;

/**
 * Apache Mahout Taste's recommenders as Tailor trainers, so they run through Tailor's evaluator on exactly
 * the same split and exclusions as Tailor's engines. The training matrix's positive entries become a
 * Taste data model with dense ids as Taste ids, valued by the pair's rating where the events have one
 * (see {@link TasteDataModels#toDataModel(TrainingData, boolean)}); training time is what Taste spends before the first
 * request (for item-based recommenders, which compute similarities per request, almost nothing).
 *
 * <p>Thread-safety: the trainers are immutable; the models are as thread-safe as Taste's recommenders.
 */
public final class TasteTrainer implements RecommenderTrainer {
    /** Builds a Taste recommender on a data model. */
    @FunctionalInterface
    public interface Factory {
        /** Builds (and trains) the recommender. */
        org.apache.mahout.cf.taste.recommender.Recommender build(DataModel model) throws TasteException;
    }

    private final String name;
    private final boolean booleanPreferences;
    private final Factory factory;

    /**
     * A trainer of any Taste recommender.
     *
     * @param booleanPreferences whether the data model holds presence only
     */
    public TasteTrainer(String name, boolean booleanPreferences, Factory factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.booleanPreferences = booleanPreferences;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** {@code GenericItemBasedRecommender} with {@code LogLikelihoodSimilarity}. */
    public static TasteTrainer itemBasedLogLikelihood() {
        return new TasteTrainer("taste-itembased-llr", false,
                model -> new GenericItemBasedRecommender(model, new LogLikelihoodSimilarity(model)));
    }

    /** {@code GenericItemBasedRecommender} with {@code TanimotoCoefficientSimilarity}. */
    public static TasteTrainer itemBasedTanimoto() {
        return new TasteTrainer("taste-itembased-tanimoto", false,
                model -> new GenericItemBasedRecommender(model, new TanimotoCoefficientSimilarity(model)));
    }

    /** {@code GenericBooleanPrefItemBasedRecommender} with {@code LogLikelihoodSimilarity} on presence data. */
    public static TasteTrainer booleanItemBasedLogLikelihood() {
        return new TasteTrainer("taste-boolean-itembased-llr", true,
                model -> new GenericBooleanPrefItemBasedRecommender(model, new LogLikelihoodSimilarity(model)));
    }

    /**
     * {@code SVDRecommender} with {@code ALSWRFactorizer} (implicit feedback).
     *
     * @param threads training threads
     */
    public static TasteTrainer alsWr(int features, double lambda, double alpha, int iterations, int threads) {
        return new TasteTrainer("taste-alswr(k=" + features + ",lambda=" + lambda + ",alpha=" + alpha + ",it=" + iterations
                + ")", false, model -> new SVDRecommender(model,
                        new ALSWRFactorizer(model, features, lambda, iterations, true, alpha, threads)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Recommender train(TrainingData data) {
        DataModel model = TasteDataModels.toDataModel(data, booleanPreferences);
        try {
            return new TasteAsTailor(name, factory.build(model), data.matrix(),
                    Selection.popularityOrder(data.matrix().byItem()));
        } catch (TasteException e) {
            throw new IllegalStateException(name + ": Taste failed to build: " + e.getMessage(), e);
        }
    }

    /**
     * A Taste recommender seen as a Tailor one (dense ids are Taste ids), for side-by-side evaluation. Taste
     * scores the users of its {@code DataModel}, so a history passed in is answered only for those users;
     * it has no Tailor file format.
     */
    private static final class TasteAsTailor implements Recommender {
        private final String name;
        private final org.apache.mahout.cf.taste.recommender.Recommender taste;
        private final int items;
        private final SparseMatrix history;
        private final int[] popularity;
        private final IdIndex customerIndex;
        private final IdIndex itemIndex;
        private final WeightingPolicy policy;

        TasteAsTailor(String name, org.apache.mahout.cf.taste.recommender.Recommender taste, InteractionMatrix matrix,
                int[] popularity) {
            this.name = name;
            this.taste = taste;
            this.items = matrix.itemCount();
            this.history = matrix.byCustomer();
            this.popularity = popularity;
            this.customerIndex = matrix.customers().frozenCopy();
            this.itemIndex = matrix.items().frozenCopy();
            this.policy = matrix.policy();
        }

        @Override
        public IdIndex customers() {
            return customerIndex;
        }

        @Override
        public IdIndex items() {
            return itemIndex;
        }

        @Override
        public WeightingPolicy policy() {
            return policy;
        }

        @Override
        public CustomerHistory history(int customer) {
            return CustomerHistory.ofRow(history, customer);
        }

        /**
         * Only an empty history (answered from popularity) is supported: Taste scores the users of its own
         * {@code DataModel}, not a history from outside it.
         *
         * @throws UnsupportedOperationException for a non-empty history
         */
        @Override
        public RecommendationList recommend(CustomerHistory mine, int n, Exclusions exclusions) {
            Selection.checkRequest(mine, n, items);
            if (!mine.isEmpty()) {
                throw new UnsupportedOperationException(name + ": Taste scores only the customers it was trained on; "
                        + "ask by customer id");
            }
            return Selection.fill(new RecommendationList(-1, new int[0], new float[0]), n, exclusions.forHistory(mine),
                    popularity);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int itemCount() {
            return items;
        }

        @Override
        public RecommendationList recommend(int customer, int n, Exclusions exclusions) {
            ItemFilter business = exclusions.businessFilter().orElse(null);
            IDRescorer rescorer = business == null ? null : new IDRescorer() {
                @Override
                public double rescore(long id, double originalScore) {
                    return originalScore;
                }

                @Override
                public boolean isFiltered(long id) {
                    return business.excludes((int) id);
                }
            };
            List<RecommendedItem> list;
            try {
                list = taste.recommend(customer, n, rescorer, !exclusions.excludesOwned());
            } catch (NoSuchUserException e) {
                list = List.of();
            } catch (TasteException e) {
                throw new IllegalStateException(name + ": Taste failed for customer " + customer + ": " + e.getMessage(), e);
            }
            int[] ids = new int[list.size()];
            float[] scores = new float[list.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) list.get(i).getItemID();
                scores[i] = list.get(i).getValue();
            }
            // Taste returns only items it can estimate; Tailor's contract fills short lists from popularity.
            return Selection.fill(new RecommendationList(customer, ids, scores), n, exclusions.forHistory(history(customer)),
                    popularity);
        }
    }
}
