package dev.tailor.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI's JMH smoke run: every benchmark that needs no external data runs once, briefly, in this JVM, and
 * must produce a finite score. It proves the benchmarks work, not how fast anything is (the full run and
 * its numbers are in RESULTS.md).
 */
class BenchmarkSmokeTest {
    @Test
    void everySelfContainedBenchmarkRunsAndScores() throws RunnerException {
        Set<String> ran = runBriefly("dev\\.tailor\\.benchmarks\\.(FactorScoring|KnnScoring|Ingestion|Generator|Fit|Offers)Benchmark",
                "data", "generated", true);
        assertEquals(Set.of("FactorScoringBenchmark.baselineSum", "FactorScoringBenchmark.tailorTop10",
                "FactorScoringBenchmark.tailorBatchOf16", "OffersBenchmark.baselineScanOfTheItemFactors",
                "OffersBenchmark.cachedOffers", "OffersBenchmark.record", "OffersBenchmark.uncachedOffers",
                "OffersBenchmark.uncachedOffersApproximate", "OffersBenchmark.uncachedOffersLoaded",
                "OffersBenchmark.cachedOffersLoaded",
                "FitBenchmark.baselineLinearScore", "FitBenchmark.tailorAdviseAllSizes", "FitBenchmark.tailorScoreOneSize",
                "FitBenchmark.tailorObservationalScoreOneSize",
                "GeneratorBenchmark.baselineStoreRandomEvents", "GeneratorBenchmark.generateShop",
                "IngestionBenchmark.baselineReadLines", "IngestionBenchmark.tailorCsvReader",
                "KnnScoringBenchmark.baselineReadNeighbourLists", "KnnScoringBenchmark.tailorTop10"), ran);
    }

    @Test
    void theEaseBenchmarkRunsOnASmallCatalog() throws RunnerException {
        Set<String> ran = runBriefly("dev\\.tailor\\.benchmarks\\.EaseScoringBenchmark", "items", "400", false);
        assertEquals(Set.of("tailorTop10", "baselineSumOfHistoryRows"), ran);
    }

    @Test
    void theApproximateCandidateBenchmarkRunsOnASmallCatalog() throws RunnerException {
        Set<String> ran = runBriefly("dev\\.tailor\\.benchmarks\\.AnnBenchmark", "items", "20000", false);
        assertEquals(Set.of("exactTop10", "approximateTop10Width100", "approximateTop10Width200", "approximateTop10Width400",
                "baselineSum"), ran);
    }

    /** Runs the matching benchmarks once, briefly, in this JVM; every score must be finite and positive. */
    private static Set<String> runBriefly(String include, String param, String value, boolean withClassName)
            throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(include)
                .param(param, value)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .shouldFailOnError(true)
                .build()).run();
        Set<String> ran = new TreeSet<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            assertTrue(Double.isFinite(score) && score > 0, label + " scored " + score);
            ran.add(withClassName ? label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1)
                    : label.substring(label.lastIndexOf('.') + 1));
        }
        return ran;
    }
}
