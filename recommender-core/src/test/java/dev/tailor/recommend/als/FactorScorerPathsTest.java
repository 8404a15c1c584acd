package dev.tailor.recommend.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.TrainingData;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD factor scorer against the scalar one: the same scores to float rounding, for every k and offset. */
class FactorScorerPathsTest {
    @Test
    void theVectorScorerGivesTheScalarScoresToRoundingForEveryRank() {
        assumeTrue(FactorModel.VECTOR, "run with --add-modules jdk.incubator.vector (the core's tests are)");
        SplittableRandom random = new SplittableRandom(13);
        for (int k : new int[] {1, 3, 7, 8, 15, 16, 17, 32, 63, 64, 65, 128}) {
            float[] y = new float[8 * k];
            float[] vector = new float[3 * k];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) random.nextGaussian();
            }
            int offset = 2 * k;
            float[] simd = new float[4];
            VectorFactorScorer.score4(vector, offset, y, 2 * k, k, simd);
            float[] scalar = new float[4];
            for (int j = 0; j < 4; j++) {
                scalar[j] = FactorModel.dot(vector, offset, y, (2 + j) * k, k);
                assertEquals(simd[j], VectorFactorScorer.dot(vector, offset, y, (2 + j) * k, k), 0f,
                        "k " + k + ": score4 and dot of the vector path agree exactly");
            }
            assertArrayEquals(scalar, simd, 1e-4f * (float) Math.sqrt(k), "k " + k);
        }
    }

    @Test
    void theByteCodeScanGivesTheExactScansListsScoresAndTies() {
        assumeTrue(FactorModel.VECTOR, "run with --add-modules jdk.incubator.vector (the core's tests are)");
        int items = QuantizedItems.MIN_ITEMS + 907;
        EventLog.Builder log = EventLog.builder();
        for (int i = 0; i < items; i++) {
            log.items().idOf("i" + i);
        }
        SplittableRandom random = new SplittableRandom(17);
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        for (int c = 0; c < 40; c++) {
            for (int e = 0; e < 12; e++) {
                log.add(Event.of("c" + c, "i" + random.nextInt(items), t.plusSeconds(60L * e), EventKind.PURCHASE));
            }
        }
        InteractionMatrix matrix = TrainingData.of(log.build(), WeightingPolicy.defaults()).matrix();
        for (int k : new int[] {16, 33, 64}) {
            float[] customerFactors = new float[matrix.customerCount() * k];
            float[] itemFactors = new float[items * k];
            for (int i = 0; i < customerFactors.length; i++) {
                customerFactors[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < itemFactors.length; i++) {
                // A few strong factors per item, as trained models have, and many near zero.
                itemFactors[i] = (float) (random.nextGaussian() * (random.nextInt(8) == 0 ? 1 : 0.05));
            }
            for (int i = 0; i < 300; i++) {
                // Exact copies of earlier items: equal scores, where the lower id must win as in the exact scan.
                int from = random.nextInt(items / 2);
                System.arraycopy(itemFactors, from * k, itemFactors, (items / 2 + random.nextInt(items / 2)) * k, k);
            }
            FactorModel coded = FactorModel.fromFactors("als", k, customerFactors, itemFactors, matrix, 30, 2);
            FactorModel exact = coded.withExactScan();
            ItemFilter everyThird = item -> item % 3 == 0;
            // Only one item in 37 allowed: the walk over lower bounds must widen several times.
            ItemFilter mostItems = item -> item % 37 != 0;
            for (int c = 0; c < matrix.customerCount(); c++) {
                for (int n : new int[] {1, 10, 100}) {
                    for (Exclusions exclusions : new Exclusions[] {Exclusions.none(), Exclusions.owned().and(everyThird),
                            Exclusions.owned().and(mostItems)}) {
                        RecommendationList want = exact.recommend(c, n, exclusions);
                        RecommendationList got = coded.recommend(c, n, exclusions);
                        assertArrayEquals(want.items(), got.items(), "k " + k + ", customer " + c + ", n " + n);
                        assertArrayEquals(want.scores(), got.scores(), 0f, "k " + k + ", customer " + c + ", n " + n);
                    }
                }
            }
        }
    }

    @Test
    void theScalarPathIsChosenWithoutTheModuleOrWhenSwitchedOff() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(present && !"false".equals(System.getProperty("tailor.vector")), FactorModel.VECTOR);
    }
}
