package dev.tailor.recommend.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void theScalarPathIsChosenWithoutTheModuleOrWhenSwitchedOff() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(present && !"false".equals(System.getProperty("tailor.vector")), FactorModel.VECTOR);
    }
}
