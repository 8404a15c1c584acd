package dev.tailor.recommend.ease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.TrainingData;
import org.junit.jupiter.api.Test;

class EaseTest {
    private static final EventLog LOG = TestLogs.of("a x 0", "a y 0", "b x 0", "b y 0", "b z 0", "c x 0", "c z 0");
    private static final TrainingData DATA = TrainingData.of(LOG, WeightingPolicy.defaults());

    /** Inverse of a small matrix by Gauss-Jordan elimination: an independent reference for the closed form. */
    private static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            double pivot = a[col][col];
            for (int j = 0; j < 2 * n; j++) {
                a[col][j] /= pivot;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    @Test
    void weightsMatchTheClosedFormComputedIndependently() {
        double lambda = 0.5;
        EaseModel model = (EaseModel) Ease.builder().lambda(lambda).build().train(DATA);
        // X for items (x, y, z) in index order; customers a, b, c.
        double[][] x = {{1, 1, 0}, {1, 1, 1}, {1, 0, 1}};
        double[][] g = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (double[] row : x) {
                    g[i][j] += row[i] * row[j];
                }
            }
            g[i][i] += lambda;
        }
        double[][] p = invert(g);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = i == j ? 0 : -p[i][j] / p[j][j];
                assertEquals(expected, model.weight(i, j), 1e-5, "B[" + i + "][" + j + "]");
            }
        }
        RecommendationList forA = model.recommend(LOG.customers().find("a"), 1);
        assertEquals(LOG.items().find("z"), forA.item(0));
        assertEquals(model.weight(0, 2) + model.weight(1, 2), forA.score(0), 1e-5);
    }

    @Test
    void aCatalogBeyondTheLimitIsRefusedWithTheMemoryItWouldNeed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ease.builder().maxItems(2).build().train(DATA));
        assertTrue(e.getMessage().contains("3 items exceed maxItems = 2"), e.getMessage());
        assertTrue(e.getMessage().contains("GB"), e.getMessage());
        assertEquals(8_000_000_000L, Ease.bytesNeeded(20_000));
    }
}
