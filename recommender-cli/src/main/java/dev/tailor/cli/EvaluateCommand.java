package dev.tailor.cli;

import dev.tailor.datasets.Dataset;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Split;
import dev.tailor.matrix.WeightingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor evaluate}: split, train, measure, print a metrics table. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Split a dataset, train each algorithm on the training part and print precision, recall, nDCG, "
                + "MAP, hit rate, MRR and coverage at k on the test part.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSourceMixin data;

    @Option(names = "--split", paramLabel = "SPEC", defaultValue = "temporal:0.8",
            description = "How to split: " + SplitSpec.HELP + " (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = {"--algorithm", "-a"}, paramLabel = "SPEC", split = dev.tailor.engines.Trainers.LIST_SPLIT, splitSynopsisLabel = ",", defaultValue = "popular",
            description = "Algorithms to evaluate, comma-separated: " + dev.tailor.engines.Trainers.HELP + " (default: ${DEFAULT-VALUE}).")
    List<String> algorithms;

    @Option(names = "--updates", paramLabel = "HOW", defaultValue = "retrain",
            description = "With --split rolling: retrain (each model retrained before every step) or record (trained before "
                    + "the first step, each customer's later events recorded into her history as a running service does) "
                    + "(default: ${DEFAULT-VALUE}).")
    String updates;

    @Option(names = "-k", paramLabel = "K", defaultValue = "10", description = "Cut-off (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--min-rating", paramLabel = "R",
            description = "Count a test item as relevant only if rated at least R (default: every test interaction counts).")
    Double minRating;

    @Override
    public Integer call() {
        // Every setting is checked before any data is read or generated.
        if (k < 1) {
            throw new IllegalArgumentException("-k must be at least 1, was " + k);
        }
        if (minRating != null && !Double.isFinite(minRating)) {
            throw new IllegalArgumentException("--min-rating must be a number, was " + minRating);
        }
        boolean rolling = SplitSpec.isRolling(split);
        Evaluator.Updates how = switch (updates) {
            case "retrain" -> Evaluator.Updates.RETRAIN;
            case "record" -> Evaluator.Updates.RECORD;
            default -> throw new IllegalArgumentException("--updates must be retrain or record, was '" + updates + "'");
        };
        if (!rolling && how != Evaluator.Updates.RETRAIN) {
            throw new IllegalArgumentException("--updates record needs --split rolling:<step>@<start>: one split has no later "
                    + "steps to record");
        }
        dev.tailor.eval.Splitter.Rolling rollingSplitter = rolling ? SplitSpec.parseRolling(split) : null;
        dev.tailor.eval.Splitter splitter = rolling ? null : SplitSpec.parse(split, data.options.seed);
        List<dev.tailor.recommend.RecommenderTrainer> trainers = new ArrayList<>();
        for (String name : algorithms) {
            trainers.add(dev.tailor.engines.Trainers.parse(name.strip(), data.options.seed));
        }
        TerminalProgress progress = TerminalProgress.of(spec);
        Dataset dataset = progress.indeterminate("reading", () -> data.options.load(spec.commandLine().getErr()));
        DataProblem.requireItemsToRank(dataset.events(), dataset.name());
        Evaluator.Builder evaluator = Evaluator.builder().k(k).progress(progress);
        if (minRating != null) {
            evaluator.minRating(minRating);
        }
        Evaluator built = evaluator.build();
        if (rolling) {
            List<dev.tailor.eval.Splitter.Rolling.Step> steps = DataProblem.rollingSteps(rollingSplitter, dataset.events(), split);
            List<dev.tailor.eval.EvaluationResult.Rolling> results = new ArrayList<>();
            for (dev.tailor.recommend.RecommenderTrainer trainer : trainers) {
                results.add(built.evaluateRolling(trainer, steps, WeightingPolicy.defaults(), how));
            }
            printDataset(dataset);
            spec.commandLine().getOut().print(dev.tailor.eval.EvaluationResult.Rolling.table(results));
            return 0;
        }
        Split parts = splitter.split(dataset.events());
        DataProblem.requireBothSides(parts, split);
        List<EvaluationResult> results = new ArrayList<>();
        for (dev.tailor.recommend.RecommenderTrainer trainer : trainers) {
            results.add(built.evaluate(trainer, parts, WeightingPolicy.defaults()));
        }
        printDataset(dataset);
        spec.commandLine().getOut().print(EvaluationResult.table(results));
        return 0;
    }

    private void printDataset(Dataset dataset) {
        spec.commandLine().getOut().println("dataset: " + dataset.name() + " (" + dataset.events().size() + " events, "
                + dataset.events().customers().size() + " customers, " + dataset.events().items().size() + " items)");
    }
}
