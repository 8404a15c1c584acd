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
import dev.tailor.recommend.kit.Selection;
import dev.tailor.recommend.TrainingData;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.Objects;
import org.apache.mahout.cf.taste.common.NoSuchUserException;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.GenericItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.impl.model.PlusAnonymousConcurrentUserDataModel;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.Factorization;
import org.apache.mahout.cf.taste.impl.recommender.svd.PersistenceStrategy;
import org.apache.mahout.cf.taste.impl.recommender.svd.SVDRecommender;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.TanimotoCoefficientSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.apache.mahout.math.DenseVector;
import org.apache.mahout.math.als.ImplicitFeedbackAlternatingLeastSquaresSolver;
import org.apache.mahout.math.map.OpenIntObjectHashMap;
import org.apache.mahout.cf.taste.recommender.IDRescorer;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;

/**
 * Apache Mahout Taste's recommenders as Tailor trainers, so they run through Tailor's evaluator on exactly
 * the same split and exclusions as Tailor's engines. The training matrix's positive entries become a
 * Taste data model with dense ids as Taste ids, valued by the pair's rating where the events have one
 * (see {@link TasteDataModels#toDataModel(TrainingData, boolean)}); training time is what Taste spends before the first
 * request (for item-based recommenders, which compute similarities per request, almost nothing).
 *
 * <p>A history passed in ({@link Recommender#recommend(CustomerHistory, int, Exclusions)}: a customer's snapshot with
 * live events, or a stranger's) is answered as Taste answers it: an item-based recommender scores it as an anonymous
 * user of a {@code PlusAnonymousConcurrentUserDataModel} (Taste's own way of serving users outside its data), and
 * ALS-WR folds it in with Taste's implicit-feedback least-squares solver over the trained item features. The four
 * presets save to a file of their own ({@code "tailor.taste-model"}: the preferences, the settings and, for ALS-WR,
 * the factorization); a recommender from a custom {@link Factory} cannot be saved, because its construction is code.
 *
 * <p>Thread-safety: the trainers are immutable; the models are as thread-safe as Taste's recommenders (anonymous users
 * come from a pool of {@value #ANONYMOUS_USERS}, so that many histories are scored at once and more wait).
 */
public final class TasteTrainer implements RecommenderTrainer {
    /** How many passed-in histories Taste scores at once. */
    static final int ANONYMOUS_USERS = 32;

    /** Builds a Taste recommender on a data model. */
    @FunctionalInterface
    public interface Factory {
        /** Builds (and trains) the recommender. */
        org.apache.mahout.cf.taste.recommender.Recommender build(DataModel model) throws TasteException;
    }

    /** The presets a file can rebuild, with their settings. */
    enum Kind {
        ITEM_LOG_LIKELIHOOD, ITEM_TANIMOTO, BOOLEAN_ITEM_LOG_LIKELIHOOD, ALS_WR
    }

    /** A preset's settings (only ALS-WR has any). */
    record Preset(Kind kind, int features, double lambda, double alpha, int iterations, int threads) {
    }

    private final String name;
    private final boolean booleanPreferences;
    private final Factory factory;
    private final Preset preset;

    /**
     * A trainer of any Taste recommender (its models cannot be saved: the factory is code).
     *
     * @param booleanPreferences whether the data model holds presence only
     */
    public TasteTrainer(String name, boolean booleanPreferences, Factory factory) {
        this(name, booleanPreferences, factory, null);
    }

    private TasteTrainer(String name, boolean booleanPreferences, Factory factory, Preset preset) {
        this.name = Objects.requireNonNull(name, "name");
        this.booleanPreferences = booleanPreferences;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.preset = preset;
    }

    /** {@code GenericItemBasedRecommender} with {@code LogLikelihoodSimilarity}. */
    public static TasteTrainer itemBasedLogLikelihood() {
        return preset("taste-itembased-llr", false, new Preset(Kind.ITEM_LOG_LIKELIHOOD, 0, 0, 0, 0, 1));
    }

    /** {@code GenericItemBasedRecommender} with {@code TanimotoCoefficientSimilarity}. */
    public static TasteTrainer itemBasedTanimoto() {
        return preset("taste-itembased-tanimoto", false, new Preset(Kind.ITEM_TANIMOTO, 0, 0, 0, 0, 1));
    }

    /** {@code GenericBooleanPrefItemBasedRecommender} with {@code LogLikelihoodSimilarity} on presence data. */
    public static TasteTrainer booleanItemBasedLogLikelihood() {
        return preset("taste-boolean-itembased-llr", true, new Preset(Kind.BOOLEAN_ITEM_LOG_LIKELIHOOD, 0, 0, 0, 0, 1));
    }

    /**
     * {@code SVDRecommender} with {@code ALSWRFactorizer} (implicit feedback).
     *
     * @param threads training threads
     */
    public static TasteTrainer alsWr(int features, double lambda, double alpha, int iterations, int threads) {
        return preset("taste-alswr(k=" + features + ",lambda=" + lambda + ",alpha=" + alpha + ",it=" + iterations + ")", false,
                new Preset(Kind.ALS_WR, features, lambda, alpha, iterations, threads));
    }

    private static TasteTrainer preset(String name, boolean booleanPreferences, Preset preset) {
        return new TasteTrainer(name, booleanPreferences, model -> {
            throw new IllegalStateException("a preset is built by build(), not by its factory");
        }, preset);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Recommender train(TrainingData data) {
        DataModel model = TasteDataModels.toDataModel(data, booleanPreferences);
        InteractionMatrix matrix = data.matrix();
        try {
            SparseMatrix preferences = preset == null ? null
                    : TasteDataModels.preferencesOf(model, matrix.customerCount(), matrix.itemCount());
            return build(name, preset, factory, booleanPreferences, model, preferences, matrix.customers(), matrix.items(),
                    matrix.policy(), matrix.byCustomer(), Selection.popularityOrder(matrix.byItem()), null);
        } catch (TasteException e) {
            throw new IllegalStateException(name + ": Taste failed to build: " + e.getMessage(), e);
        }
    }

    /** The recommender over a data model: a preset's (with its factorization when one is given) or a factory's. */
    static TasteAsTailor build(String name, Preset preset, Factory factory, boolean booleanPreferences, DataModel base,
            SparseMatrix preferences, IdIndex customers, IdIndex items, WeightingPolicy policy, SparseMatrix history,
            int[] popularity, Factorization saved) throws TasteException {
        PlusAnonymousConcurrentUserDataModel model = new PlusAnonymousConcurrentUserDataModel(base, ANONYMOUS_USERS);
        org.apache.mahout.cf.taste.recommender.Recommender taste;
        Factorization factorization = null;
        if (preset == null) {
            taste = factory.build(model);
        } else {
            switch (preset.kind()) {
                case ITEM_LOG_LIKELIHOOD -> taste = new GenericItemBasedRecommender(model, new LogLikelihoodSimilarity(model));
                case ITEM_TANIMOTO -> taste = new GenericItemBasedRecommender(model, new TanimotoCoefficientSimilarity(model));
                case BOOLEAN_ITEM_LOG_LIKELIHOOD -> taste = new GenericBooleanPrefItemBasedRecommender(model,
                        new LogLikelihoodSimilarity(model));
                case ALS_WR -> {
                    ALSWRFactorizer factorizer = new ALSWRFactorizer(base, preset.features(), preset.lambda(),
                            preset.iterations(), true, preset.alpha(), preset.threads());
                    Factorization trained = saved != null ? saved : factorizer.factorize();
                    factorization = trained;
                    // The factorization is handed over, so Taste does not factorize a second time.
                    taste = new SVDRecommender(model, factorizer, new PersistenceStrategy() {
                        @Override
                        public Factorization load() {
                            return trained;
                        }

                        @Override
                        public void maybePersist(Factorization ignored) {
                        }
                    });
                }
                default -> throw new IllegalStateException("unknown preset " + preset.kind());
            }
        }
        return new TasteAsTailor(name, taste, model, preset, booleanPreferences, preferences, factorization, customers, items,
                policy, history, popularity);
    }

    /**
     * A Taste recommender seen as a Tailor one (dense ids are Taste ids), for side-by-side evaluation and for services
     * that run a Taste model behind Tailor's interface.
     */
    static final class TasteAsTailor implements Recommender {
        private final String name;
        private final org.apache.mahout.cf.taste.recommender.Recommender taste;
        private final PlusAnonymousConcurrentUserDataModel anonymous;
        private final Semaphore anonymousUsers = new Semaphore(ANONYMOUS_USERS);
        final Preset preset;
        final boolean booleanPreferences;
        final SparseMatrix preferences;
        final Factorization factorization;
        private final ImplicitFeedbackAlternatingLeastSquaresSolver foldIn;
        private final int items;
        final SparseMatrix history;
        final int[] popularity;
        private final IdIndex customerIndex;
        private final IdIndex itemIndex;
        private final WeightingPolicy policy;

        TasteAsTailor(String name, org.apache.mahout.cf.taste.recommender.Recommender taste,
                PlusAnonymousConcurrentUserDataModel anonymous, Preset preset, boolean booleanPreferences,
                SparseMatrix preferences, Factorization factorization, IdIndex customers, IdIndex items,
                WeightingPolicy policy, SparseMatrix history, int[] popularity) {
            this.name = name;
            this.taste = taste;
            this.anonymous = anonymous;
            this.preset = preset;
            this.booleanPreferences = booleanPreferences;
            this.preferences = preferences;
            this.factorization = factorization;
            this.items = history.columns();
            this.history = history;
            this.popularity = popularity;
            this.customerIndex = customers.frozenCopy();
            this.itemIndex = items.frozenCopy();
            this.policy = policy;
            this.foldIn = factorization == null ? null : solver(factorization, preset);
        }

        private static ImplicitFeedbackAlternatingLeastSquaresSolver solver(Factorization factorization, Preset preset) {
            OpenIntObjectHashMap<org.apache.mahout.math.Vector> features = new OpenIntObjectHashMap<>();
            double[][] all = factorization.allItemFeatures();
            for (int index = 0; index < all.length; index++) {
                features.put(index, new DenseVector(all[index], true));
            }
            return new ImplicitFeedbackAlternatingLeastSquaresSolver(factorization.numFeatures(), preset.lambda(),
                    preset.alpha(), features, 1);
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

        /** Saves the model, when it is one of the presets (a factory's recommender is code, and has no file). */
        @Override
        public void save(java.nio.file.Path file) throws java.io.IOException {
            if (preset == null) {
                throw new IllegalArgumentException(name + ": a Taste recommender from a custom factory cannot be saved; "
                        + "the presets (itemBasedLogLikelihood, itemBasedTanimoto, booleanItemBasedLogLikelihood, alsWr) can");
            }
            Recommender.super.save(file);
        }

        /**
         * Scores a history as Taste scores a user outside its data: an anonymous user of the data model for item-based
         * recommenders, a fold-in over the item features for ALS-WR. An empty history gets the popular items.
         */
        @Override
        public RecommendationList recommend(CustomerHistory mine, int n, Exclusions exclusions) {
            Selection.checkRequest(mine, n, items);
            ItemFilter forMine = exclusions.forHistory(mine);
            if (!mine.hasEvidence()) {
                return Selection.fill(new RecommendationList(-1, new int[0], new float[0]), n, forMine, popularity);
            }
            RecommendationList found = factorization != null ? foldedIn(mine, n, forMine) : anonymously(mine, n, exclusions);
            return Selection.fill(found, n, forMine, popularity);
        }

        private RecommendationList anonymously(CustomerHistory mine, int n, Exclusions exclusions) {
            int positive = 0;
            for (int p = 0; p < mine.size(); p++) {
                if (mine.weight(p) > 0) {
                    positive++;
                }
            }
            anonymousUsers.acquireUninterruptibly();
            Long user = anonymous.takeAvailableUser();
            try {
                PreferenceArray preferences = new GenericUserPreferenceArray(positive);
                for (int p = 0, i = 0; p < mine.size(); p++) {
                    if (mine.weight(p) > 0) {
                        preferences.setUserID(i, user);
                        preferences.setItemID(i, mine.item(p));
                        preferences.setValue(i, booleanPreferences ? 1f : mine.weight(p));
                        i++;
                    }
                }
                anonymous.setTempPrefs(preferences, user);
                return listOf(-1, taste.recommend(user, n, rescorer(exclusions), !exclusions.excludesOwned()));
            } catch (TasteException e) {
                throw new IllegalStateException(name + ": Taste failed for a history: " + e.getMessage(), e);
            } finally {
                anonymous.clearTempPrefs(user);
                anonymous.releaseUser(user);
                anonymousUsers.release();
            }
        }

        private RecommendationList foldedIn(CustomerHistory mine, int n, ItemFilter excluded) {
            org.apache.mahout.math.Vector ratings = new DenseVector(factorization.numItems());
            for (int p = 0; p < mine.size(); p++) {
                if (mine.weight(p) > 0) {
                    try {
                        ratings.setQuick(factorization.itemIndex(mine.item(p)), mine.weight(p));
                    } catch (org.apache.mahout.cf.taste.common.NoSuchItemException unseen) {
                        // An item Taste never saw has no features: it cannot move the fold-in.
                    }
                }
            }
            org.apache.mahout.math.Vector user = foldIn.solve(ratings);
            dev.tailor.recommend.kit.TopN top = new dev.tailor.recommend.kit.TopN(n);
            for (java.util.Map.Entry<Long, Integer> item : factorization.getItemIDMappings()) {
                int id = item.getKey().intValue();
                if (excluded.excludes(id)) {
                    continue;
                }
                double[] features = factorization.allItemFeatures()[item.getValue()];
                double score = 0;
                for (int f = 0; f < features.length; f++) {
                    score += features[f] * user.getQuick(f);
                }
                top.offer(id, (float) score);
            }
            return top.drain(-1);
        }

        private static IDRescorer rescorer(Exclusions exclusions) {
            ItemFilter business = exclusions.businessFilter().orElse(null);
            return business == null ? null : new IDRescorer() {
                @Override
                public double rescore(long id, double originalScore) {
                    return originalScore;
                }

                @Override
                public boolean isFiltered(long id) {
                    return business.excludes((int) id);
                }
            };
        }

        private static RecommendationList listOf(int customer, List<RecommendedItem> list) {
            int[] ids = new int[list.size()];
            float[] scores = new float[list.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) list.get(i).getItemID();
                scores[i] = list.get(i).getValue();
            }
            return new RecommendationList(customer, ids, scores);
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
            List<RecommendedItem> list;
            try {
                list = taste.recommend(customer, n, rescorer(exclusions), !exclusions.excludesOwned());
            } catch (NoSuchUserException e) {
                list = List.of();
            } catch (TasteException e) {
                throw new IllegalStateException(name + ": Taste failed for customer " + customer + ": " + e.getMessage(), e);
            }
            // Taste returns only items it can estimate; Tailor's contract fills short lists from popularity.
            return Selection.fill(listOf(customer, list), n, exclusions.forHistory(history(customer)), popularity);
        }
    }
}
