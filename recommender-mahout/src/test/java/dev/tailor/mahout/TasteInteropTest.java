package dev.tailor.mahout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Split;
import dev.tailor.eval.Splitter;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.NeighbourhoodModel;
import java.util.List;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.model.GenericDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.apache.mahout.cf.taste.recommender.IDRescorer;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.junit.jupiter.api.Test;

class TasteInteropTest {
    /** Taste-style numeric ids: users 100-139, items 1000-1019, two taste groups. */
    static DataModel tasteModel() {
        EventLog groups = TestLogs.twoTasteGroups();
        FastByIDMap<PreferenceArray> data = new FastByIDMap<>();
        for (int c = 0; c < groups.customers().size(); c++) {
            int customer = c;
            EventLog mine = groups.select(e -> groups.customer(e) == customer);
            long user = 100 + Long.parseLong(groups.customers().externalId(c).substring(1));
            PreferenceArray prefs = new GenericUserPreferenceArray(mine.size());
            for (int e = 0; e < mine.size(); e++) {
                prefs.setUserID(e, user);
                prefs.setItemID(e, 1000 + Long.parseLong(groups.items().externalId(mine.item(e)).substring(1)));
                prefs.setValue(e, 1 + e % 5);
            }
            data.put(user, prefs);
        }
        return new GenericDataModel(data);
    }

    @Test
    void aTasteDataModelFeedsTailorWithNumericIdsAndRatings() throws Exception {
        DataModel model = tasteModel();
        EventLog log = TasteDataModels.toEventLog(model, EventKind.RATING);
        assertEquals(model.getNumUsers(), log.customers().size());
        assertEquals(model.getNumItems(), log.items().size());
        assertEquals(40 * 6, log.size());
        int e = 0;
        long user = Long.parseLong(log.customers().externalId(log.customer(e)));
        long item = Long.parseLong(log.items().externalId(log.item(e)));
        assertEquals(model.getPreferenceValue(user, item), log.rating(e), 0f);
    }

    @Test
    void tasteSeesThePairsRatingsWhereTheEventsHaveThem() throws Exception {
        EventLog log = TestLogs.of("a x 0 RATING", "a y 0 PURCHASE");
        EventLog rated = EventLog.builder().add(new dev.tailor.data.Event("a", "x", TestLogs.DAY_ZERO, EventKind.RATING, 1, 0,
                4.0, dev.tailor.data.FitFeedback.NONE, null)).add(new dev.tailor.data.Event("a", "x", TestLogs.DAY_ZERO,
                EventKind.RATING, 1, 0, 2.0, dev.tailor.data.FitFeedback.NONE, null)).add(log.event(1)).build();
        DataModel model = TasteDataModels.toDataModel(TrainingData.of(rated, WeightingPolicy.defaults()), false);
        assertEquals(3.0f, model.getPreferenceValue(0, rated.items().find("x")), 1e-6f, "mean of 4 and 2 stars");
        assertEquals(1.0f, model.getPreferenceValue(0, rated.items().find("y")), 1e-6f, "unrated: the weight");
    }

    @Test
    void aTailorModelServesBehindTasteHonouringTheRescorer() throws Exception {
        DataModel model = tasteModel();
        EventLog log = TasteDataModels.toEventLog(model, EventKind.PURCHASE);
        TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
        NeighbourhoodModel knn = ItemKnn.builder().build().train(data);
        TailorAsTaste taste = new TailorAsTaste(knn, log.customers(), log.items(), model, null);

        long user = 103;
        int dense = log.customers().find("103");
        RecommendationList tailor = knn.recommend(dense, 3);
        List<RecommendedItem> served = taste.recommend(user, 3);
        for (int r = 0; r < 3; r++) {
            assertEquals(Long.parseLong(log.items().externalId(tailor.item(r))), served.get(r).getItemID());
            assertEquals(tailor.score(r), served.get(r).getValue(), 0f);
        }
        long first = served.get(0).getItemID();
        long second = served.get(1).getItemID();
        IDRescorer dropFirstBoostLast = new IDRescorer() {
            @Override
            public double rescore(long id, double score) {
                return id == served.get(2).getItemID() ? score + 100 : score;
            }

            @Override
            public boolean isFiltered(long id) {
                return id == first;
            }
        };
        List<RecommendedItem> rescored = taste.recommend(user, 3, dropFirstBoostLast);
        assertEquals(served.get(2).getItemID(), rescored.get(0).getItemID());
        assertEquals(second, rescored.get(1).getItemID());
        assertTrue(rescored.stream().noneMatch(i -> i.getItemID() == first));

        for (RecommendedItem known : taste.recommend(user, 20, true)) {
            if (model.getPreferenceValue(user, known.getItemID()) != null) {
                return; // known items are included on request
            }
        }
        throw new AssertionError("includeKnownItems returned no known item");
    }

    @Test
    void unknownUsersGetPopularItemsAndSwapsTakeEffectAtOnce() throws Exception {
        DataModel model = tasteModel();
        EventLog log = TasteDataModels.toEventLog(model, EventKind.PURCHASE);
        TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
        var popular = MostPopular.overall().train(data);
        TailorAsTaste taste = new TailorAsTaste(popular, log.customers(), log.items(), model,
                () -> new TailorAsTaste.IndexedModel(ItemKnn.builder().build().train(data), log.customers(), log.items()));
        assertEquals(5, taste.recommend(99_999, 5).size());
        List<RecommendedItem> before = taste.recommend(103, 5);
        taste.refresh(null);
        List<RecommendedItem> after = taste.recommend(103, 5);
        assertFalse(before.equals(after), "refresh should have swapped in the kNN model");
        assertFalse(Float.isNaN(taste.estimatePreference(103, after.get(0).getItemID())));
    }

    @Test
    void tasteRecommendersRunThroughTailorsEvaluatorAndBeatNothingLessThanPopular() {
        EventLog log = TestLogs.twoTasteGroups();
        Split split = Splitter.randomHoldout(0.3, 1).split(log);
        Evaluator evaluator = Evaluator.builder().k(3).build();
        EvaluationResult popular = evaluator.evaluate(MostPopular.overall(), split, WeightingPolicy.defaults());
        for (TasteTrainer trainer : List.of(TasteTrainer.itemBasedLogLikelihood(), TasteTrainer.itemBasedTanimoto(),
                TasteTrainer.booleanItemBasedLogLikelihood(), TasteTrainer.alsWr(4, 0.1, 1, 5, 1))) {
            EvaluationResult taste = evaluator.evaluate(trainer, split, WeightingPolicy.defaults());
            assertEquals(popular.customers(), taste.customers(), trainer.name());
            assertTrue(taste.ndcg() > popular.ndcg(), trainer.name() + " " + taste.ndcg() + " vs popular " + popular.ndcg());
        }
    }
}
