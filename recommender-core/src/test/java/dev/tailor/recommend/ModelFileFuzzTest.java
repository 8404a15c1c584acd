package dev.tailor.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.SolutionSpace;
import dev.tailor.configure.TableConstraint;
import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.io.ModelFileFuzzer;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.als.FactorModel;
import dev.tailor.recommend.als.ImplicitAls;
import dev.tailor.recommend.ease.Ease;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.NeighbourhoodModel;
import dev.tailor.recommend.neighbourhood.Rp3Beta;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.popular.RandomItems;

/**
 * Every saved model type, damaged and crafted (issue #12, item 9): refused with ModelFileException, or
 * scoring exactly as saved (damaged) / serving every request (crafted). The seeded CI run is short; the
 * long run is {@code -Dtailor.fuzz.scale=50}.
 */
class ModelFileFuzzTest {
    private static final EventLog LOG = dev.tailor.data.TestLogs.twoTasteGroups();
    private static final TrainingData DATA = TrainingData.of(LOG, WeightingPolicy.builder().halfLife(Duration.ofDays(30))
            .asOf(Instant.parse("2024-06-01T00:00:00Z")).build());

    @TempDir
    Path dir;

    /** Every request a service makes: warm, cold and unknown customers, small and absurd n, a filter. */
    static void serve(Recommender model) {
        for (int c = 0; c < LOG.customers().size() + 3; c++) {
            for (int n : new int[] {0, 3, Integer.MAX_VALUE}) {
                for (Exclusions exclusions : List.of(Exclusions.owned(), Exclusions.none(), Exclusions.owned().and(i -> i % 3 == 0))) {
                    RecommendationList list = model.recommend(c, n, exclusions);
                    assertTrue(list.size() <= Math.min(n, model.itemCount()));
                    Set<Integer> seen = new HashSet<>();
                    for (int r = 0; r < list.size(); r++) {
                        int item = list.item(r);
                        assertTrue(item >= 0 && item < model.itemCount(), "item " + item);
                        assertTrue(seen.add(item), "duplicate item " + item);
                    }
                }
            }
        }
    }

    static void sameAs(Recommender saved, Recommender loaded) {
        for (int c = 0; c < LOG.customers().size() + 2; c++) {
            RecommendationList a = saved.recommend(c, 10);
            RecommendationList b = loaded.recommend(c, 10);
            assertArrayEquals(a.items(), b.items());
            assertArrayEquals(a.scores(), b.scores());
        }
    }

    private void fuzz(String name, Recommender model, Saver saver, ModelFileFuzzer.Loader<Recommender> loader, long seed)
            throws IOException {
        Path saved = dir.resolve(name + ".model");
        saver.save(saved);
        ModelFileFuzzer.Outcome outcome = ModelFileFuzzer.run(saved, dir.resolve(name + ".fuzzed"), loader,
                loaded -> sameAs(model, loaded), ModelFileFuzzTest::serve, seed, 300);
        assertTrue(outcome.refused() > 0 && outcome.tried() > 1000, outcome.toString());
        System.out.println("model file fuzz, " + name + ": " + outcome);
    }

    @FunctionalInterface
    interface Saver {
        void save(Path file) throws IOException;
    }

    @Test
    void neighbourhoodModels() throws IOException {
        NeighbourhoodModel knn = (NeighbourhoodModel) ItemKnn.builder().neighbours(5).build().train(DATA);
        fuzz("item-knn", knn, knn::save, f -> dev.tailor.io.ModelRegistry.load(f, NeighbourhoodModel.class), 11);
        NeighbourhoodModel rp3 = (NeighbourhoodModel) Rp3Beta.builder().build().train(DATA);
        fuzz("rp3beta", rp3, rp3::save, f -> dev.tailor.io.ModelRegistry.load(f, NeighbourhoodModel.class), 12);
    }

    @Test
    void popularityAndRandomModels() throws IOException {
        Recommender popular = MostPopular.overall().train(DATA);
        fuzz("popular", popular, file -> dev.tailor.io.ModelRegistry.save(popular, file),
                f -> dev.tailor.io.ModelRegistry.load(f, Recommender.class), 17);
        Recommender random = RandomItems.withSeed(5).train(DATA);
        fuzz("random", random, file -> dev.tailor.io.ModelRegistry.save(random, file),
                f -> dev.tailor.io.ModelRegistry.load(f, Recommender.class), 18);
    }

    @Test
    void factorModels() throws IOException {
        FactorModel als = (FactorModel) ImplicitAls.builder().factors(3).iterations(2).build().train(DATA);
        fuzz("als", als, als::save, f -> dev.tailor.io.ModelRegistry.load(f, FactorModel.class), 13);
    }

    @Test
    void easeModels() throws IOException {
        Recommender ease = Ease.builder().lambda(10).build().train(DATA);
        fuzz("ease", ease, ease::save, f -> dev.tailor.io.ModelRegistry.load(f, Recommender.class), 14);
    }

    @Test
    void idIndexes() throws IOException {
        Path saved = dir.resolve("ids.index");
        LOG.items().save(saved);
        ModelFileFuzzer.Outcome outcome = ModelFileFuzzer.run(saved, dir.resolve("ids.fuzzed"), IdIndex::load,
                loaded -> assertEquals(LOG.items().externalId(7), loaded.externalId(7)),
                loaded -> {
                    for (int i = 0; i < loaded.size(); i++) {
                        assertEquals(i, loaded.find(loaded.externalId(i)));
                    }
                }, 15, 300);
        System.out.println("model file fuzz, id index: " + outcome);
    }

    @Test
    void solutionSpaces() throws IOException {
        ConfigurableProduct shirt = new ConfigurableProduct("shirt", List.of("a", "b", "c", "d"),
                new int[][] {{0, 1, 2}, {0, 1}, {0, 1}, {0, 1, 2, 3}},
                List.of(new TableConstraint("b1 needs c1", new int[] {1, 2}, new int[][] {{0, 0}, {0, 1}, {1, 1}}, true),
                        new TableConstraint("a2 excludes d3", new int[] {0, 3}, new int[][] {{2, 3}}, false)));
        SolutionSpace space = SolutionSpace.compile(shirt);
        Path saved = dir.resolve("shirt.space");
        space.save(saved);
        int u = ConfigurableProduct.UNSET;
        ModelFileFuzzer.Outcome outcome = ModelFileFuzzer.run(saved, dir.resolve("shirt.fuzzed"), SolutionSpace::load,
                loaded -> assertEquals(space.solutionCount(), loaded.solutionCount()),
                loaded -> {
                    loaded.solutionCount();
                    int n = loaded.variables().size();
                    int[] partial = new int[n];
                    java.util.Arrays.fill(partial, u);
                    loaded.validValues(partial);
                    loaded.isConsistent(partial);
                    partial[0] = 1;
                    loaded.validValues(partial);
                    loaded.bestCompletion(partial, new double[n][]);
                }, 16, 300);
        assertTrue(outcome.refused() > 0, outcome.toString());
        System.out.println("model file fuzz, solution space: " + outcome);
    }
}
