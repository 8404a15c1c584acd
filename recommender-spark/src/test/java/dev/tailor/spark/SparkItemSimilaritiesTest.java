package dev.tailor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.io.ModelRegistry;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.NeighbourhoodModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkItemSimilaritiesTest {
    @Test
    void theSparkJobRecommendsAsTheCoresItemKnn(@TempDir Path dir) throws Exception {
        EventLog log = TestLogs.randomShop(9, 250, 60);
        for (int k : new int[] {100, 7}) {
            NeighbourhoodModel spark = SparkItemSimilarities.builder().neighbours(k).build()
                    .train(SparkAlsTest.pairs(log), WeightingPolicy.defaults());
            Recommender core = ItemKnn.builder().neighbours(k).build().train(TrainingData.of(log, WeightingPolicy.defaults()));
            Path file = dir.resolve("knn-" + k + ".tailor");
            ModelRegistry.save(spark, file);
            Recommender loaded = ModelRegistry.load(file, Recommender.class);
            int compared = 0;
            for (int c = 0; c < log.customers().size(); c++) {
                String id = log.customers().externalId(c);
                RecommendationList expected = core.recommend(core.customers().find(id), 10);
                RecommendationList got = loaded.recommend(loaded.customers().find(id), 10);
                assertEquals(expected.size(), got.size(), id);
                for (int r = 0; r < expected.size(); r++) {
                    assertEquals(expected.score(r), got.score(r), 1e-4f, id + " rank " + (r + 1) + ", k " + k);
                    if (r + 1 < expected.size() && expected.score(r) - expected.score(r + 1) > 1e-4f
                            && (r == 0 || expected.score(r - 1) - expected.score(r) > 1e-4f)) {
                        assertEquals(core.items().externalId(expected.item(r)), loaded.items().externalId(got.item(r)),
                                id + " rank " + (r + 1) + ", k " + k);
                        compared++;
                    }
                }
            }
            assertTrue(compared > 1_000, "items compared: " + compared);
        }
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SparkItemSimilarities.builder().neighbours(0));
        assertThrows(IllegalArgumentException.class, () -> SparkItemSimilarities.builder().shrink(-1));
        assertThrows(IllegalArgumentException.class, () -> SparkItemSimilarities.builder().maxItemsPerCustomer(1));
    }
}
