package dev.tailor.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.popular.RandomItems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingEvaluationTest {
    private static final long DAY = 86_400L;

    private static Instant day(long d) {
        return TestLogs.DAY_ZERO.plusSeconds(DAY * d);
    }

    @Test
    void noEventOfAStepIsInItsTrainingAndEveryLaterEventIsTestedOnce() {
        EventLog log = TestLogs.randomShop(5, 300, 80);
        List<Splitter.Rolling.Step> steps = Splitter.rolling(day(100), Duration.ofDays(7)).split(log);
        int tested = 0;
        Instant expectedStart = day(100);
        for (Splitter.Rolling.Step step : steps) {
            assertEquals(expectedStart, step.start(), "steps follow each other without gap or overlap");
            EventLog train = step.split().train();
            EventLog test = step.split().test();
            for (int e = 0; e < train.size(); e++) {
                assertTrue(train.epochSecond(e) < step.start().getEpochSecond(), "a training event is before its step");
            }
            for (int e = 0; e < test.size(); e++) {
                long second = test.epochSecond(e);
                assertTrue(second >= step.start().getEpochSecond() && second < step.end().getEpochSecond(),
                        "a test event is within its step");
            }
            int before = 0;
            for (int e = 0; e < log.size(); e++) {
                before += log.epochSecond(e) < step.start().getEpochSecond() ? 1 : 0;
            }
            assertEquals(before, train.size(), "a step trains on everything before it");
            tested += test.size();
            expectedStart = step.end();
        }
        int fromStart = 0;
        for (int e = 0; e < log.size(); e++) {
            fromStart += log.epochSecond(e) >= day(100).getEpochSecond() ? 1 : 0;
        }
        assertEquals(fromStart, tested, "every event from the start on is in exactly one step's test part");
        assertTrue(steps.get(steps.size() - 1).end().getEpochSecond() > log.maxEpochSecond());
    }

    @Test
    void untilCutsTheLastStepShortAndLeavesLaterEventsUntested() {
        EventLog log = TestLogs.of("a x 0", "a y 3", "b x 5", "b y 8", "c x 12");
        List<Splitter.Rolling.Step> steps = Splitter.rolling(day(2), Duration.ofDays(4)).until(day(9)).split(log);
        assertEquals(2, steps.size());
        assertEquals(day(9), steps.get(1).end());
        assertEquals(2, steps.get(0).split().test().size()); // days 3 and 5
        assertEquals(1, steps.get(1).split().test().size()); // day 8; day 12 is after the end
    }

    @Test
    void badSettingsAndEmptyStretchesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Splitter.rolling(day(0), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Splitter.rolling(day(5), Duration.ofDays(1)).until(day(5)));
        EventLog log = TestLogs.of("a x 0", "b x 1");
        assertThrows(IllegalArgumentException.class, () -> Splitter.rolling(day(2), Duration.ofDays(1)).split(log));
        List<Splitter.Rolling.Step> fromTheFirstEvent = Splitter.rolling(day(0), Duration.ofDays(1)).split(log);
        IllegalArgumentException nothingToLearn = assertThrows(IllegalArgumentException.class, () -> Evaluator.builder().build()
                .evaluateRolling(MostPopular.overall(), fromTheFirstEvent, WeightingPolicy.defaults()));
        assertTrue(nothingToLearn.getMessage().contains("no events before it"), nothingToLearn.getMessage());
    }

    /*
     * Training (days 0-4): x by a, b, c; y by a, b; z by c.   Weekly steps from day 10, k = 1, most popular:
     * step 1 [10, 17): counts x3 y2 z1. a (owns x, y) gets z and takes z: nDCG 1. d takes w but is cold: no case.
     * step 2 [17, 24): counts x3 y2 z2 w1. b (owns x, y) gets z and takes w: 0. d (owns w) gets x and takes x: 1.
     * Cases 1, 0, 1 of customers a, b, d: mean 2/3; residuals 1/3, -2/3, 1/3; clustered standard error
     * sqrt(3/2 · (1/9 + 4/9 + 1/9)) / 3 = 1/3.
     */
    @Test
    void mostPopularRebuiltEveryStepGivesHandComputedMetrics() {
        EventLog log = TestLogs.of("a x 0", "a y 1", "b x 1", "b y 2", "c x 3", "c z 4",
                "a z 10", "d w 12", "b w 18", "d x 19");
        List<Splitter.Rolling.Step> steps = Splitter.rolling(day(10), Duration.ofDays(7)).split(log);
        EvaluationResult.Rolling r = Evaluator.builder().k(1).threads(2).build()
                .evaluateRolling(MostPopular.overall(), steps, WeightingPolicy.defaults());
        assertEquals(2, r.steps());
        assertEquals(3, r.cases());
        assertEquals(3, r.customers());
        assertArrayEquals(new int[] {1, 2}, r.casesByStep());
        assertArrayEquals(new double[] {1, 0.5}, r.ndcgByStep(), 1e-12);
        assertEquals(2.0 / 3, r.ndcg(), 1e-12);
        assertEquals(2.0 / 3, r.precision(), 1e-12);
        assertEquals(2.0 / 3, r.hitRate(), 1e-12);
        assertEquals(1.0 / 3, r.ndcgStandardError(), 1e-12);
        assertTrue(r.protocol().contains("retrained at every step"), r.protocol());
        EvaluationResult.Rolling.Comparison self = r.compareTo(r);
        assertEquals(1, self.ratio(), 1e-12);
        assertEquals(0, self.difference(), 1e-12);
        assertTrue(EvaluationResult.Rolling.table(List.of(r)).contains("popular"));
    }

    /*
     * Step 1 [10, 17): a takes z (her list: z, as under RETRAIN); f, g, h, all new, take w.
     * Step 2 [17, 24): b (owns x, y) takes w. Retrained, the counts are x3 w3 z2 y2 and b's list is w: a hit. Trained
     * before step 1 with the later events recorded, the counts stay x3 y2 z1 and b's list is z: a miss.
     */
    @Test
    void recordedUpdatesKeepTheItemModelOfTheFirstStep() {
        EventLog log = TestLogs.of("a x 0", "a y 1", "b x 1", "b y 2", "c x 3", "c z 4",
                "a z 10", "f w 11", "g w 12", "h w 13", "b w 18");
        List<Splitter.Rolling.Step> steps = Splitter.rolling(day(10), Duration.ofDays(7)).split(log);
        Evaluator evaluator = Evaluator.builder().k(1).build();
        EvaluationResult.Rolling retrained = evaluator.evaluateRolling(MostPopular.overall(), steps, WeightingPolicy.defaults(),
                Evaluator.Updates.RETRAIN);
        EvaluationResult.Rolling recorded = evaluator.evaluateRolling(MostPopular.overall(), steps, WeightingPolicy.defaults(),
                Evaluator.Updates.RECORD);
        assertArrayEquals(new double[] {1, 1}, retrained.ndcgByStep(), 1e-12);
        assertArrayEquals(new double[] {1, 0}, recorded.ndcgByStep(), 1e-12);
        assertTrue(recorded.protocol().contains("recorded"), recorded.protocol());
    }

    @Test
    void aCustomerJudgedInSeveralStepsIsOneCluster() {
        // One case per customer: the clustered error is the usual one, sd / sqrt(n).
        double[] values = {0.1, 0.7, 0.3, 0.9, 0.0};
        double mean = 0.4;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double usual = Math.sqrt(squares / (values.length - 1) / values.length);
        assertEquals(usual, Metrics.clusteredStandardError(new int[] {0, 1, 2, 3, 4}, values), 1e-12);
        // Two identical cases of one customer move together: their cluster counts its residual twice, not
        // as two independent draws, so the error grows compared with treating them as separate customers.
        double[] twice = {0.1, 0.1, 0.7, 0.3, 0.9};
        double separate = Metrics.clusteredStandardError(new int[] {0, 1, 2, 3, 4}, twice);
        double clustered = Metrics.clusteredStandardError(new int[] {0, 0, 2, 3, 4}, twice);
        assertTrue(clustered > separate, clustered + " vs " + separate);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreadsAndDifferentCasesDoNotCompare() {
        EventLog log = TestLogs.randomShop(8, 200, 60);
        List<Splitter.Rolling.Step> steps = Splitter.rolling(day(200), Duration.ofDays(30)).split(log);
        EvaluationResult.Rolling one = Evaluator.builder().k(5).threads(1).build()
                .evaluateRolling(RandomItems.withSeed(3), steps, WeightingPolicy.defaults());
        EvaluationResult.Rolling four = Evaluator.builder().k(5).threads(4).build()
                .evaluateRolling(RandomItems.withSeed(3), steps, WeightingPolicy.defaults());
        assertEquals(one.ndcg(), four.ndcg(), 0);
        assertEquals(one.ndcgStandardError(), four.ndcgStandardError(), 0);
        assertArrayEquals(one.ndcgByStep(), four.ndcgByStep(), 0);
        EvaluationResult.Rolling popular = Evaluator.builder().k(5).build()
                .evaluateRolling(MostPopular.overall(), steps, WeightingPolicy.defaults());
        assertTrue(popular.compareTo(one).difference() > 0, "popular beats random on a shop with popular items");
        List<Splitter.Rolling.Step> shorter = steps.subList(0, 2);
        EvaluationResult.Rolling fewer = Evaluator.builder().k(5).build()
                .evaluateRolling(MostPopular.overall(), shorter, WeightingPolicy.defaults());
        assertThrows(IllegalArgumentException.class, () -> fewer.compareTo(popular));
    }
}
