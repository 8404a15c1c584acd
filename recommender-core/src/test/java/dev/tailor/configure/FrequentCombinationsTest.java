package dev.tailor.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.ingest.IngestReport;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrequentCombinationsTest {
    private static ConfigurationHistory random(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] data = new int[rows][columns];
        int[] weights = new int[rows];
        Instant[] times = new Instant[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                // skewed values so that some combinations are frequent
                data[r][c] = random.nextInt(3) == 0 ? random.nextInt(3) : 0;
            }
            weights[r] = 1 + random.nextInt(4);
            times[r] = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * r);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            names.add("v" + c);
        }
        return new ConfigurationHistory("random", names, data, weights, null, times,
                new IngestReport("test", rows, rows, 0, 0, List.of()));
    }

    @Test
    void findsExactlyTheCombinationsThatEnumerationFinds() {
        for (long seed = 1; seed <= 5; seed++) {
            ConfigurationHistory history = random(200, 6, seed);
            double minShare = 0.05;
            List<FrequentCombinations.Combination> mined = FrequentCombinations.mine(history, minShare, 3);
            Map<String, Double> expected = new HashMap<>();
            for (int r = 0; r < history.size(); r++) {
                int[] row = history.rows()[r];
                for (int mask = 1; mask < 1 << 6; mask++) {
                    if (Integer.bitCount(mask) > 3) {
                        continue;
                    }
                    StringBuilder key = new StringBuilder();
                    for (int c = 0; c < 6; c++) {
                        if ((mask & 1 << c) != 0) {
                            key.append(c).append('=').append(row[c]).append(' ');
                        }
                    }
                    expected.merge(key.toString(), (double) history.weights()[r], Double::sum);
                }
            }
            expected.values().removeIf(sales -> sales < minShare * history.sales());
            Map<String, Double> found = new HashMap<>();
            for (FrequentCombinations.Combination c : mined) {
                StringBuilder key = new StringBuilder();
                for (int i = 0; i < c.columns().length; i++) {
                    key.append(c.columns()[i]).append('=').append(c.values()[i]).append(' ');
                }
                found.put(key.toString(), c.sales());
                assertEquals(c.sales() / history.sales(), c.share(), 1e-12);
            }
            assertEquals(expected, found, "seed " + seed);
            for (int i = 1; i < mined.size(); i++) {
                assertTrue(mined.get(i - 1).sales() >= mined.get(i).sales(), "most sold first");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FrequentCombinations.mine(random(10, 2, 1), 0, 2));
    }

    @Test
    void aRisingCombinationHasAPositiveTrendAndUnsoldValidPairsAreListed() {
        // a=1 gets more common every month; b=1 sells, but never with a=1
        int rows = 360;
        int[][] data = new int[rows][];
        Instant[] times = new Instant[rows];
        SplittableRandom random = new SplittableRandom(9);
        for (int r = 0; r < rows; r++) {
            int a = random.nextDouble() < r / (double) rows ? 1 : 0;
            data[r] = new int[] {a, a == 1 ? 0 : random.nextInt(2), 0};
            times[r] = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * r);
        }
        int[] weights = new int[rows];
        Arrays.fill(weights, 1);
        ConfigurationHistory history = new ConfigurationHistory("rising", List.of("a", "b", "c"), data, weights, null, times,
                new IngestReport("test", rows, rows, 0, 0, List.of()));
        List<FrequentCombinations.Combination> combinations = FrequentCombinations.mine(history, 0.1, 2);
        List<FrequentCombinations.Trend> trends = FrequentCombinations.trends(history, combinations, Period.ofMonths(1));
        FrequentCombinations.Trend top = trends.get(0);
        assertEquals("a=1", top.combination().describe(history.variables(), null));
        assertEquals(12, top.periodStarts().size());
        assertTrue(top.slope() > 0.05, "about +1/12 per month: " + top.slope());
        assertTrue(trends.get(trends.size() - 1).slope() < -0.05, "a=0 falls");
        // c is always 0 in sales but the product also allows c=1, and only with b=1
        ConfigurableProduct product = new ConfigurableProduct("rising", List.of("a", "b", "c"), new int[][] {{0, 1}, {0, 1}, {0, 1}},
                List.of(new TableConstraint("c1 needs b1", new int[] {1, 2}, new int[][] {{0, 0}, {1, 0}, {1, 1}}, true)));
        List<FrequentCombinations.Combination> unchosen = FrequentCombinations.unchosenPairs(history, SolutionSpace.compile(product), 0.0001);
        assertEquals(List.of("a=1 + b=1"), unchosen.stream().map(c -> c.describe(history.variables(), null)).toList(),
                "valid, both parts sell, never sold together; c=1 never sells, so it is not listed");
    }
}
