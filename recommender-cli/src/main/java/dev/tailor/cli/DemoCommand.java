package dev.tailor.cli;

import dev.tailor.configure.ChowLiuTree;
import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.configure.Configurator;
import dev.tailor.configure.SolutionSpace;
import dev.tailor.configure.Suggestion;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShirtOptions;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.ResultsTable;
import dev.tailor.eval.Split;
import dev.tailor.eval.Splitter;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tailor demo}: the main job on built-in data. Generates a shop, evaluates every algorithm on a
 * temporal 80/20 split, trains the best (by nDCG) on all events and shows offers for three customers.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a shop, evaluate every algorithm on a temporal 80/20 split, train the best on all "
                + "events and show offers for three customers.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "5000", description = "Customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "-k", paramLabel = "K", defaultValue = "10", description = "Cut-off and offers shown (default: ${DEFAULT-VALUE}).")
    int k;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = TerminalProgress.of(spec);
        GeneratedShop shop = progress.indeterminate("generating a shop of " + customers + " customers",
                () -> ShopGenerator.builder().seed(seed).customers(customers).build().generate());
        EventLog events = shop.events();
        out.printf("shop: %d events, %d customers, %d items, %d made-to-measure orders%n", events.size(),
                events.customers().size(), events.items().size(), shop.configurations().size());

        Split split = Splitter.temporal(0.8).split(events);
        Evaluator evaluator = Evaluator.builder().k(k).progress(progress).build();
        List<RecommenderTrainer> trainers = new ArrayList<>();
        List<EvaluationResult> results = new ArrayList<>();
        for (String name : dev.tailor.recommend.Trainers.names()) {
            RecommenderTrainer candidate = dev.tailor.recommend.Trainers.parse(name, seed);
            trainers.add(candidate);
            results.add(evaluator.evaluate(candidate, split, WeightingPolicy.defaults()));
        }
        out.print(ResultsTable.format(results));
        int best = 0;
        for (int i = 1; i < results.size(); i++) {
            if (results.get(i).ndcg() > results.get(best).ndcg()) {
                best = i;
            }
        }
        RecommenderTrainer trainer = trainers.get(best);
        out.printf("best by nDCG@%d: %s%n%n", k, trainer.name());

        Recommender model = progress.indeterminate("training " + trainer.name() + " on all events",
                () -> trainer.train(TrainingData.of(events, WeightingPolicy.defaults())));
        SplittableRandom random = new SplittableRandom(seed);
        for (int shown = 0; shown < 3; shown++) {
            int customer = random.nextInt(events.customers().size());
            RecommendCommand.print(out, shop.catalog(), events, model.recommend(customer, k), model.name());
            out.println();
        }
        madeToMeasure(out, shop);
        return 0;
    }

    /** A repeat customer's prefilled shirt and a completion, inside the shirt's rules. */
    private static void madeToMeasure(PrintWriter out, GeneratedShop shop) {
        ConfigurableProduct shirt = ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN);
        ConfigurationHistory orders = ConfigurationHistory.of(shirt, shop.configurations());
        if (orders.size() < 2) {
            return;
        }
        Configurator configurator = Configurator.builder(new ChowLiuTree().train(orders))
                .solutionSpace(SolutionSpace.compile(shirt)).labels(shirt).build();
        String repeat = orders.customers()[orders.size() - 1];
        List<int[]> own = new ArrayList<>();
        for (int r = 0; r < orders.size(); r++) {
            if (orders.customers()[r].equals(repeat)) {
                own.add(orders.rows()[r]);
            }
        }
        int[] prefilled = configurator.prefill(own).orElseThrow();
        StringBuilder text = new StringBuilder();
        for (int v = 0; v < prefilled.length; v++) {
            text.append(v > 0 ? ", " : "").append(shirt.variables().get(v)).append('=').append(shirt.label(v, prefilled[v]));
        }
        out.printf("made-to-measure shirt, repeat order for %s (%d previous): %s%n", repeat, own.size(), text);
        int[] partial = new int[shirt.size()];
        java.util.Arrays.fill(partial, ConfigurableProduct.UNSET);
        partial[shirt.indexOf("cuff")] = shirt.valueOf(shirt.indexOf("cuff"), "french");
        out.println("a new customer chose french cuffs; the valid options, most likely first:");
        for (Suggestion s : configurator.complete(partial, List.of())) {
            out.printf("  %s: %s%n", s.variable(), String.join(", ", s.values().stream().limit(4)
                    .map(v -> String.format(java.util.Locale.ROOT, "%s %.2f", v.label(), v.probability())).toList()));
        }
    }
}
