package dev.tailor.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.ingest.IngestReport;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompletionEvaluationTest {
    /** a is random; b always equals a; c is random: once a or b is known, the other is certain. */
    private static ConfigurationHistory copies(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] data = new int[rows][];
        int[] weights = new int[rows];
        String[] customers = new String[rows];
        Instant[] times = new Instant[rows];
        for (int r = 0; r < rows; r++) {
            int a = random.nextInt(4);
            data[r] = new int[] {a, a, random.nextInt(3)};
            weights[r] = 1 + random.nextInt(3);
            customers[r] = "c" + (r % (rows / 2));
            times[r] = Instant.ofEpochSecond(r);
        }
        return new ConfigurationHistory("copies", List.of("a", "b", "c"), data, weights, customers, times,
                new IngestReport("test", rows, rows, 0, 0, List.of()));
    }

    @Test
    void aCopiedVariableIsPredictedOnceItsTwinIsRevealed() {
        ConfigurationHistory history = copies(600, 1);
        int[] folds = CompletionEvaluation.randomFolds(history.size(), 5, 3);
        CompletionEvaluation.Result result = CompletionEvaluation.crossValidate(history, folds, CompletionMethod.conditionalFrequencies(),
                null, 7, 2);
        assertEquals(history.sales() * 1.0, result.trials()[0], 1e-9, "every sale counts once per step");
        // step 2: the last variable; it is a or b (certain) two times out of three, c (a 1-in-3 guess) otherwise
        assertTrue(result.successRate(2) > 0.6, "step 2 " + result.successRate(2));
        assertTrue(result.successRate(0) < 0.45, "step 0 guesses " + result.successRate(0));
        assertEquals(result.successRate(), (result.successes()[0] + result.successes()[1] + result.successes()[2])
                / (3.0 * history.sales()), 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameResultAndFoldsKeepEveryRowOnce() {
        ConfigurationHistory history = copies(300, 2);
        int[] folds = CompletionEvaluation.randomFolds(history.size(), 10, 5);
        int[] perFold = new int[10];
        for (int f : folds) {
            perFold[f]++;
        }
        for (int count : perFold) {
            assertEquals(30, count);
        }
        CompletionEvaluation.Result first = CompletionEvaluation.crossValidate(history, folds, CompletionMethod.naiveBayes(), null, 11, 2);
        CompletionEvaluation.Result again = CompletionEvaluation.crossValidate(history, folds, CompletionMethod.naiveBayes(), null, 11, 1);
        assertEquals(first.successRate(), again.successRate(), 0.0);
    }

    @Test
    void constraintFilteringCountsForcedSteps() {
        ConfigurationHistory history = copies(400, 3);
        int[][] domains = {{0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2}};
        int[][] equal = {{0, 0}, {1, 1}, {2, 2}, {3, 3}};
        ConfigurableProduct product = new ConfigurableProduct("copies", history.variables(), domains,
                List.of(new TableConstraint("b = a", new int[] {0, 1}, equal, true)));
        int[] folds = CompletionEvaluation.randomFolds(history.size(), 4, 1);
        CompletionEvaluation.Result result = CompletionEvaluation.crossValidate(history, folds, CompletionMethod.naiveBayes(),
                SolutionSpace.compile(product), 5, 2);
        assertTrue(result.forcedShare() > 0.25, "the twin of a revealed variable is forced: " + result.forcedShare());
        assertTrue(result.successRateUnforced() < result.successRate());
    }

    @Test
    void nextOrderUsesTheCustomersEarlierOrders() {
        // every customer repeats their first order exactly
        SplittableRandom random = new SplittableRandom(4);
        int customers = 300;
        int[][] rows = new int[2 * customers][];
        String[] who = new String[rows.length];
        Instant[] when = new Instant[rows.length];
        for (int c = 0; c < customers; c++) {
            int[] order = {random.nextInt(5), random.nextInt(5), random.nextInt(5)};
            rows[2 * c] = order;
            rows[2 * c + 1] = order.clone();
            who[2 * c] = who[2 * c + 1] = "c" + c;
            when[2 * c] = Instant.ofEpochSecond(c);
            when[2 * c + 1] = Instant.ofEpochSecond(1_000_000 + c);
        }
        int[] weights = new int[rows.length];
        java.util.Arrays.fill(weights, 1);
        ConfigurationHistory history = new ConfigurationHistory("repeat", List.of("x", "y", "z"), rows, weights, who, when,
                new IngestReport("test", rows.length, rows.length, 0, 0, List.of()));
        CompletionEvaluation.NextOrderResult with = CompletionEvaluation.nextOrder(history, CompletionMethod.naiveBayes(), null, true, 1, 2);
        CompletionEvaluation.NextOrderResult without = CompletionEvaluation.nextOrder(history, CompletionMethod.naiveBayes(), null, false, 1, 2);
        assertEquals(1.0, with.prefillExact(), 1e-12);
        assertTrue(without.prefillAccuracy() < 0.5, "population guess " + without.prefillAccuracy());
        assertTrue(with.reveal().successRate() > without.reveal().successRate() + 0.3);
    }

    @Test
    void foldsByDistinctConfigurationKeepEverySaleOfAConfigurationInOneFold() {
        int[][] rows = new int[60][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new int[] {r % 7, (r / 7) % 2}; // 14 distinct configurations, each on several rows
        }
        int[] weights = new int[rows.length];
        java.util.Arrays.fill(weights, 1);
        ConfigurationHistory history = new ConfigurationHistory("p", java.util.List.of("a", "b"), rows, weights,
                new IngestReport("test", rows.length, rows.length, 0, 0, List.of()));
        org.junit.jupiter.api.Assertions.assertEquals(14, CompletionEvaluation.distinctConfigurations(history));
        int[] folds = CompletionEvaluation.randomFolds(history, 5, 42);
        java.util.Map<java.util.List<Integer>, Integer> foldOf = new java.util.HashMap<>();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int r = 0; r < rows.length; r++) {
            Integer before = foldOf.putIfAbsent(java.util.List.of(rows[r][0], rows[r][1]), folds[r]);
            org.junit.jupiter.api.Assertions.assertTrue(before == null || before == folds[r], "row " + r + " split from its twins");
            used.add(folds[r]);
        }
        org.junit.jupiter.api.Assertions.assertEquals(5, used.size());
    }
}
