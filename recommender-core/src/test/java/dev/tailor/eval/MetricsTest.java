package dev.tailor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double EPS = 1e-12;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void hitsAtRanksOneAndThreeOfFourWithThreeRelevantMatchHandComputedValues() {
        // Recommended [5, 9, 7, 2], relevant {2, 5, 8}: hits at positions 1 and 4; k = 4.
        Metrics.AtK m = Metrics.atK(new int[] {5, 9, 7, 2}, new int[] {2, 5, 8}, 4);
        assertEquals(2.0 / 4, m.precision(), EPS);
        assertEquals(2.0 / 3, m.recall(), EPS);
        double dcg = 1 / log2(2) + 1 / log2(5);
        double idcg = 1 / log2(2) + 1 / log2(3) + 1 / log2(4);
        assertEquals(dcg / idcg, m.ndcg(), EPS);
        // AP = (1/1 + 2/4) / min(3, 4)
        assertEquals((1.0 + 0.5) / 3, m.averagePrecision(), EPS);
        assertEquals(1.0, m.hit(), EPS);
        assertEquals(1.0, m.reciprocalRank(), EPS);
    }

    @Test
    void shortListIsPenalizedInPrecisionAndIdealDcgIsCappedAtK() {
        // Only 2 items came back for k = 3; relevant has 5 items; one hit at position 2.
        Metrics.AtK m = Metrics.atK(new int[] {4, 1}, new int[] {1, 2, 3, 6, 7}, 3);
        assertEquals(1.0 / 3, m.precision(), EPS);
        assertEquals(1.0 / 5, m.recall(), EPS);
        double idcg = 1 / log2(2) + 1 / log2(3) + 1 / log2(4);
        assertEquals((1 / log2(3)) / idcg, m.ndcg(), EPS);
        assertEquals((1.0 / 2) / 3, m.averagePrecision(), EPS);
        assertEquals(0.5, m.reciprocalRank(), EPS);
    }

    @Test
    void itemsBeyondKDoNotCount() {
        Metrics.AtK m = Metrics.atK(new int[] {1, 2, 3}, new int[] {3}, 2);
        assertEquals(0.0, m.precision(), EPS);
        assertEquals(0.0, m.ndcg(), EPS);
        assertEquals(0.0, m.hit(), EPS);
        assertEquals(0.0, m.reciprocalRank(), EPS);
    }

    @Test
    void perfectListScoresOneOnEveryRankMetric() {
        Metrics.AtK m = Metrics.atK(new int[] {3, 1}, new int[] {1, 3}, 2);
        assertEquals(1.0, m.precision(), EPS);
        assertEquals(1.0, m.recall(), EPS);
        assertEquals(1.0, m.ndcg(), EPS);
        assertEquals(1.0, m.averagePrecision(), EPS);
    }

    @Test
    void rejectsEmptyRelevantSetAndNonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.atK(new int[] {1}, new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> Metrics.atK(new int[] {1}, new int[] {1}, 0));
    }
}
