package dev.tailor.recommend.neighbourhood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.TrainingData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemKnnTest {
    /*
     * Customers × items (binary): a {x, y}, b {x, y, z}, c {x, z}, d {w}.
     * |U(x)| = 3, |U(y)| = 2, |U(z)| = 2, |U(w)| = 1; x∩y = 2, x∩z = 2, y∩z = 1.
     */
    private static final EventLog LOG = TestLogs.of("a x 0", "a y 0", "b x 0", "b y 0", "b z 0", "c x 0", "c z 0", "d w 0");
    private static final TrainingData DATA = TrainingData.of(LOG, WeightingPolicy.defaults());

    private static int id(String item) {
        return LOG.items().find(item);
    }

    private static float similarity(NeighbourhoodModel model, String from, String to) {
        RecommendationList similar = model.similarItems(id(from), 10);
        for (int r = 0; r < similar.size(); r++) {
            if (similar.item(r) == id(to)) {
                return similar.score(r);
            }
        }
        return 0f;
    }

    private static NeighbourhoodModel train(ItemKnn.Similarity similarity) {
        return ItemKnn.builder().similarity(similarity).shrink(0).neighbours(10).threads(2).build().train(DATA);
    }

    @Test
    void cosineJaccardAndAsymmetricCosineMatchHandComputedValues() {
        NeighbourhoodModel cosine = train(ItemKnn.Similarity.COSINE);
        assertEquals(2 / Math.sqrt(3 * 2), similarity(cosine, "x", "y"), 1e-6);
        assertEquals(1 / Math.sqrt(2 * 2), similarity(cosine, "y", "z"), 1e-6);
        NeighbourhoodModel jaccard = train(ItemKnn.Similarity.JACCARD);
        assertEquals(2.0 / (3 + 2 - 2), similarity(jaccard, "x", "y"), 1e-6);
        assertEquals(1.0 / (2 + 2 - 1), similarity(jaccard, "y", "z"), 1e-6);
        NeighbourhoodModel asymmetric = ItemKnn.builder().similarity(ItemKnn.Similarity.ASYMMETRIC_COSINE).alpha(0.8)
                .shrink(0).build().train(DATA);
        assertEquals(2 / (Math.pow(3, 0.8) * Math.pow(2, 0.2)), similarity(asymmetric, "x", "y"), 1e-6);
        assertEquals(2 / (Math.pow(2, 0.8) * Math.pow(3, 0.2)), similarity(asymmetric, "y", "x"), 1e-6);
        assertEquals(0f, similarity(cosine, "x", "w"), "items without shared customers are not neighbours");
    }

    @Test
    void logLikelihoodRatioMatchesTheG2FormulaComputedIndependently() {
        // Reference values from 2·Σ O·ln(O/E) over the 2×2 table (a different formula than the entropy form).
        assertEquals(2.772588722239781, ItemKnn.logLikelihoodRatio(1, 0, 0, 1), 1e-9);
        assertEquals(27.725887222397812, ItemKnn.logLikelihoodRatio(10, 0, 0, 10), 1e-9);
        assertEquals(39.33052165490081, ItemKnn.logLikelihoodRatio(5, 1995, 0, 100000), 1e-7);
        assertEquals(4730.7368130612485, ItemKnn.logLikelihoodRatio(1000, 1995, 1000, 100000), 1e-6);
        assertEquals(8.303890039033039, ItemKnn.logLikelihoodRatio(3, 7, 2, 88), 1e-9);
        NeighbourhoodModel llr = train(ItemKnn.Similarity.LOG_LIKELIHOOD);
        // x, y over N = 4 customers: k11 = 2, k12 = 1, k21 = 0, k22 = 1.
        double g2 = ItemKnn.logLikelihoodRatio(2, 1, 0, 1);
        assertEquals(1 - 1 / (1 + g2), similarity(llr, "x", "y"), 1e-6);
    }

    @Test
    void shrinkageDampsSimilaritiesOnFewCustomers() {
        NeighbourhoodModel shrunk = ItemKnn.builder().similarity(ItemKnn.Similarity.JACCARD).shrink(2).build().train(DATA);
        assertEquals(2.0 / 3 * 2 / (2 + 2), similarity(shrunk, "x", "y"), 1e-6);
    }

    @Test
    void scoresSumSimilaritiesFromTheHistoryAndExplainThem() {
        NeighbourhoodModel model = train(ItemKnn.Similarity.JACCARD);
        int a = LOG.customers().find("a");
        RecommendationList list = model.recommend(a, 2);
        assertEquals(id("z"), list.item(0));
        // a has x and y: sim(x→z) + sim(y→z) = 2/3 + 1/3.
        assertEquals(1.0, list.score(0), 1e-6);
        assertEquals(id("w"), list.item(1), "the list is filled from popularity");
        List<Contribution> why = model.because(a, id("z"));
        assertEquals(2, why.size());
        assertEquals(id("x"), why.get(0).historyItem());
        assertEquals(2.0 / 3, why.get(0).contribution(), 1e-6);
        assertTrue(model.because(a, id("w")).isEmpty());
    }

    @Test
    void coldCustomersGetPopularItemsAndNeighbourListsAreCappedAtK() {
        NeighbourhoodModel model = ItemKnn.builder().neighbours(1).build().train(DATA);
        assertEquals(3, model.similarityCount(), "x, y, z keep one neighbour each; w has none");
        assertArrayEquals(new int[] {id("x"), id("y"), id("z"), id("w")}, model.recommend(99, 4, Exclusions.none()).items());
        assertThrows(IllegalArgumentException.class, () -> ItemKnn.builder().neighbours(0));
        assertThrows(IllegalArgumentException.class, () -> ItemKnn.builder().alpha(1.5));
        IllegalArgumentException contradiction = assertThrows(IllegalArgumentException.class,
                () -> ItemKnn.builder().alpha(0.7).build());
        assertTrue(contradiction.getMessage().contains("alpha(0.7)") && contradiction.getMessage().contains("COSINE"),
                contradiction.getMessage());
    }

    @Test
    void rp3BetaWalksThreeStepsAndPenalizesPopularity() {
        NeighbourhoodModel model = Rp3Beta.builder().alpha(1).beta(0.5).build().train(DATA);
        // sim(y → x) = Σ_u P(y→u)·P(u→x) / deg(x)^0.5 over u ∈ {a, b}: (1/2·1/2 + 1/2·1/3) / √3.
        assertEquals((0.25 + 1.0 / 6) / Math.sqrt(3), similarity(model, "y", "x"), 1e-6);
        NeighbourhoodModel noPenalty = Rp3Beta.builder().beta(0).build().train(DATA);
        assertEquals(0.25 + 1.0 / 6, similarity(noPenalty, "y", "x"), 1e-6);
    }

    @Test
    void similaritiesDoNotDependOnTheNumberOfThreads() {
        NeighbourhoodModel one = ItemKnn.builder().threads(1).build().train(DATA);
        NeighbourhoodModel four = ItemKnn.builder().threads(4).build().train(DATA);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(one.recommend(c, 4).items(), four.recommend(c, 4).items());
            assertArrayEquals(one.recommend(c, 4).scores(), four.recommend(c, 4).scores());
        }
    }

    @Test
    void targetPruningScoresEveryCandidateFromItsOwnNearestItems() {
        EventLog log = dev.tailor.data.TestLogs.twoTasteGroups();
        TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
        int items = log.items().size();
        for (ItemKnn.Similarity similarity : List.of(ItemKnn.Similarity.COSINE, ItemKnn.Similarity.ASYMMETRIC_COSINE)) {
            ItemKnn.Builder builder = ItemKnn.builder().similarity(similarity).shrink(0).threads(2);
            if (similarity == ItemKnn.Similarity.ASYMMETRIC_COSINE) {
                builder.alpha(0.3);
            }
            NeighbourhoodModel full = builder.neighbours(items).pruning(ItemKnn.Pruning.SOURCE).build().train(data);
            NeighbourhoodModel pruned = builder.neighbours(3).pruning(ItemKnn.Pruning.TARGET).build().train(data);
            // sim[i][j]: the evidence item i gives item j, from the unpruned model.
            float[][] sim = new float[items][items];
            for (int i = 0; i < items; i++) {
                RecommendationList row = full.similarItems(i, items);
                for (int r = 0; r < row.size(); r++) {
                    sim[i][row.item(r)] = row.score(r);
                }
            }
            var history = data.matrix().byCustomer();
            for (int c = 0; c < log.customers().size(); c++) {
                RecommendationList got = pruned.recommend(c, items, dev.tailor.recommend.Exclusions.none());
                for (int r = 0; r < got.size(); r++) {
                    int j = got.item(r);
                    // The 3 items with the largest evidence for j (ties by id), whatever the customer has.
                    int target = j;
                    List<Integer> nearest = java.util.stream.IntStream.range(0, items).filter(i -> i != target && sim[i][target] > 0)
                            .boxed().sorted((a, b) -> sim[b][target] != sim[a][target] ? Float.compare(sim[b][target], sim[a][target])
                                    : Integer.compare(a, b)).limit(3).toList();
                    double expected = 0;
                    for (int p = history.rowStart(c); p < history.rowEnd(c); p++) {
                        if (history.value(p) > 0 && nearest.contains(history.column(p))) {
                            expected += history.value(p) * sim[history.column(p)][j];
                        }
                    }
                    assertEquals(expected, got.score(r), 1e-5, similarity + ", customer " + c + ", item " + j);
                }
            }
        }
    }
}
