package dev.tailor.recommend;

import dev.tailor.recommend.kit.TopN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopNTest {
    @Test
    void keepsTheBestNInDescendingOrderMatchingAFullSort() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int items = 1 + random.nextInt(300);
            int n = random.nextInt(20);
            float[] scores = new float[items];
            for (int i = 0; i < items; i++) {
                scores[i] = random.nextInt(50) / 7f; // many ties
            }
            TopN top = new TopN(n);
            for (int i = 0; i < items; i++) {
                top.offer(i, scores[i]);
            }
            int[] expected = IntStream.range(0, items).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                    .limit(n).mapToInt(Integer::intValue).toArray();
            RecommendationList list = top.drain(3);
            assertArrayEquals(expected, list.items(), "trial " + trial);
            assertEquals(0, top.size());
        }
    }

    @Test
    void ignoresNaNScoresAndReportsThresholdOnceFull() {
        TopN top = new TopN(2);
        top.offer(0, Float.NaN);
        assertEquals(Float.NEGATIVE_INFINITY, top.threshold());
        top.offer(1, 1f);
        top.offer(2, 3f);
        top.offer(3, 2f);
        assertEquals(2f, top.threshold());
        assertArrayEquals(new int[] {2, 3}, top.drain(0).items());
        assertArrayEquals(new float[0], new TopN(0).drain(0).scores());
        assertEquals("[]", Arrays.toString(new TopN(0).drain(0).items()));
    }
}
