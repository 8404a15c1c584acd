package dev.tailor.benchmarks;

import dev.tailor.configure.CompletionMethod;
import dev.tailor.configure.CompletionEvaluation;
import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.configure.SolutionSpace;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShirtOptions;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.datasets.renault.RenaultHistories;
import dev.tailor.datasets.renault.XcspReader;
import dev.tailor.ingest.ParseMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Configuration completion on the Renault histories and generated made-to-measure orders, by the
 * reveal-one-variable-at-a-time protocol ({@link CompletionEvaluation}); prints Markdown for RESULTS.md.
 *
 * <p>Sections (all when no argument is given): {@code cfn-medium}, {@code cfn-big}, {@code raw}, {@code mtm};
 * {@code cfn-big-all} runs big with constraints on all 10 folds instead of fold 9 (about 2 minutes per
 * method and fold on 2 cores: each step computes exact valid values on the 227,023-node projected space);
 * {@code methods=chow-liu,nearest} runs only the methods whose names start so.
 * Seed 42 for reveal orders and random folds; 2 threads.
 *
 * <p>Run: {@code java -Xmx8g -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.ConfigurationComparison}
 */
public final class ConfigurationComparison {
    private static final long SEED = 42;
    private static final int THREADS = 2;
    private static final int[] SHOWN_STEPS = {0, 1, 2, 5, 10, 20, 40, 80};

    private ConfigurationComparison() {
    }

    /** Runs the chosen sections on the datasets that are available. */
    public static void main(String[] args) {
        Set<String> sections = new java.util.HashSet<>(List.of(args));
        List<CompletionMethod> all = List.of(CompletionMethod.conditionalFrequencies(), CompletionMethod.naiveBayes(), CompletionMethod.nearestConfigurations(),
                CompletionMethod.chowLiuTree());
        List<CompletionMethod> chosen = all;
        for (String arg : args) {
            if (arg.startsWith("methods=")) {
                Set<String> names = Set.of(arg.substring("methods=".length()).split(","));
                chosen = all.stream().filter(m -> names.stream().anyMatch(m.name()::startsWith)).toList();
                sections.remove(arg);
            }
        }
        List<CompletionMethod> methods = chosen;
        if (sections.isEmpty()) {
            sections.addAll(List.of("cfn-medium", "cfn-big", "raw", "mtm"));
        }
        DatasetPaths.dataset(RenaultHistories.NAME).ifPresent(folder -> {
            for (String size : List.of("medium", "big")) {
                if (sections.contains("cfn-" + size) || sections.contains("cfn-" + size + "-all")) {
                    cfnLearn(folder, size, methods, sections.contains("cfn-big-all"));
                }
            }
            if (sections.contains("raw")) {
                for (String size : List.of("small", "medium", "big")) {
                    ConfigurationHistory raw = RenaultHistories.readRaw(folder, size, ParseMode.LENIENT);
                    int[] folds = CompletionEvaluation.randomFolds(raw, 10, SEED);
                    header("br4cp-raw " + size + ": " + raw.size() + " rows holding "
                            + CompletionEvaluation.distinctConfigurations(raw) + " distinct configurations, " + raw.sales()
                            + " sales (rows weighted by sales), 10 seeded random folds by distinct configuration"
                            + " (every sale of a configuration in one fold), no constraints");
                    for (CompletionMethod method : methods) {
                        row(CompletionEvaluation.crossValidate(raw, folds, method, null, SEED, THREADS));
                    }
                }
            }
        });
        if (sections.contains("mtm")) {
            madeToMeasure(methods);
        }
    }

    private static void cfnLearn(Path folder, String size, List<CompletionMethod> methods, boolean allBigFolds) {
        ConfigurationHistory history = RenaultHistories.readFiltered(folder, size, ParseMode.STRICT);
        int[] folds = RenaultHistories.alignedFolds(folder, size, history);
        long started = System.nanoTime();
        SolutionSpace whole = SolutionSpace.compile(XcspReader.read(folder.resolve("cfn-learn").resolve(size + "_domainsorted.xml")));
        SolutionSpace space = whole.project(history.variables());
        System.out.printf(Locale.ROOT, "%n%s: %,.0f valid configurations, diagram %,d nodes / %,d edges, projected on the %d"
                + " history variables %,d nodes / %,d edges; compile + project %.1f s%n", size, whole.solutionCount(),
                whole.nodeCount(), whole.edgeCount(), history.variables().size(), space.nodeCount(), space.edgeCount(),
                (System.nanoTime() - started) / 1e9);
        header("cfn-learn " + size + ": " + history.size() + " sales, index-file folds (all 10), no constraints");
        for (CompletionMethod method : methods) {
            row(CompletionEvaluation.crossValidate(history, folds, method, null, SEED, THREADS));
        }
        boolean onlyFold9 = size.equals("big") && !allBigFolds;
        header("cfn-learn " + size + ": index-file folds, with constraints (" + (onlyFold9 ? "fold 9, as in CFN-learn's published run"
                : "all 10 folds") + ")");
        for (CompletionMethod method : methods) {
            if (onlyFold9) {
                row(CompletionEvaluation.crossValidate(history, folds, method, space, SEED, THREADS, 9));
            } else {
                row(CompletionEvaluation.crossValidate(history, folds, method, space, SEED, THREADS));
            }
        }
        if (size.equals("medium")) {
            header("cfn-learn medium: fold 9 only, with constraints (CFN-learn's published run: 821 test configurations)");
            for (CompletionMethod method : methods) {
                row(CompletionEvaluation.crossValidate(history, folds, method, space, SEED, THREADS, 9));
            }
        } else {
            int[] grouped = groupedFolds(history, folds);
            header("cfn-learn big: folds regrouped so that repeated configurations share a fold (no leakage), no constraints");
            for (CompletionMethod method : methods) {
                row(CompletionEvaluation.crossValidate(history, grouped, method, null, SEED, THREADS));
            }
        }
    }

    /** Each distinct configuration takes the fold of its first row. */
    private static int[] groupedFolds(ConfigurationHistory history, int[] folds) {
        Map<List<Integer>, Integer> first = new HashMap<>();
        int[] grouped = new int[folds.length];
        for (int r = 0; r < folds.length; r++) {
            List<Integer> key = Arrays.stream(history.rows()[r]).boxed().toList();
            first.putIfAbsent(key, folds[r]);
            grouped[r] = first.get(key);
        }
        return grouped;
    }

    private static void madeToMeasure(List<CompletionMethod> methods) {
        GeneratedShop shop = ShopGenerator.builder().seed(SEED).customers(20_000).build().generate();
        ConfigurableProduct shirt = ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN);
        ConfigurationHistory orders = ConfigurationHistory.of(shirt, shop.configurations());
        SolutionSpace space = SolutionSpace.compile(shirt);
        System.out.printf("%n**generated made-to-measure shirts (seed 42, 20,000 customers, %d orders): each repeat customer's"
                + " last order, with constraints**%n%n", orders.size());
        System.out.println("| method | customer history | prefill: attributes right | prefill: whole order right | reveal success |");
        System.out.println("|---|---|---:|---:|---:|");
        for (CompletionMethod method : methods) {
            for (boolean own : new boolean[] {false, true}) {
                CompletionEvaluation.NextOrderResult result = CompletionEvaluation.nextOrder(orders, method, space, own, SEED, THREADS);
                System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f |%n", method.name(), own ? "yes" : "no",
                        result.prefillAccuracy(), result.prefillExact(), result.reveal().successRate());
            }
        }
    }

    private static void header(String title) {
        System.out.printf("%n**%s**%n%n", title);
        StringBuilder head = new StringBuilder("| method | success | success, unforced | forced share |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|");
        for (int step : SHOWN_STEPS) {
            head.append(" ").append(step).append(" revealed |");
            rule.append("---:|");
        }
        System.out.println(head);
        System.out.println(rule);
    }

    private static void row(CompletionEvaluation.Result result) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %.4f | %s | %s |", result.method(),
                result.successRate(), result.constrained() ? String.format(Locale.ROOT, "%.4f", result.successRateUnforced()) : "-",
                result.constrained() ? String.format(Locale.ROOT, "%.3f", result.forcedShare()) : "-"));
        for (int step : SHOWN_STEPS) {
            line.append(step < result.trials().length ? String.format(Locale.ROOT, " %.4f |", result.successRate(step)) : " - |");
        }
        System.out.println(line);
    }
}
