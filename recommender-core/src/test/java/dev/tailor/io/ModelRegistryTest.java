package dev.tailor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.SolutionSpace;
import dev.tailor.configure.TableConstraint;
import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import dev.tailor.engines.Trainers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir
    Path dir;

    @Test
    void everyBuiltInFormatIsRegisteredAndRoundTrips() throws IOException {
        assertTrue(ModelRegistry.formats().containsAll(List.of("tailor.factor-model", "tailor.neighbourhood-model",
                "tailor.ease-model", "tailor.fit-model", "tailor.solution-space", "tailor.id-index", "tailor.popularity-model",
                "tailor.random-model")), ModelRegistry.formats().toString());
        EventLog log = TestLogs.twoTasteGroups();
        TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
        for (String spec : List.of("popular", "popular-90d", "random", "knn-cosine", "rp3beta", "als(factors=4,iterations=2)",
                "ease(lambda=10)")) {
            RecommenderTrainer trainer = Trainers.parse(spec, 1);
            Recommender model = trainer.train(data);
            Path file = dir.resolve(spec.replaceAll("[^a-z0-9]", "_"));
            ModelRegistry.save(model, file);
            Recommender loaded = dev.tailor.io.ModelRegistry.load(file, Recommender.class);
            for (int c = 0; c < log.customers().size(); c++) {
                assertArrayEquals(model.recommend(c, 5).items(), loaded.recommend(c, 5).items(), spec);
                assertArrayEquals(model.recommend(c, 5).scores(), loaded.recommend(c, 5).scores(), spec);
            }
        }
        Path ids = dir.resolve("ids");
        ModelRegistry.save(log.items(), ids);
        assertEquals(log.items().externalId(3), ModelRegistry.load(ids, IdIndex.class).externalId(3));
        SolutionSpace space = SolutionSpace.compile(new ConfigurableProduct("p", List.of("a", "b"), new int[][] {{0, 1}, {0, 1}},
                List.of(new TableConstraint("a1 needs b1", new int[] {0, 1}, new int[][] {{0, 0}, {0, 1}, {1, 1}}, true))));
        Path spaceFile = dir.resolve("space");
        ModelRegistry.save(space, spaceFile);
        assertEquals(3.0, ModelRegistry.load(spaceFile, SolutionSpace.class).solutionCount());
        ModelFileException wrongType = assertThrows(ModelFileException.class, () -> dev.tailor.io.ModelRegistry.load(spaceFile, Recommender.class));
        assertTrue(wrongType.getMessage().contains("not a Recommender"), wrongType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelRegistry.save("just a string", dir.resolve("s")));
    }

    /** What another module (a Spark job, say) does: a format of its own, registered, then read by the core. */
    record Greeting(String text) {
    }

    public static final class GreetingFormat extends AbstractModelFormat<Greeting> {
        public GreetingFormat() {
            super("test.greeting", 1, Greeting.class, (model, out) -> out.writeUTF(model.text()),
                    (in, version) -> new Greeting(in.readUTF()));
        }
    }

    @Test
    void anotherModulesFormatCanBeRegisteredAndUnknownFormatsAreNamed() throws IOException {
        Path file = dir.resolve("greeting");
        ModelFiles.write(file, "test.unregistered", 1, out -> out.writeUTF("hi"));
        ModelFileException unknown = assertThrows(ModelFileException.class, () -> ModelRegistry.load(file));
        assertTrue(unknown.getMessage().contains("'test.unregistered'") && unknown.getMessage().contains("known:"),
                unknown.getMessage());
        ModelRegistry.register(new GreetingFormat());
        ModelRegistry.register(new GreetingFormat());
        ModelRegistry.save(new Greeting("hello"), file);
        assertEquals(new Greeting("hello"), ModelRegistry.load(file, Greeting.class));
        assertThrows(IllegalArgumentException.class, () -> ModelRegistry.register(
                new AbstractModelFormat<String>("test.greeting", 1, String.class, (model, out) -> { }, (in, version) -> "") {
                }));
    }
}
