package dev.tailor.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.benchmarks.BenchmarkGate.Check;
import dev.tailor.benchmarks.BenchmarkGate.Verdict;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The gate's decisions, without running JMH (BenchmarkSmokeTest runs the benchmarks themselves). */
class BenchmarkGateTest {
    private static final Check CHECK = new Check("FactorScoringBenchmark.tailorTop10", "FactorScoringBenchmark.baselineSum",
            0.34, 1_280);

    @Test
    void aRatioAtTheLimitPassesAndOnePastItFails() {
        assertTrue(new Verdict(CHECK, 340, 1_000).passes());
        assertFalse(new Verdict(CHECK, 341, 1_000).passes());
        // The scalar kernels' factor scan, as measured with -Dtailor.vector=false: 2.4 × the SIMD one's ratio and more.
        assertFalse(new Verdict(CHECK, 1_100, 1_280).passes());
    }

    @Test
    void aMissingScoreFailsRatherThanPasses() {
        assertFalse(new Verdict(CHECK, Double.NaN, 1_000).passes());
        assertFalse(new Verdict(CHECK, 300, Double.NaN).passes());
    }

    @Test
    void aBaselineMoreThanThirtyPercentOffItsUsualTimeCallsForAnotherRun() {
        assertFalse(new Verdict(CHECK, 300, 1_280 * 1.29).baselineDrifted());
        assertTrue(new Verdict(CHECK, 300, 1_280 * 1.31).baselineDrifted());
        assertTrue(new Verdict(CHECK, 300, 1_280 * 0.69).baselineDrifted());
    }

    @Test
    void everyCheckNamesABenchmarkThatExists() throws Exception {
        Set<String> declared = BenchmarkGate.CHECKS.stream()
                .flatMap(check -> List.of(check.benchmark(), check.baseline()).stream()).collect(Collectors.toSet());
        for (String name : declared) {
            String[] parts = name.split(Pattern.quote("."));
            Class<?> type = Class.forName("dev.tailor.benchmarks." + parts[0]);
            assertEquals(parts[1], type.getMethod(parts[1]).getName(), name);
            assertTrue(type.getMethod(parts[1]).isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class), name);
        }
    }

    @Test
    void theTableSaysWhichCheckFailed() {
        String table = BenchmarkGate.table(List.of(new Verdict(CHECK, 300, 1_000), new Verdict(CHECK, 500, 1_000)));
        assertTrue(table.contains("| 0.300 | 0.340 | pass |"), table);
        assertTrue(table.contains("| 0.500 | 0.340 | FAIL |"), table);
    }
}
