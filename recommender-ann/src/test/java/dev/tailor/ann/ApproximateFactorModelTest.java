package dev.tailor.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.IdIndex;
import dev.tailor.io.ModelRegistry;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.als.FactorModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApproximateFactorModelTest {
    private static final int CUSTOMERS = 300;
    private static final int ITEMS = 6_000;
    private static final int K = 16;
    private static final FactorModel EXACT = clustered(11);
    private static final ApproximateFactorModel APPROXIMATE = ApproximateFactorModel.builder(EXACT).build();

    /** Item factors in 60 clusters with varying norms, customers near a few clusters, 20 owned items each. */
    static FactorModel clustered(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[60][K];
        for (float[] centre : centres) {
            for (int f = 0; f < K; f++) {
                centre[f] = (float) random.nextGaussian();
            }
        }
        float[] items = new float[ITEMS * K];
        for (int i = 0; i < ITEMS; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            double scale = 0.5 + random.nextDouble();
            for (int f = 0; f < K; f++) {
                items[i * K + f] = (float) (scale * (centre[f] + 0.5 * random.nextGaussian()));
            }
        }
        float[] customers = new float[CUSTOMERS * K];
        int[] rowPointers = new int[CUSTOMERS + 1];
        int[] columns = new int[CUSTOMERS * 20];
        float[] values = new float[columns.length];
        for (int c = 0; c < CUSTOMERS; c++) {
            float[] centre = centres[random.nextInt(centres.length)];
            for (int f = 0; f < K; f++) {
                customers[c * K + f] = (float) (centre[f] + 0.3 * random.nextGaussian());
            }
            int[] owned = random.ints(0, ITEMS).distinct().limit(20).sorted().toArray();
            System.arraycopy(owned, 0, columns, c * 20, 20);
            Arrays.fill(values, c * 20, c * 20 + 20, 1f);
            rowPointers[c + 1] = (c + 1) * 20;
        }
        IdIndex customerIds = new IdIndex();
        for (int c = 0; c < CUSTOMERS; c++) {
            customerIds.idOf("c" + c);
        }
        IdIndex itemIds = new IdIndex();
        for (int i = 0; i < ITEMS; i++) {
            itemIds.idOf("i" + i);
        }
        InteractionMatrix history = InteractionMatrix.of(customerIds, itemIds,
                new SparseMatrix(CUSTOMERS, ITEMS, rowPointers, columns, values), WeightingPolicy.defaults());
        return FactorModel.fromFactors("clustered", K, customers, items, history, 1, 1);
    }

    @Test
    void recallAtTenAgainstTheExactListsIsAtLeastNinetyFivePercentInBothGeometries() {
        ApproximateFactorModel reduction = ApproximateFactorModel.builder(EXACT)
                .geometry(ApproximateFactorModel.Geometry.EUCLIDEAN_REDUCTION).build();
        for (ApproximateFactorModel index : new ApproximateFactorModel[] {APPROXIMATE, reduction}) {
            double narrow = recall(index.withSearchWidth(100));
            double wide = recall(index.withSearchWidth(400));
            System.out.printf(java.util.Locale.ROOT, "%s: recall@10 %.4f at width 100, %.4f at 400%n", index.name(), narrow, wide);
            assertTrue(wide >= 0.95, index.name() + ": recall@10 " + wide);
            assertTrue(wide >= narrow - 0.01, "a wider search does not lose recall");
        }
    }

    private static double recall(ApproximateFactorModel index) {
        int found = 0;
        for (int c = 0; c < CUSTOMERS; c++) {
            int[] exact = EXACT.recommend(c, 10).items();
            RecommendationList approximate = index.recommend(c, 10);
            assertEquals(10, approximate.size());
            BitSet truth = new BitSet();
            Arrays.stream(exact).forEach(truth::set);
            for (int r = 0; r < approximate.size(); r++) {
                found += truth.get(approximate.item(r)) ? 1 : 0;
                assertEquals(EXACT.scoreVector(EXACT.customerFactors(c), approximate.item(r)), approximate.score(r), 0f,
                        "candidates are rescored exactly");
            }
        }
        return found / (10.0 * CUSTOMERS);
    }

    @Test
    void ownedAndFilteredItemsAreNeverOfferedAndListsStayFull() {
        for (int c = 0; c < CUSTOMERS; c += 7) {
            int customer = c;
            CustomerHistory mine = EXACT.history(customer);
            RecommendationList all = APPROXIMATE.recommend(customer, 30, Exclusions.owned().and(item -> item % 3 == 0));
            assertEquals(30, all.size());
            for (int item : all.items()) {
                assertTrue(!mine.contains(item) && item % 3 != 0, "item " + item + " for " + customer);
            }
            RecommendationList none = APPROXIMATE.recommend(customer, 5, Exclusions.owned().and(item -> true));
            assertEquals(0, none.size(), "everything filtered: the exact answer, empty");
        }
    }

    @Test
    void aHistoryIsFoldedInAndASavedModelLoadsAsAnApproximateModelAgain(@TempDir Path dir) throws Exception {
        CustomerHistory history = CustomerHistory.of(new int[] {3, 40, 500}, new float[] {1, 1, 2});
        RecommendationList exact = EXACT.recommend(history, 10, Exclusions.owned());
        RecommendationList approximate = APPROXIMATE.recommend(history, 10, Exclusions.owned());
        assertEquals(10, approximate.size());
        long common = Arrays.stream(approximate.items()).filter(i -> Arrays.stream(exact.items()).anyMatch(e -> e == i)).count();
        assertTrue(common >= 8, common + " of 10 in common");
        Path file = dir.resolve("model.tailor");
        APPROXIMATE.save(file);
        // Defect: the file used to hold a plain factor model, so the approximate model came back as the exact one.
        ApproximateFactorModel loaded = ModelRegistry.load(file, ApproximateFactorModel.class);
        assertEquals(APPROXIMATE.name(), loaded.name());
        assertEquals(APPROXIMATE.searchWidth(), loaded.searchWidth());
        org.junit.jupiter.api.Assertions.assertArrayEquals(EXACT.recommend(5, 10).items(), loaded.exact().recommend(5, 10).items());
        assertEquals(ApproximateFactorModel.class, ModelRegistry.load(file, dev.tailor.recommend.Recommender.class).getClass());
        assertThrows(dev.tailor.io.ModelFileException.class, () -> ModelRegistry.load(file, FactorModel.class));
        RecommendationList again = loaded.recommend(history, 10, Exclusions.owned());
        long same = Arrays.stream(again.items()).filter(i -> Arrays.stream(exact.items()).anyMatch(e -> e == i)).count();
        assertTrue(same >= 8, same + " of 10 in common with the exact list after loading");
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ApproximateFactorModel.builder(EXACT).degree(1));
        assertThrows(IllegalArgumentException.class, () -> ApproximateFactorModel.builder(EXACT).beamWidth(0));
        assertThrows(IllegalArgumentException.class, () -> ApproximateFactorModel.builder(EXACT).searchWidth(0));
    }
}
