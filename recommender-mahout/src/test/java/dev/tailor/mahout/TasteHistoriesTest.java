package dev.tailor.mahout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.io.ModelRegistry;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.TrainingData;
import java.nio.file.Path;
import java.util.List;
import org.apache.mahout.cf.taste.impl.recommender.GenericItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect: the Taste adapter threw for any history passed in (a customer's snapshot with live events, or a stranger's)
 * and could not be saved. Every preset now scores a history as Taste scores a user outside its data, and saves.
 */
class TasteHistoriesTest {
    /**
     * Taste's ALS-WR starts from random factors drawn from Mahout's RandomUtils: without a fixed seed, a rank-4,
     * five-iteration fit now and then keeps fewer than two of a customer's three items in her taste group.
     */
    @org.junit.jupiter.api.BeforeAll
    static void fixTastesSeed() {
        org.apache.mahout.common.RandomUtils.useTestSeed();
    }

    private static final List<TasteTrainer> PRESETS = List.of(TasteTrainer.itemBasedLogLikelihood(),
            TasteTrainer.itemBasedTanimoto(), TasteTrainer.booleanItemBasedLogLikelihood(), TasteTrainer.alsWr(4, 0.1, 1, 5, 1));

    @Test
    void aPassedInHistoryIsScoredAsTheCustomersOwnAndAStrangersByTheirTaste() {
        EventLog log = TestLogs.twoTasteGroups();
        TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
        for (TasteTrainer trainer : PRESETS) {
            Recommender model = trainer.train(data);
            for (int c = 0; c < log.customers().size(); c += 7) {
                // A trained customer's snapshot passed in (as a service passes it with live events): Taste scores it as
                // an anonymous user, so the counts behind the similarities see the customer twice, and the list keeps to
                // the customer's taste group without their own items.
                int customer = model.customers().find("c" + c);
                RecommendationList byHistory = model.recommend(model.history(customer), 3, Exclusions.owned());
                assertEquals(3, byHistory.size());
                int inGroup = 0;
                for (int item : byHistory.items()) {
                    assertTrue(!model.history(customer).contains(item), "owned items are left out");
                    inGroup += group(log, model, item) == (c < 20 ? 0 : 1) ? 1 : 0;
                }
                assertTrue(inGroup >= 2, trainer.name() + " c" + c + ": " + byHistory.externalIds(model.items()));
            }
            // A stranger who took three items of one taste group gets that group's other items first.
            CustomerHistory stranger = groupItems(log, model, 0);
            RecommendationList answer = model.recommend(stranger, 3, Exclusions.owned());
            assertEquals(0, group(log, model, answer.item(0)), trainer.name() + ": " + answer.externalIds(model.items()));
        }
    }

    @Test
    void thePresetsSaveAndLoadAsTheSameTasteRecommender(@TempDir Path dir) throws Exception {
        EventLog log = TestLogs.twoTasteGroups();
        TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
        for (TasteTrainer trainer : PRESETS) {
            Recommender model = trainer.train(data);
            Path file = dir.resolve(trainer.name().replaceAll("[^a-z]", "") + ".tailor");
            model.save(file);
            Recommender loaded = ModelRegistry.load(file, Recommender.class);
            assertEquals(model.name(), loaded.name());
            CustomerHistory stranger = groupItems(log, model, 1);
            for (int c = 0; c < log.customers().size(); c++) {
                assertSame(model.recommend(c, 4, Exclusions.owned()), loaded.recommend(c, 4, Exclusions.owned()),
                        trainer.name() + " customer " + c);
            }
            assertSame(model.recommend(stranger, 4, Exclusions.owned()), loaded.recommend(stranger, 4, Exclusions.owned()),
                    trainer.name() + " stranger");
        }
        Recommender custom = new TasteTrainer("custom", false,
                model -> new GenericItemBasedRecommender(model, new LogLikelihoodSimilarity(model))).train(data);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> custom.save(dir.resolve("custom.tailor")));
        assertTrue(refused.getMessage().contains("custom factory"), refused.getMessage());
    }

    private static void assertSame(RecommendationList expected, RecommendationList actual, String what) {
        assertArrayEquals(expected.items(), actual.items(), what);
        assertArrayEquals(expected.scores(), actual.scores(), what);
    }

    /** Three items of a taste group as a history in the model's ids. */
    private static CustomerHistory groupItems(EventLog log, Recommender model, int group) {
        int[] items = new int[3];
        float[] weights = {1, 1, 1};
        int found = 0;
        for (int i = 0; i < model.items().size() && found < 3; i++) {
            if (group(log, model, i) == group) {
                items[found++] = i;
            }
        }
        return CustomerHistory.of(items, weights);
    }

    private static int group(EventLog log, Recommender model, int item) {
        // TestLogs.twoTasteGroups: items i0 to i9 are group 0's, i10 to i19 group 1's.
        return Integer.parseInt(model.items().externalId(item).substring(1)) < 10 ? 0 : 1;
    }
}
