package dev.tailor.mahout;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.SwapLoad;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.IDRescorer;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TailorAsTaste#refresh} under load (issue #12, item 14): a retrained model numbers its items
 * differently, so every answer must come from one model with its own indexes — never the new model read
 * through the old ids.
 */
class TasteSwapUnderLoadTest {
    /** A rescorer that keeps scores and filters by the given test. */
    private static IDRescorer filtering(java.util.function.LongPredicate filtered) {
        return new IDRescorer() {
            @Override
            public double rescore(long id, double originalScore) {
                return originalScore;
            }

            @Override
            public boolean isFiltered(long id) {
                return filtered.test(id);
            }
        };
    }

    private static List<String> answer(TailorAsTaste taste, long user, IDRescorer rescorer) throws TasteException {
        List<String> out = new ArrayList<>();
        for (RecommendedItem item : taste.recommend(user, 6, rescorer)) {
            out.add(item.getItemID() + "=" + item.getValue());
        }
        return out;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void refreshesWithRetrainedModelsNeverMixTheirIds() throws Exception {
        DataModel dataModel = TasteInteropTest.tasteModel();
        EventLog logA = TasteDataModels.toEventLog(dataModel, EventKind.PURCHASE);
        EventLog logB = TestLogs.shuffledSubset(logA, 7);
        TailorAsTaste.IndexedModel a = new TailorAsTaste.IndexedModel(
                ItemKnn.builder().neighbours(5).build().train(TrainingData.of(logA, WeightingPolicy.defaults())),
                logA.customers(), logA.items());
        TailorAsTaste.IndexedModel b = new TailorAsTaste.IndexedModel(
                ItemKnn.builder().neighbours(5).build().train(TrainingData.of(logB, WeightingPolicy.defaults())),
                logB.customers(), logB.items());
        IDRescorer evenOnly = filtering(id -> id % 2 == 1);
        TailorAsTaste onlyA = new TailorAsTaste(a.model(), a.customers(), a.items(), dataModel, null);
        TailorAsTaste onlyB = new TailorAsTaste(b.model(), b.customers(), b.items(), dataModel, null);
        List<Long> users = new ArrayList<>();
        for (int c = 0; c < logA.customers().size(); c++) {
            users.add(Long.parseLong(logA.customers().externalId(c)));
        }
        users.add(999_999L);
        Map<Long, List<String>> expectedA = new HashMap<>();
        Map<Long, List<String>> expectedB = new HashMap<>();
        Map<Long, List<String>> filteredA = new HashMap<>();
        Map<Long, List<String>> filteredB = new HashMap<>();
        for (long user : users) {
            expectedA.put(user, answer(onlyA, user, null));
            expectedB.put(user, answer(onlyB, user, null));
            filteredA.put(user, answer(onlyA, user, evenOnly));
            filteredB.put(user, answer(onlyB, user, evenOnly));
        }
        assertTrue(!expectedA.equals(expectedB), "the retrained model must answer differently");

        AtomicBoolean nextIsB = new AtomicBoolean(true);
        TailorAsTaste served = new TailorAsTaste(a.model(), a.customers(), a.items(), dataModel,
                () -> nextIsB.getAndSet(!nextIsB.get()) ? b : a);
        int threads = 8;
        int calls = 10_000 * Math.max(1, Integer.getInteger("tailor.fuzz.scale", 1));
        SwapLoad.Outcome outcome = SwapLoad.run(threads, calls, 6, () -> served.refresh(null), (random, call) -> {
            long user = users.get(random.nextInt(users.size()));
            if (call % 40 == 3) {
                IDRescorer failing = filtering(id -> {
                    throw new IllegalStateException("stock service down");
                });
                assertThrows(IllegalStateException.class, () -> served.recommend(user, 6, failing));
                return;
            }
            boolean filter = call % 2 == 0;
            List<String> got = answer(served, user, filter ? evenOnly : null);
            boolean fromA = got.equals((filter ? filteredA : expectedA).get(user));
            boolean fromB = got.equals((filter ? filteredB : expectedB).get(user));
            if (!fromA && !fromB) {
                throw new AssertionError("user " + user + " got " + got + ", which neither model gives");
            }
        });
        assertTrue(outcome.swaps() >= 6);
    }
}
