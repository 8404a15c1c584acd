package dev.tailor.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.io.ModelFileException;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.als.FactorModel;
import dev.tailor.recommend.als.ImplicitAls;
import dev.tailor.recommend.ease.Ease;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.NeighbourhoodModel;
import dev.tailor.recommend.neighbourhood.Rp3Beta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedModelsTest {
    @TempDir
    Path dir;

    private static final EventLog LOG = dev.tailor.data.TestLogs.twoTasteGroups();
    private static final WeightingPolicy POLICY = WeightingPolicy.builder().halfLife(Duration.ofDays(30)).build();
    private static final TrainingData DATA = TrainingData.of(LOG, POLICY);

    private static void assertScoresAlike(Recommender saved, Recommender loaded) {
        assertEquals(saved.name(), loaded.name());
        for (int c = 0; c < LOG.customers().size() + 2; c++) {
            RecommendationList a = saved.recommend(c, 7);
            RecommendationList b = loaded.recommend(c, 7);
            assertArrayEquals(a.items(), b.items(), "customer " + c);
            assertArrayEquals(a.scores(), b.scores(), "customer " + c);
        }
    }

    @Test
    void everyEngineScoresExactlyTheSameAfterSaveAndLoad() throws IOException {
        List<RecommenderTrainer> trainers = List.of(ItemKnn.builder().build(), Rp3Beta.builder().build(),
                ImplicitAls.builder().factors(6).iterations(3).build(), Ease.builder().lambda(10).build());
        for (RecommenderTrainer trainer : trainers) {
            Recommender model = trainer.train(DATA);
            Path file = dir.resolve(trainer.name().replaceAll("[^a-z0-9]", "_") + ".model");
            if (model instanceof NeighbourhoodModel m) {
                m.save(file);
                assertEquals(POLICY, dev.tailor.io.ModelRegistry.load(file, NeighbourhoodModel.class).policy());
            } else if (model instanceof FactorModel m) {
                m.save(file);
                assertEquals(POLICY, dev.tailor.io.ModelRegistry.load(file, FactorModel.class).policy());
                assertEquals(LOG.items().externalId(5), dev.tailor.io.ModelRegistry.load(file, FactorModel.class).items().externalId(5));
            } else {
                model.save(file);
            }
            assertScoresAlike(model, dev.tailor.io.ModelRegistry.load(file, Recommender.class));
        }
    }

    @Test
    void corruptAndForeignFilesAreRefused() throws IOException {
        Path file = dir.resolve("knn.model");
        ItemKnn.builder().build().train(DATA).save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        assertTrue(assertThrows(ModelFileException.class, () -> dev.tailor.io.ModelRegistry.load(file, Recommender.class)).getMessage().contains("corrupt"));
        Path index = dir.resolve("ids");
        LOG.items().save(index);
        assertTrue(assertThrows(ModelFileException.class, () -> dev.tailor.io.ModelRegistry.load(index, Recommender.class)).getMessage()
                .contains("not a Recommender"));
        assertThrows(ModelFileException.class, () -> dev.tailor.io.ModelRegistry.load(dir.resolve("missing"), FactorModel.class));
    }
}
