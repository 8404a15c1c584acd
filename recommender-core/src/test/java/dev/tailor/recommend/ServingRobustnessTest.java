package dev.tailor.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.als.ImplicitAls;
import dev.tailor.recommend.ease.Ease;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.Rp3Beta;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import dev.tailor.recommend.popular.MostPopular;

/** Serving faults independent testing found (issue #12, items 15 to 17, and the similarity-rounding bug). */
class ServingRobustnessTest {
    private static final EventLog LOG = TestLogs.twoTasteGroups();
    private static final TrainingData DATA = TrainingData.of(LOG, WeightingPolicy.defaults());

    private static List<RecommenderTrainer> trainers() {
        return List.of(ItemKnn.builder().neighbours(5).build(), Rp3Beta.builder().build(),
                ImplicitAls.builder().factors(4).iterations(3).build(), Ease.builder().lambda(10).build(),
                MostPopular.overall());
    }

    /** A business filter that fails on its n-th question, as a stock service that goes down. */
    private static ItemFilter failingAfter(int questions) {
        int[] asked = {0};
        return item -> {
            if (++asked[0] >= questions) {
                throw new IllegalStateException("stock service down");
            }
            return false;
        };
    }

    @Test
    void aFilterThatThrowsLeavesNothingBehindForTheThreadsNextCall() {
        for (RecommenderTrainer trainer : trainers()) {
            Recommender model = trainer.train(DATA);
            for (int c = 0; c < LOG.customers().size(); c++) {
                RecommendationList clean = model.recommend(c, 5);
                for (int failAt = 1; failAt <= 4; failAt++) {
                    ItemFilter failing = failingAfter(failAt);
                    int customer = (c + 7) % LOG.customers().size();
                    try {
                        model.recommend(customer, 5, Exclusions.owned().and(failing));
                    } catch (IllegalStateException expected) {
                        // The filter's failure reaches the caller as it is.
                    }
                    RecommendationList again = model.recommend(c, 5);
                    assertArrayEquals(clean.items(), again.items(), trainer.name() + ", customer " + c);
                    assertArrayEquals(clean.scores(), again.scores(), trainer.name() + ", customer " + c);
                }
            }
        }
    }

    @Test
    void externalIdsWorkForKnownAndUnknownCustomers() {
        for (RecommenderTrainer trainer : trainers()) {
            Recommender model = trainer.train(DATA);
            String known = LOG.customers().externalId(5);
            assertArrayEquals(model.recommend(5, 4).items(), model.recommend(known, 4, Exclusions.owned()).items());
            RecommendationList cold = model.recommend("a customer never seen", 4, Exclusions.owned());
            assertEquals(4, cold.size(), trainer.name() + ": a new customer gets the cold-start answer");
        }
    }

    @Test
    void modelsKeepFrozenCopiesOfTheirIdsSoLaterIngestionCannotReachThem() {
        EventLog.Builder growing = EventLog.builder();
        for (int e = 0; e < LOG.size(); e++) {
            growing.add(LOG.event(e));
        }
        EventLog log = growing.build();
        var model = (dev.tailor.recommend.neighbourhood.NeighbourhoodModel) dev.tailor.recommend.neighbourhood.ItemKnn.builder()
                .build().train(TrainingData.of(log, WeightingPolicy.defaults()));
        int before = model.items().size();
        log.items().idOf("an item ingested while the model serves");
        assertEquals(before, model.items().size());
        assertTrue(model.items().isFrozen() && model.customers().isFrozen());
        assertEquals(log.items().externalId(3), model.items().externalId(3), "same dense ids as the log's");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> model.items().idOf("new"));
        IdIndex sorted = IdIndex.sorted(java.util.List.of("b", "c", "a", "b"));
        assertEquals(java.util.List.of("a", "b", "c"), java.util.List.of(sorted.externalId(0), sorted.externalId(1),
                sorted.externalId(2)));
        assertEquals(-1, sorted.find(null));
    }

    @Test
    void everyEngineWithACapabilityAnswersThroughItsInterface() {
        int similarCapable = 0;
        int explaining = 0;
        for (RecommenderTrainer trainer : trainers()) {
            Recommender model = trainer.train(DATA);
            if (model instanceof Recommender.ItemSimilarity similar) {
                RecommendationList like = similar.similarItems(2, 5);
                for (int r = 0; r < like.size(); r++) {
                    assertTrue(like.item(r) != 2, trainer.name() + ": an item is not its own neighbour");
                }
                assertTrue(like.size() > 0, trainer.name() + ": claims item similarity, finds none for item 2");
                similarCapable++;
            }
            if (!(model instanceof Recommender.Explainable explainable)) {
                continue;
            }
            boolean explained = false;
            for (int c = 0; c < 40; c += 7) {
                CustomerHistory history = model.history(c);
                RecommendationList list = model.recommend(history, 3, Exclusions.owned());
                for (int r = 0; r < list.size(); r++) {
                    double sum = 0;
                    for (Contribution why : explainable.because(history, list.item(r))) {
                        assertTrue(history.contains(why.historyItem()), trainer.name() + ": evidence comes from the history");
                        sum += why.contribution();
                        explained = true;
                    }
                    // Positive contributions explain at least the score (EASE and ALS may also have negative ones).
                    if (list.score(r) > 0 && !explainable.because(history, list.item(r)).isEmpty()) {
                        assertTrue(sum + 1e-4 >= list.score(r), trainer.name() + ": " + sum + " < " + list.score(r));
                    }
                }
            }
            assertTrue(explained, trainer.name() + ": claims to explain, explained nothing");
            explaining++;
        }
        assertEquals(4, similarCapable, "kNN, RP3beta, ALS and EASE know similar items; popularity does not");
        assertEquals(4, explaining, "kNN, RP3beta, ALS and EASE explain their scores; popularity does not");
    }

    @Test
    void absurdListLengthsAreClampedToTheCatalog() {
        for (RecommenderTrainer trainer : trainers()) {
            Recommender model = trainer.train(DATA);
            for (int c : new int[] {0, 25, 1_000_000}) {
                RecommendationList all = model.recommend(c, Integer.MAX_VALUE, Exclusions.none());
                assertTrue(all.size() <= model.itemCount(), trainer.name());
                assertEquals(0, model.recommend(c, 0).size(), trainer.name());
            }
        }
    }

    @Test
    void rp3betaWithLargeAlphaOnIdenticalCustomersScoresWithoutDuplicates() {
        // Similarities (p^alpha) round to zero in float: items must still be touched once each.
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < 60; c++) {
            for (int i = 0; i < 10; i++) {
                lines.add("c" + c + " i" + i + " " + (c + i));
            }
        }
        lines.add("solo i10 1");
        EventLog log = TestLogs.of(lines.toArray(new String[0]));
        TrainingData data = TrainingData.of(log, WeightingPolicy.defaults());
        Recommender model = Rp3Beta.builder().alpha(25).build().train(data);
        for (int c = 0; c < log.customers().size(); c++) {
            RecommendationList list = model.recommend(c, 11, Exclusions.none());
            assertEquals(list.size(), java.util.Arrays.stream(list.items()).distinct().count());
        }
    }

    @Test
    void aSwappedOutModelIsNotKeptAliveByTheThreadsThatScoredWithIt() throws InterruptedException {
        for (RecommenderTrainer trainer : List.of(ItemKnn.builder().build(), Ease.builder().lambda(10).build())) {
            Recommender model = trainer.train(DATA);
            model.recommend(3, 5);
            WeakReference<Recommender> gone = new WeakReference<>(model);
            model = null;
            for (int i = 0; i < 20 && gone.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertNull(gone.get(), trainer.name() + ": the scoring thread still holds the old model");
        }
    }

    /** One served model with its own indexes, answering in external ids. */
    private record Served(Recommender model, IdIndex customers, IdIndex items) {
        List<String> answer(String customer, ItemFilter extra) {
            int dense = customers.find(customer);
            ItemFilter byExternal = item -> items.externalId(item).hashCode() % 5 == 0;
            Exclusions exclusions = Exclusions.owned().and(extra == null ? byExternal : item -> byExternal.excludes(item) || extra.excludes(item));
            RecommendationList list = model.recommend(dense < 0 ? Integer.MAX_VALUE : dense, 8, exclusions);
            List<String> out = new ArrayList<>();
            for (int r = 0; r < list.size(); r++) {
                out.add(items.externalId(list.item(r)) + "=" + list.score(r));
            }
            return out;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void manyThreadsScoreWhileModelsWithShiftedIdsAreSwappedAndFiltersThrow() throws Exception {
        int threads = 8;
        int callsPerThread = 20_000 * Math.max(1, Integer.getInteger("tailor.fuzz.scale", 1));
        for (RecommenderTrainer trainer : List.of(ItemKnn.builder().neighbours(5).build(), Ease.builder().lambda(10).build(),
                ImplicitAls.builder().factors(4).iterations(3).build())) {
            EventLog logA = LOG;
            EventLog logB = TestLogs.shuffledSubset(LOG, 99);
            Served a = new Served(trainer.train(TrainingData.of(logA, WeightingPolicy.defaults())), logA.customers(), logA.items());
            Served b = new Served(trainer.train(TrainingData.of(logB, WeightingPolicy.defaults())), logB.customers(), logB.items());
            List<String> customers = new ArrayList<>();
            for (int c = 0; c < logA.customers().size(); c++) {
                customers.add(logA.customers().externalId(c));
            }
            customers.add("nobody");
            Map<String, List<String>> expectedA = new HashMap<>();
            Map<String, List<String>> expectedB = new HashMap<>();
            for (String customer : customers) {
                expectedA.put(customer, a.answer(customer, null));
                expectedB.put(customer, b.answer(customer, null));
            }
            AtomicReference<Served> served = new AtomicReference<>(a);
            AtomicLong thrown = new AtomicLong();
            SwapLoad.Outcome outcome;
            try {
                outcome = SwapLoad.run(threads, callsPerThread, 6, () -> served.set(served.get() == a ? b : a), (random, call) -> {
                    String customer = customers.get(random.nextInt(customers.size()));
                    Served s = served.get();
                    if (call % 50 == 7) {
                        assertThrows(IllegalStateException.class, () -> s.answer(customer, failingAfter(2)));
                        thrown.incrementAndGet();
                        return;
                    }
                    List<String> answer = s.answer(customer, null);
                    List<String> expected = (s == a ? expectedA : expectedB).get(customer);
                    if (!answer.equals(expected)) {
                        throw new AssertionError(customer + ": " + answer + " is not what its model gives: " + expected);
                    }
                });
            } catch (AssertionError e) {
                throw new AssertionError(trainer.name() + ": " + e.getMessage(), e);
            }
            assertTrue(outcome.calls() >= (long) threads * callsPerThread);
            assertTrue(outcome.swaps() >= 6, "swaps: " + outcome.swaps());
            assertTrue(thrown.get() > 0);
            assertTrue(!expectedA.equals(expectedB), "the two model sets must differ for the test to mean anything");
        }
    }
}
