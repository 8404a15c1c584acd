package dev.tailor.recommend.als;

import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.als.ImplicitAls.TrainingLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {
    private static final EventLog LOG = TestLogs.twoTasteGroups();
    private static final TrainingData DATA = TrainingData.of(LOG, WeightingPolicy.defaults());

    @Test
    void exactAlsNeverIncreasesTheLoss() {
        List<TrainingLoss> losses = new ArrayList<>();
        ImplicitAls.builder().factors(4).iterations(8).solver(AlsSolver.CHOLESKY).lambda(0.1).alpha(5).lossListener(losses::add).build().train(DATA);
        assertEquals(8, losses.size());
        for (int i = 1; i < losses.size(); i++) {
            assertTrue(losses.get(i).loss() <= losses.get(i - 1).loss() * (1 + 1e-9),
                    "iteration " + (i + 1) + ": " + losses.get(i).loss() + " > " + losses.get(i - 1).loss());
        }
        assertTrue(losses.get(7).loss() < 0.8 * losses.get(0).loss(), losses.toString());
    }

    @Test
    void conjugateGradientReachesNearlyTheExactLoss() {
        List<TrainingLoss> exact = new ArrayList<>();
        List<TrainingLoss> cg = new ArrayList<>();
        ImplicitAls.builder().factors(4).iterations(10).solver(AlsSolver.CHOLESKY).lossListener(exact::add).build().train(DATA);
        ImplicitAls.builder().factors(4).iterations(10).solver(AlsSolver.CONJUGATE_GRADIENT).cgSteps(3).lossListener(cg::add).build().train(DATA);
        double e = exact.get(9).loss();
        double c = cg.get(9).loss();
        assertTrue(Math.abs(c - e) / e < 0.02, "cg " + c + " vs exact " + e);
    }

    @Test
    void recommendsFromTheCustomersOwnGroupAndRespectsExclusions() {
        FactorModel model = ImplicitAls.builder().factors(4).iterations(10).build().train(DATA);
        for (int c = 0; c < 40; c++) {
            int customer = LOG.customers().find("c" + c);
            RecommendationList list = model.recommend(customer, 3);
            for (int item : list.items()) {
                int number = Integer.parseInt(LOG.items().externalId(item).substring(1));
                assertEquals(c < 20, number < 10, "customer c" + c + " got i" + number);
                assertTrue(!DATA.matrix().byCustomer().contains(customer, item), "owned item recommended");
            }
        }
        int customer = LOG.customers().find("c0");
        int best = model.recommend(customer, 1).item(0);
        BitSet banned = new BitSet();
        banned.set(best);
        RecommendationList filtered = model.recommend(customer, 3, Exclusions.owned().and(ItemFilter.excluding(banned)));
        assertTrue(Arrays.stream(filtered.items()).noneMatch(i -> i == best));
        assertEquals(3, filtered.size());
    }

    @Test
    void trainingIsSeededAndIndependentOfThreads() {
        FactorModel one = ImplicitAls.builder().factors(4).iterations(3).threads(1).seed(5).build().train(DATA);
        FactorModel two = ImplicitAls.builder().factors(4).iterations(3).threads(2).seed(5).build().train(DATA);
        for (int c = 0; c < LOG.customers().size(); c++) {
            assertArrayEquals(one.customerFactors(c), two.customerFactors(c));
        }
    }

    @Test
    void batchScoringGivesTheSameListsAsOneByOne() {
        FactorModel model = ImplicitAls.builder().factors(8).iterations(4).build().train(DATA);
        int[] customers = {0, 5, 39, 17, 3, 22, 100};
        RecommendationList[] batch = model.recommendAll(customers, 5, Exclusions.owned(), dev.tailor.concurrent.Workers.defaults().withThreads(2));
        for (int i = 0; i < customers.length; i++) {
            RecommendationList single = model.recommend(customers[i], 5);
            assertArrayEquals(single.items(), batch[i].items(), "customer " + customers[i]);
            assertArrayEquals(single.scores(), batch[i].scores(), "customer " + customers[i]);
        }
    }

    @Test
    void foldInOfATrainedCustomerRecommendsLikeTheTrainedFactors() {
        FactorModel model = ImplicitAls.builder().factors(4).iterations(10).solver(AlsSolver.CHOLESKY).build().train(DATA);
        int customer = LOG.customers().find("c3");
        CustomerHistory history = model.history(customer);
        float[] folded = model.foldIn(history);
        assertArrayEquals(model.customerFactors(customer), folded, 1e-3f, "the trained factors are a fixed point of the half-step");
        RecommendationList fromFold = model.recommend(history, 3, Exclusions.owned());
        RecommendationList trained = model.recommend(customer, 3);
        assertArrayEquals(trained.items(), fromFold.items());
        double sum = 0;
        for (Contribution why : model.because(history, fromFold.item(0))) {
            sum += why.contribution();
        }
        assertTrue(sum + 1e-4 >= fromFold.score(0), "the shares of the history explain the folded-in score");
        assertThrows(IllegalArgumentException.class, () -> model.foldIn(CustomerHistory.of(new int[] {99}, new float[] {1})));
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ImplicitAls.builder().factors(0));
        assertThrows(IllegalArgumentException.class, () -> ImplicitAls.builder().lambda(-1));
        assertThrows(IllegalArgumentException.class, () -> ImplicitAls.builder().alpha(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ImplicitAls.builder().cgSteps(0));
    }

    @Test
    void contradictorySettingsAreRefusedNamingBoth() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ImplicitAls.builder().cgSteps(5).solver(AlsSolver.CHOLESKY).build());
        assertTrue(e.getMessage().contains("cgSteps(5)") && e.getMessage().contains("CHOLESKY"), e.getMessage());
    }

    @Test
    void trainingRunsOnTheCallersExecutorWithTheSameResult() {
        java.util.concurrent.atomic.AtomicInteger handedOut = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Executor counting = task -> {
            handedOut.incrementAndGet();
            new Thread(task).start();
        };
        EventLog shop = TestLogs.randomShop(8, 400, 60);
        TrainingData data = TrainingData.of(shop, WeightingPolicy.defaults());
        FactorModel own = ImplicitAls.builder().factors(4).iterations(3).threads(2).executor(counting).build().train(data);
        FactorModel shared = ImplicitAls.builder().factors(4).iterations(3).threads(2).build().train(data);
        org.junit.jupiter.api.Assertions.assertTrue(handedOut.get() > 0, "helpers came from the caller's executor");
        for (int c = 0; c < shop.customers().size(); c++) {
            assertArrayEquals(shared.customerFactors(c), own.customerFactors(c));
        }
    }
}
