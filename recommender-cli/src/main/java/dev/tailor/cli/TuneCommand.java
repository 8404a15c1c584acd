package dev.tailor.cli;

import dev.tailor.datasets.Dataset;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Tuning;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommenderTrainer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor tune}: grid or random search over settings on a validation split. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Search settings on a validation split carved from the training part, then report the best "
                + "candidate's result on the test part. Alternatives are separated by '|': "
                + "-a 'als(factors=16|32|64,lambda=1|10)' is a grid of 6.")
final class TuneCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSourceMixin data;

    @Option(names = "--split", paramLabel = "SPEC", defaultValue = "random:0.25",
            description = "How to split (test part, then validation inside training): " + SplitSpec.HELP
                    + " (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = {"--algorithm", "-a"}, paramLabel = "GRID", required = true, split = dev.tailor.engines.Trainers.LIST_SPLIT, splitSynopsisLabel = ",",
            description = "Algorithm grids, comma-separated.")
    List<String> grids;

    @Option(names = "--samples", paramLabel = "N",
            description = "Random search: evaluate N combinations drawn (seeded) from the grid instead of all.")
    Integer samples;

    @Option(names = "--folds", paramLabel = "N", defaultValue = "1",
            description = "Validation splits to average (seeds seed+1..seed+N; random splits only) (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "-k", paramLabel = "K", defaultValue = "10", description = "Cut-off (default: ${DEFAULT-VALUE}).")
    int k;

    @Override
    public Integer call() {
        long seed = data.options.seed;
        List<String> specs = new ArrayList<>();
        for (String grid : grids) {
            specs.addAll(expand(grid.strip()));
        }
        if (samples != null) {
            if (samples < 1) {
                throw new IllegalArgumentException("--samples must be at least 1, was " + samples);
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = specs.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                String t = specs.get(i);
                specs.set(i, specs.get(j));
                specs.set(j, t);
            }
            specs = new ArrayList<>(specs.subList(0, Math.min(samples, specs.size())));
        }
        List<RecommenderTrainer> candidates = new ArrayList<>();
        for (String s : specs) {
            candidates.add(dev.tailor.engines.Trainers.parse(s, seed));
        }
        if (k < 1) {
            throw new IllegalArgumentException("-k must be at least 1, was " + k);
        }
        if (folds < 1) {
            throw new IllegalArgumentException("--folds must be at least 1, was " + folds);
        }
        boolean seeded = split.startsWith("random:");
        if (folds > 1 && !seeded) {
            throw new IllegalArgumentException("--folds " + folds + " needs a random split (random:F): a " + split
                    + " split cuts the same way every time, so its folds would all be one");
        }
        List<dev.tailor.eval.Splitter> validation = new ArrayList<>();
        for (int f = 1; f <= folds; f++) {
            validation.add(SplitSpec.parse(split, seed + f));
        }
        dev.tailor.eval.Splitter outerSplitter = SplitSpec.parse(split, seed);
        TerminalProgress progress = TerminalProgress.of(spec);
        Dataset dataset = progress.indeterminate("reading", () -> data.options.load(spec.commandLine().getErr()));
        DataProblem.requireItemsToRank(dataset.events(), dataset.name());
        dev.tailor.eval.Split outer = outerSplitter.split(dataset.events());
        DataProblem.requireBothSides(outer, split);
        Tuning.Outcome outcome = Tuning.search(candidates, outer, validation,
                Evaluator.builder().k(k).progress(progress).build(), WeightingPolicy.defaults());
        PrintWriter out = spec.commandLine().getOut();
        out.println("dataset: " + dataset.name() + ", " + candidates.size() + " candidates");
        out.print(EvaluationResult.table(outcome.validation()));
        out.println();
        out.println("best on validation: " + outcome.best().name());
        out.print(EvaluationResult.table(List.of(outcome.test())));
        return 0;
    }

    /** All combinations of a spec whose setting values may hold alternatives separated by '|'. */
    static List<String> expand(String spec) {
        int open = spec.indexOf('(');
        if (open < 0 || !spec.endsWith(")")) {
            return List.of(spec);
        }
        String name = spec.substring(0, open);
        List<String> combos = new ArrayList<>(List.of(""));
        for (String pair : spec.substring(open + 1, spec.length() - 1).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("algorithm '" + spec + "': setting '" + pair + "' is not name=value");
            }
            String key = pair.substring(0, eq).strip();
            List<String> next = new ArrayList<>();
            for (String combo : combos) {
                for (String value : pair.substring(eq + 1).split("\\|")) {
                    next.add(combo + (combo.isEmpty() ? "" : ",") + key + "=" + value.strip());
                }
            }
            combos = next;
        }
        List<String> specs = new ArrayList<>();
        for (String combo : combos) {
            specs.add(name + "(" + combo + ")");
        }
        return specs;
    }
}
