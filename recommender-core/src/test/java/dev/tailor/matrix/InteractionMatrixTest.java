package dev.tailor.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InteractionMatrixTest {
    private static float weight(InteractionMatrix m, EventLog log, String customer, String item) {
        return m.byCustomer().get(log.customers().find(customer), log.items().find(item));
    }

    @Test
    void repeatsAreLogScaledAndKindsWeighted() {
        EventLog log = TestLogs.of(
                "ann shoe 0 PURCHASE", "ann shoe 1 PURCHASE", "ann shoe 2 PURCHASE",
                "ann sock 0 VIEW",
                "bob shoe 0 RENT");
        InteractionMatrix m = InteractionMatrix.build(log, WeightingPolicy.defaults());
        assertEquals(2.0f, weight(m, log, "ann", "shoe"), 1e-6); // log2(1 + 3)
        assertEquals((float) (Math.log(1.25) / Math.log(2)), weight(m, log, "ann", "sock"), 1e-6);
        assertEquals(1.0f, weight(m, log, "bob", "shoe"), 1e-6);
        assertEquals(3, m.byCustomer().nonZeros());
        assertEquals(m.byCustomer().get(0, 0), m.byItem().get(0, 0));
    }

    @Test
    void badFitReturnIsNoEvidenceWhileAPlainReturnCountsAgainst() {
        EventLog log = TestLogs.of(
                "ann dress 0 RENT", "ann dress 3 RETURN TOO_SMALL",
                "bob dress 0 RENT", "bob dress 3 RETURN FITS",
                "cat dress 0 RENT", "cat dress 3 RETURN", "cat dress 4 RETURN");
        InteractionMatrix m = InteractionMatrix.build(log, WeightingPolicy.defaults());
        assertEquals(1.0f, weight(m, log, "ann", "dress"), 1e-6);
        assertFalse(m.byCustomer().contains(log.customers().find("bob"), 0), "1 - 1 = 0 is not stored");
        assertEquals(-1.0f, weight(m, log, "cat", "dress"), 1e-6); // -log2(1 - (1 - 2))

        InteractionMatrix negative = InteractionMatrix.build(log,
                WeightingPolicy.builder().badFitReturnWeight(-0.5).logScaleRepeats(false).build());
        assertEquals(0.5f, weight(negative, log, "ann", "dress"), 1e-6);
    }

    @Test
    void halfLifeHalvesTheWeightOfAnEventOneHalfLifeBeforeAsOf() {
        EventLog log = TestLogs.of("ann a 0 PURCHASE", "ann b 10 PURCHASE", "ann c 20 PURCHASE");
        WeightingPolicy policy = WeightingPolicy.builder().logScaleRepeats(false).halfLife(Duration.ofDays(10))
                .asOf(TestLogs.DAY_ZERO.plus(Duration.ofDays(10))).build();
        InteractionMatrix m = InteractionMatrix.build(log, policy);
        assertEquals(0.5f, weight(m, log, "ann", "a"), 1e-6);
        assertEquals(1.0f, weight(m, log, "ann", "b"), 1e-6);
        assertFalse(m.byCustomer().contains(0, log.items().find("c")), "events after asOf are left out");
    }

    @Test
    void dimensionsFollowTheIndexesAndTransposeMatches() {
        EventLog log = TestLogs.of("a x 0", "b y 0", "b x 1", "c z 2 VIEW");
        InteractionMatrix m = InteractionMatrix.build(log, WeightingPolicy.defaults());
        assertEquals(3, m.customerCount());
        assertEquals(3, m.itemCount());
        SparseMatrix t = m.byItem();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(m.byCustomer().get(c, i), t.get(i, c));
            }
        }
        assertEquals(0, m.itemsOf(99).length);
    }

    @Test
    void policyRejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> WeightingPolicy.builder().halfLife(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> WeightingPolicy.builder().badFitReturnWeight(0.5));
        assertThrows(IllegalArgumentException.class,
                () -> WeightingPolicy.builder().kindWeight(EventKind.VIEW, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new SparseMatrix(1, 2, new int[] {0, 2}, new int[] {1, 0}, new float[] {1, 1}));
    }
}
