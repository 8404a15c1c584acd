package dev.tailor.configure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.ingest.IngestReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionMethodsTest {
    private static final int U = ConfigurableProduct.UNSET;

    /** collar (0 cutaway, 1 button-down), cuff (0 single, 1 french), fabric (0 poplin, 1 oxford). */
    static final ConfigurationHistory HISTORY = new ConfigurationHistory("shirt", List.of("collar", "cuff", "fabric"),
            new int[][] {{0, 1, 0}, {0, 1, 1}, {0, 0, 0}, {1, 0, 1}, {1, 0, 1}},
            new int[] {3, 1, 1, 4, 1}, new IngestReport("test", 5, 5, 0, 0, List.of()));

    @Test
    void conditionalFrequenciesCountTheAgreeingSalesAndFallBackToMarginals() {
        CompletionModel model = CompletionMethod.conditionalFrequencies(0, 1).train(HISTORY);
        assertArrayEquals(new int[] {0, 1}, model.values(1));
        // collar cutaway: 5 sales, 4 with french cuffs
        assertArrayEquals(new double[] {0.2, 0.8}, model.distribution(new int[] {0, U, U}, 1), 1e-12);
        // cutaway + oxford: the single sale had french cuffs
        assertArrayEquals(new double[] {0, 1}, model.distribution(new int[] {0, U, 1}, 1), 1e-12);
        // button-down + poplin was never sold: marginal cuffs 6 single / 4 french
        assertArrayEquals(new double[] {0.6, 0.4}, model.distribution(new int[] {1, U, 0}, 1), 1e-12);
        // a value never seen is no evidence
        assertArrayEquals(model.distribution(new int[] {U, U, U}, 1), model.distribution(new int[] {7, U, U}, 1), 1e-12);
    }

    @Test
    void naiveBayesMultipliesSmoothedConditionals() {
        CompletionModel model = CompletionMethod.naiveBayes(1).train(HISTORY);
        // P(cuff=a) ∝ (n_a + 1) / (10 + 2) · (n(collar=0, cuff=a) + 1) / (n_a + 1·(2 + 1))
        double single = (6 + 1) / 12.0 * (1 + 1) / (6 + 3.0);
        double french = (4 + 1) / 12.0 * (4 + 1) / (4 + 3.0);
        double[] p = model.distribution(new int[] {0, U, U}, 1);
        assertEquals(single / (single + french), p[0], 1e-12);
        assertEquals(french / (single + french), p[1], 1e-12);
    }

    @Test
    void nearestConfigurationsTakeTheMostSimilarUntilKSales() {
        // k = 1: only the configurations agreeing on both revealed values (cutaway, poplin: 3 french + 1 single)
        CompletionModel near = CompletionMethod.nearestConfigurations(1, 0).train(HISTORY);
        assertArrayEquals(new double[] {0.25, 0.75}, near.distribution(new int[] {0, U, 0}, 1), 1e-12);
        // k = 100: everyone votes, i.e. the marginals
        CompletionModel all = CompletionMethod.nearestConfigurations(100, 0).train(HISTORY);
        assertArrayEquals(new double[] {0.6, 0.4}, all.distribution(new int[] {0, U, 0}, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> CompletionMethod.nearestConfigurations(0, 0));
        assertThrows(IllegalArgumentException.class, () -> near.distribution(new int[] {0, U}, 1));
    }

    @Test
    void chowLiuTreeIsExactOnATwoVariableNetwork() {
        ConfigurationHistory two = new ConfigurationHistory("two", List.of("collar", "cuff"),
                new int[][] {{0, 1}, {0, 0}, {1, 0}}, new int[] {3, 1, 4}, new IngestReport("test", 3, 3, 0, 0, List.of()));
        CompletionModel model = CompletionMethod.chowLiuTree(0.5).train(two);
        // root collar: P(collar) = (n + 0.5) / (8 + 1)
        assertArrayEquals(new double[] {4.5 / 9, 4.5 / 9}, model.distribution(new int[] {U, U}, 0), 1e-12);
        // P(cuff | collar = cutaway) = (n + 0.5) / (4 + 1)
        assertArrayEquals(new double[] {1.5 / 5, 3.5 / 5}, model.distribution(new int[] {0, U}, 1), 1e-12);
        // P(collar | cuff = french) ∝ P(collar) P(french | collar) = 4.5/9 · 3.5/5 and 4.5/9 · 0.5/5
        assertArrayEquals(new double[] {3.5 / 4, 0.5 / 4}, model.distribution(new int[] {U, 1}, 0), 1e-12);
        // no evidence: the cuff's marginal in the network, Σ P(collar) P(cuff | collar)
        double single = 0.5 * 1.5 / 5 + 0.5 * 4.5 / 5;
        assertArrayEquals(new double[] {single, 1 - single}, model.distribution(new int[] {U, U}, 1), 1e-12);
    }

    @Test
    void everyMethodGivesAProbabilityDistribution() {
        for (CompletionMethod method : List.of(CompletionMethod.conditionalFrequencies(), CompletionMethod.naiveBayes(), CompletionMethod.nearestConfigurations(),
                CompletionMethod.chowLiuTree())) {
            CompletionModel model = method.train(HISTORY);
            for (int column = 0; column < 3; column++) {
                double[] p = model.distribution(new int[] {U, U, U}, column);
                assertEquals(1, java.util.Arrays.stream(p).sum(), 1e-9, method.name());
                assertTrue(java.util.Arrays.stream(p).allMatch(x -> x >= 0), method.name());
            }
        }
    }
}
