package dev.tailor.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark gate CI runs: each scoring hot path against the baseline measured beside it in the same fork,
 * failing when the ratio regresses past its limit. Ratios, not times, so a slower or busier machine does not fail
 * the gate by itself; and when a baseline is more than 30 % off its usual time (the machine was busy in a way that
 * moves ratios too) the group is measured once more, and the run says so. The load average before and after each
 * group is printed beside its figures.
 *
 * <p>Each limit is an issue's target where there is one, else the ratio measured on this machine (RESULTS.md,
 * "Benchmark gate") plus 50 %: ratios move by up to 20 % between quiet runs here and by 60 % when a build shares the
 * two cores, so a real regression of a hot path (losing the SIMD kernels costs 2–12 ×) fails and noise on a quiet
 * machine does not. Run it on a quiet machine. A change that makes a path faster should lower its limit with it.
 *
 * <p>Run: {@code java -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.BenchmarkGate} (about
 * 6 minutes here; exit code 1 when a check fails). Extra arguments go to the benchmark JVMs, e.g.
 * {@code -Dtailor.vector=false} to show the gate failing on the scalar kernels.
 */
public final class BenchmarkGate {
    /** How far a baseline may be from its usual time before its group is measured again. */
    static final double BASELINE_DRIFT = 0.30;

    /**
     * One check: a benchmark against the baseline of its class.
     *
     * @param benchmark class and method of the hot path
     * @param baseline class and method of the baseline measured in the same fork
     * @param limit the largest ratio that passes
     * @param usualBaselineMicros the baseline's usual time on this machine, in µs
     */
    record Check(String benchmark, String baseline, double limit, double usualBaselineMicros) {
        String benchmarkClass() {
            return benchmark.substring(0, benchmark.indexOf('.'));
        }
    }

    /** The verdict on one check, from the scores of one run. */
    record Verdict(Check check, double micros, double baselineMicros) {
        double ratio() {
            return micros / baselineMicros;
        }

        boolean passes() {
            return Double.isFinite(ratio()) && ratio() <= check.limit();
        }

        boolean baselineDrifted() {
            return Math.abs(baselineMicros / check.usualBaselineMicros() - 1) > BASELINE_DRIFT;
        }
    }

    /**
     * Limits: the targets of the issues where there is one (factor top-10 ≤ 0.6 × the scan, uncached offers ≤ 2 ×),
     * else 1.5 × the ratio of the gate run of 2026-12-06 (RESULTS.md); usual baselines from the same runs.
     */
    static final List<Check> CHECKS = List.of(
            new Check("FactorScoringBenchmark.tailorTop10", "FactorScoringBenchmark.baselineSum", 0.6, 1_280),
            new Check("KnnScoringBenchmark.tailorTop10", "KnnScoringBenchmark.baselineReadNeighbourLists", 1.5 * 18.7, 3.3),
            new Check("EaseScoringBenchmark.tailorTop10", "EaseScoringBenchmark.baselineSumOfHistoryRows", 1.5 * 1.0, 80),
            new Check("OffersBenchmark.uncachedOffers", "OffersBenchmark.baselineScanOfTheItemFactors", 2.0, 1_300),
            new Check("OffersBenchmark.cachedOffers", "OffersBenchmark.baselineScanOfTheItemFactors", 1.5 * 8e-5, 1_300));

    private BenchmarkGate() {
    }

    /**
     * Runs the gate.
     *
     * @param args JVM arguments added to every benchmark fork
     * @throws RunnerException if JMH cannot run
     */
    public static void main(String[] args) throws RunnerException {
        Map<String, List<Check>> byClass = new LinkedHashMap<>();
        CHECKS.forEach(check -> byClass.computeIfAbsent(check.benchmarkClass(), c -> new ArrayList<>()).add(check));
        List<Verdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, List<Check>> group : byClass.entrySet()) {
            List<Verdict> run = measure(group.getKey(), group.getValue(), args);
            if (run.stream().anyMatch(Verdict::baselineDrifted)) {
                System.out.printf(Locale.ROOT, "%s: a baseline is more than %.0f %% off its usual time; measuring again%n",
                        group.getKey(), 100 * BASELINE_DRIFT);
                run = measure(group.getKey(), group.getValue(), args);
            }
            verdicts.addAll(run);
        }
        System.out.println();
        System.out.println(table(verdicts));
        boolean failed = verdicts.stream().anyMatch(verdict -> !verdict.passes());
        System.out.println(failed ? "GATE FAILED: a hot path is slower against its baseline than its limit allows"
                : "gate passed");
        System.exit(failed ? 1 : 0);
    }

    private static List<Verdict> measure(String benchmarkClass, List<Check> checks, String[] jvmArgs) throws RunnerException {
        List<String> methods = new ArrayList<>();
        for (Check check : checks) {
            for (String name : List.of(check.benchmark(), check.baseline())) {
                String method = name.substring(name.indexOf('.') + 1);
                if (!methods.contains(method)) {
                    methods.add(method);
                }
            }
        }
        List<String> forkArgs = new ArrayList<>(List.of("-Xmx8g", "--add-modules=jdk.incubator.vector"));
        forkArgs.addAll(List.of(jvmArgs));
        // Warm-up and measurement are the class's own (its annotations): the offers need longer to warm up than a scan.
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("dev\\.tailor\\.benchmarks\\." + benchmarkClass + "\\.(" + String.join("|", methods) + ")$")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .jvmArgsAppend(forkArgs.toArray(String[]::new))
                .shouldFailOnError(true);
        String before = loadAverage();
        Collection<RunResult> results = new Runner(options.build()).run();
        String after = loadAverage();
        Map<String, Double> micros = new LinkedHashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            micros.put(label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1),
                    result.getPrimaryResult().getScore());
        }
        System.out.printf(Locale.ROOT, "%s: load average before %s, after %s%n", benchmarkClass, before, after);
        List<Verdict> verdicts = new ArrayList<>();
        for (Check check : checks) {
            verdicts.add(new Verdict(check, micros.getOrDefault(check.benchmark(), Double.NaN),
                    micros.getOrDefault(check.baseline(), Double.NaN)));
        }
        return verdicts;
    }

    /** The verdicts as a Markdown table. */
    static String table(List<Verdict> verdicts) {
        StringBuilder out = new StringBuilder(
                "| benchmark | µs | baseline | baseline µs (usual) | ratio | limit | |\n|---|---|---|---|---|---|---|\n");
        for (Verdict verdict : verdicts) {
            Check check = verdict.check();
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.1f (%.1f) | %.3g | %.3g | %s |%n", check.benchmark(),
                    verdict.micros(), check.baseline().substring(check.baseline().indexOf('.') + 1),
                    verdict.baselineMicros(), check.usualBaselineMicros(), verdict.ratio(), check.limit(),
                    verdict.passes() ? "pass" : "FAIL"));
        }
        return out.toString();
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" where the system does not say. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
