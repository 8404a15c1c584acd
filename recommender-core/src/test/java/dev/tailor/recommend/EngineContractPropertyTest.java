package dev.tailor.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.als.FactorModel;
import dev.tailor.recommend.als.ImplicitAls;
import dev.tailor.recommend.ease.Ease;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.Rp3Beta;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.popular.RandomItems;

/**
 * The {@link Recommender} contract, checked on seeded random logs (sparse and dense, few and many items,
 * duplicates, returns) for every engine, with filters and extreme settings: no duplicates, no owned or
 * filtered item, exactly min(n, available) items, scores non-increasing with ties by id; batch scoring
 * equals single scoring; the interaction matrix equals a naive map-based build; results do not depend on
 * the number of threads over data that spans many work blocks.
 */
class EngineContractPropertyTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int CASES = 12 * Math.max(1, Integer.getInteger("tailor.fuzz.scale", 1));

    private static EventLog randomLog(SplittableRandom random) {
        int customers = 1 + random.nextInt(120);
        int items = 1 + random.nextInt(60);
        int events = random.nextInt(customers * 8 + 1);
        EventLog.Builder b = EventLog.builder();
        EventKind[] kinds = {EventKind.PURCHASE, EventKind.VIEW, EventKind.RENT, EventKind.RETURN, EventKind.CART};
        // Skewed popularity: a few items get most events, so ties and empty columns both occur.
        for (int e = 0; e < events; e++) {
            int item = (int) Math.floor(items * Math.pow(random.nextDouble(), 2));
            b.add(new Event("c" + random.nextInt(customers), "i" + item, START.plusSeconds(3600L * random.nextInt(5000)),
                    kinds[random.nextInt(kinds.length)], 1 + random.nextInt(3), 0, Double.NaN, FitFeedback.NONE, null));
        }
        if (events == 0) {
            b.add(new Event("c0", "i0", START, EventKind.PURCHASE, 1, 0, Double.NaN, FitFeedback.NONE, null));
        }
        return b.build();
    }

    private static List<RecommenderTrainer> trainers(SplittableRandom random) {
        return List.of(MostPopular.overall(), RandomItems.withSeed(random.nextLong()),
                ItemKnn.builder().neighbours(1 + random.nextInt(30)).shrink(random.nextInt(3) * 10).build(),
                ItemKnn.builder().similarity(ItemKnn.Similarity.LOG_LIKELIHOOD).pruning(ItemKnn.Pruning.SOURCE).build(),
                Rp3Beta.builder().alpha(random.nextBoolean() ? 1 : 25).beta(random.nextDouble()).build(),
                ImplicitAls.builder().factors(1 + random.nextInt(6)).iterations(2).build(),
                Ease.builder().lambda(random.nextBoolean() ? 1 : 500).build());
    }

    /** Every property of one list. */
    private static void checkList(Recommender model, SparseMatrix owned, int customer, int n, Exclusions exclusions,
            String what) {
        RecommendationList list = model.recommend(customer, n, exclusions);
        int items = model.itemCount();
        Set<Integer> seen = new HashSet<>();
        int available = 0;
        for (int i = 0; i < items; i++) {
            if (!excluded(owned, customer, i, exclusions)) {
                available++;
            }
        }
        assertEquals(Math.min(n, available), list.size(), what + ": length");
        for (int r = 0; r < list.size(); r++) {
            int item = list.item(r);
            assertTrue(item >= 0 && item < items, what + ": item in range");
            assertTrue(seen.add(item), what + ": no duplicate");
            assertTrue(!excluded(owned, customer, item, exclusions), what + ": excluded item " + item);
            if (r > 0) {
                float before = list.score(r - 1);
                float now = list.score(r);
                assertTrue(before > now || (before == now && (list.item(r - 1) < item || before == 0f)),
                        what + ": order at rank " + r + " (" + before + ", " + now + ")");
            }
        }
    }

    private static boolean excluded(SparseMatrix owned, int customer, int item, Exclusions exclusions) {
        if (exclusions.businessFilter().map(f -> f.excludes(item)).orElse(false)) {
            return true;
        }
        if (!exclusions.excludesOwned() || customer >= owned.rows()) {
            return false;
        }
        for (int p = owned.rowStart(customer); p < owned.rowEnd(customer); p++) {
            if (owned.column(p) == item) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyEngineKeepsTheContractOnRandomLogs() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int c = 0; c < CASES; c++) {
            EventLog log = randomLog(random);
            TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
            SparseMatrix owned = data.matrix().byCustomer();
            for (RecommenderTrainer trainer : trainers(random)) {
                Recommender model = trainer.train(data);
                int filterMod = 2 + random.nextInt(4);
                List<Exclusions> exclusions = List.of(Exclusions.owned(), Exclusions.none(),
                        Exclusions.owned().and(i -> i % filterMod == 0));
                for (int customer : new int[] {0, random.nextInt(log.customers().size()), log.customers().size(),
                        Integer.MAX_VALUE - 1}) {
                    for (int n : new int[] {0, 1, 5, model.itemCount(), Integer.MAX_VALUE}) {
                        for (Exclusions e : exclusions) {
                            checkList(model, owned, customer, n, e, "case " + c + ", " + trainer.name() + ", customer "
                                    + customer + ", n " + n);
                        }
                    }
                }
                if (model instanceof FactorModel factors) {
                    int[] ids = new int[log.customers().size() + 2];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = i;
                    }
                    RecommendationList[] batch = factors.recommendAll(ids, 7, Exclusions.owned(), dev.tailor.concurrent.Workers.defaults().withThreads(2));
                    for (int i = 0; i < ids.length; i++) {
                        RecommendationList single = factors.recommend(ids[i], 7, Exclusions.owned());
                        assertArrayEquals(single.items(), batch[i].items(), "batch and single, customer " + i);
                        assertArrayEquals(single.scores(), batch[i].scores(), "batch and single, customer " + i);
                    }
                }
            }
        }
    }

    /** The properties of a list scored from a history passed in: owned items are the history's. */
    private static void checkHistoryList(Recommender model, CustomerHistory history, int n, Exclusions exclusions,
            String what) {
        RecommendationList list = model.recommend(history, n, exclusions);
        ItemFilter excluded = exclusions.forHistory(history);
        int available = 0;
        for (int i = 0; i < model.itemCount(); i++) {
            available += excluded.excludes(i) ? 0 : 1;
        }
        assertEquals(Math.min(n, available), list.size(), what + ": length");
        assertEquals(-1, list.customer(), what + ": a history's list belongs to no customer id");
        Set<Integer> seen = new HashSet<>();
        for (int r = 0; r < list.size(); r++) {
            assertTrue(seen.add(list.item(r)), what + ": no duplicate");
            assertTrue(!excluded.excludes(list.item(r)), what + ": excluded item " + list.item(r));
            if (r > 0) {
                float before = list.score(r - 1);
                float now = list.score(r);
                assertTrue(before > now || (before == now && (list.item(r - 1) < list.item(r) || before == 0f)),
                        what + ": order at rank " + r);
            }
        }
    }

    @Test
    void aHistoryPassedInScoresLikeTheTrainedSnapshotAndALiveEventChangesTheAnswer() {
        SplittableRandom random = new SplittableRandom(404);
        int changed = 0;
        for (int c = 0; c < CASES; c++) {
            EventLog log = randomLog(random);
            TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
            for (RecommenderTrainer trainer : trainers(random)) {
                Recommender model = trainer.train(data);
                for (int customer : new int[] {0, random.nextInt(log.customers().size()), log.customers().size()}) {
                    CustomerHistory snapshot = model.history(customer);
                    String what = "case " + c + ", " + trainer.name() + ", customer " + customer;
                    for (Exclusions e : List.of(Exclusions.owned(), Exclusions.none(), Exclusions.owned().and(i -> i % 3 == 0))) {
                        RecommendationList byId = model.recommend(customer, 10, e);
                        if (!(model instanceof FactorModel) && !trainer.name().equals("random")) {
                            RecommendationList byHistory = model.recommend(snapshot, 10, e);
                            assertArrayEquals(byId.items(), byHistory.items(), what + ": snapshot items");
                            assertArrayEquals(byId.scores(), byHistory.scores(), what + ": snapshot scores");
                        }
                        checkHistoryList(model, snapshot, 10, e, what + ", snapshot");
                    }
                    // A live event: an item the customer did not have, recorded after training.
                    int fresh = random.nextInt(model.itemCount());
                    CustomerHistory live = snapshot.plus(fresh, 1f);
                    assertTrue(live.contains(fresh));
                    RecommendationList after = model.recommend(live, model.itemCount(), Exclusions.owned());
                    for (int r = 0; r < after.size(); r++) {
                        assertTrue(after.item(r) != fresh, what + ": the item just recorded is owned now");
                    }
                    checkHistoryList(model, live, 5, Exclusions.owned().and(i -> i % 2 == 1), what + ", live");
                    if (!snapshot.contains(fresh) && !java.util.Arrays.equals(
                            model.recommend(snapshot, model.itemCount(), Exclusions.none()).scores(),
                            model.recommend(live, model.itemCount(), Exclusions.none()).scores())) {
                        changed++;
                    }
                }
            }
        }
        assertTrue(changed > CASES, "live events change the scores of the personalized engines (" + changed + ")");
    }

    @Test
    void theInteractionMatrixEqualsANaiveMapBasedBuild() {
        SplittableRandom random = new SplittableRandom(7);
        WeightingPolicy policy = WeightingPolicy.defaults();
        for (int c = 0; c < CASES; c++) {
            EventLog log = randomLog(random);
            InteractionMatrix matrix = InteractionMatrix.build(log, policy);
            // Naive: a map from (customer, item) to the summed weights of its events, written from the
            // policy's documented rules (kind weights, bad-fit returns, log-scaled repeats; no decay here).
            Map<Long, Double> naive = new HashMap<>();
            for (int e = 0; e < log.size(); e++) {
                double w = log.kind(e) == EventKind.RETURN && log.fit(e).isBadFit() ? policy.badFitReturnWeight()
                        : policy.kindWeight(log.kind(e));
                naive.merge(((long) log.customer(e) << 32) | log.item(e), w, Double::sum);
            }
            Map<Long, Float> expected = new HashMap<>();
            naive.forEach((key, sum) -> {
                if (sum != 0.0) {
                    double scaled = !policy.logScaleRepeats() ? sum
                            : sum >= 0 ? Math.log(1 + sum) / Math.log(2) : -Math.log(1 - sum) / Math.log(2);
                    expected.put(key, (float) scaled);
                }
            });
            SparseMatrix byCustomer = matrix.byCustomer();
            SparseMatrix byItem = matrix.byItem();
            Map<Long, Float> actual = new HashMap<>();
            for (int u = 0; u < byCustomer.rows(); u++) {
                for (int p = byCustomer.rowStart(u); p < byCustomer.rowEnd(u); p++) {
                    actual.put(((long) u << 32) | byCustomer.column(p), byCustomer.value(p));
                }
            }
            assertEquals(expected.size(), actual.size(), "case " + c + ": stored pairs");
            expected.forEach((key, value) -> assertEquals(value, actual.get(key), 1e-6f, "pair " + key));
            Map<Long, Float> transposed = new HashMap<>();
            for (int i = 0; i < byItem.rows(); i++) {
                for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                    transposed.put(((long) byItem.column(p) << 32) | i, byItem.value(p));
                }
            }
            assertEquals(actual, transposed, "case " + c + ": the item view is the transpose");
        }
    }

    @Test
    void trainingDoesNotDependOnTheNumberOfThreadsOverManyBlocks() {
        // 700 customers x 300 items: many work blocks of every parallel step (64-row ALS blocks, chunks).
        SplittableRandom random = new SplittableRandom(11);
        EventLog.Builder b = EventLog.builder();
        for (int e = 0; e < 20_000; e++) {
            b.add(new Event("c" + random.nextInt(700), "i" + (int) Math.floor(300 * Math.pow(random.nextDouble(), 1.5)),
                    START.plusSeconds(60L * e), EventKind.PURCHASE, 1, 0, Double.NaN, FitFeedback.NONE, null));
        }
        EventLog log = b.build();
        TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
        List<java.util.function.IntFunction<RecommenderTrainer>> byThreads = List.of(
                t -> ItemKnn.builder().threads(t).build(), t -> Rp3Beta.builder().threads(t).build(),
                t -> ImplicitAls.builder().factors(8).iterations(3).seed(3).threads(t).build(),
                t -> Ease.builder().threads(t).build());
        for (var trainer : byThreads) {
            Recommender one = trainer.apply(1).train(data);
            Recommender four = trainer.apply(4).train(data);
            for (int customer = 0; customer < log.customers().size(); customer += 13) {
                assertArrayEquals(one.recommend(customer, 10).items(), four.recommend(customer, 10).items(), one.name());
                assertArrayEquals(one.recommend(customer, 10).scores(), four.recommend(customer, 10).scores(), one.name());
            }
        }
    }
}
