package dev.tailor.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.popular.RandomItems;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /*
     * Training (days 0-4): x is bought by a, b, c; y by a, b; z by c.  Popular order: x(3), y(2), z(1), w(0).
     * Test (day 10+): a buys z and w, b buys z, d (cold) buys x.
     * a owns x, y → list [z, w]: relevant {z, w}: both hit.      P@2 = 1,   R = 1,   nDCG = 1, AP = 1
     * b owns x, y → list [z, w]: relevant {z}: hit at 1.          P@2 = 1/2, R = 1,   nDCG = 1, AP = 1
     * d is cold (no training events) and not evaluated by default.
     */
    private static Split split() {
        EventLog log = TestLogs.of("a x 0", "a y 1", "b x 1", "b y 2", "c x 3", "c z 4",
                "a z 10", "a w 11", "b z 12", "d x 13");
        return Splitter.temporalAt(TestLogs.DAY_ZERO.plusSeconds(86_400L * 10)).split(log);
    }

    @Test
    void mostPopularOnAHandMadeSplitGivesHandComputedMetrics() {
        EvaluationResult r = Evaluator.builder().k(2).threads(3).build()
                .evaluate(MostPopular.overall(), split(), WeightingPolicy.defaults());
        assertEquals(2, r.customers());
        assertEquals(0.75, r.precision(), 1e-12);
        assertEquals(1.0, r.recall(), 1e-12);
        assertEquals(1.0, r.ndcg(), 1e-12);
        assertEquals(1.0, r.map(), 1e-12);
        assertEquals(1.0, r.hitRate(), 1e-12);
        assertEquals(2.0 / 4, r.coverage(), 1e-12);
        assertTrue(EvaluationResult.table(List.of(r)).contains("popular"));
    }

    @Test
    void coldStartCustomersCanBeIncluded() {
        EvaluationResult r = Evaluator.builder().k(2).includeColdStart(true).build()
                .evaluate(MostPopular.overall(), split(), WeightingPolicy.defaults());
        assertEquals(3, r.customers());
        assertEquals(2.0 / 3 + 1.0 / 3 * 0.5 - 1.0 / 6, r.precision(), 1e-12); // (1 + 1/2 + 1/2) / 3
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Split split = split();
        EvaluationResult one = Evaluator.builder().k(3).threads(1).build()
                .evaluate(RandomItems.withSeed(9), split, WeightingPolicy.defaults());
        EvaluationResult four = Evaluator.builder().k(3).threads(4).build()
                .evaluate(RandomItems.withSeed(9), split, WeightingPolicy.defaults());
        assertArrayEquals(new double[] {one.precision(), one.recall(), one.ndcg(), one.map(), one.coverage()},
                new double[] {four.precision(), four.recall(), four.ndcg(), four.map(), four.coverage()});
    }
}
