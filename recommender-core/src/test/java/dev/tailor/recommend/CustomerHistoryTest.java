package dev.tailor.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.matrix.SparseMatrix;
import org.junit.jupiter.api.Test;

class CustomerHistoryTest {
    @Test
    void itemsAreSortedAndRepeatsAddUp() {
        CustomerHistory h = CustomerHistory.of(new int[] {7, 2, 7, 0}, new float[] {1, 2, 0.5f, -1});
        assertArrayEquals(new int[] {0, 2, 7}, h.items());
        assertArrayEquals(new float[] {-1, 2, 1.5f}, h.weights());
        assertTrue(h.contains(7));
        assertFalse(h.contains(3));
        assertTrue(h.hasEvidence());
        assertFalse(CustomerHistory.of(new int[] {1}, new float[] {-1}).hasEvidence());
    }

    @Test
    void aLiveEventAddsToAnItemOrInsertsItInOrderWithoutChangingTheSnapshot() {
        CustomerHistory snapshot = CustomerHistory.of(new int[] {2, 9}, new float[] {1, 1});
        CustomerHistory inserted = snapshot.plus(5, 2f);
        assertArrayEquals(new int[] {2, 5, 9}, inserted.items());
        assertArrayEquals(new float[] {1, 2, 1}, inserted.weights());
        assertArrayEquals(new float[] {1, 1.5f}, snapshot.plus(9, 0.5f).weights());
        assertArrayEquals(new int[] {0, 2, 9}, snapshot.plus(0, 1).items());
        assertArrayEquals(new int[] {2, 9, 10}, snapshot.plus(10, 1).items());
        assertArrayEquals(new int[] {2, 9}, snapshot.items(), "the snapshot is immutable");
        assertEquals(CustomerHistory.empty().plus(3, 1), CustomerHistory.of(new int[] {3}, new float[] {1}));
    }

    @Test
    void aMatrixRowIsTheCustomersSnapshotAndOutOfRangeRowsAreEmpty() {
        SparseMatrix m = new SparseMatrix(2, 4, new int[] {0, 2, 2}, new int[] {1, 3}, new float[] {1, 2});
        assertArrayEquals(new int[] {1, 3}, CustomerHistory.ofRow(m, 0).items());
        assertTrue(CustomerHistory.ofRow(m, 1).isEmpty());
        assertTrue(CustomerHistory.ofRow(m, 99).isEmpty());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CustomerHistory.of(new int[] {1}, new float[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> CustomerHistory.of(new int[] {-1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> CustomerHistory.of(new int[] {1}, new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> CustomerHistory.empty().plus(1, Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CustomerHistory.empty().plus(-2, 1));
    }
}
