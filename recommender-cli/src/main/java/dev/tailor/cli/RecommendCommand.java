package dev.tailor.cli;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import dev.tailor.matrix.WeightingPolicy;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor recommend}: train on all events and list the best items for one customer. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Train on all events and list the best items for one customer, leaving out what they already have.")
final class RecommendCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSourceMixin data;

    @Option(names = "--customer", paramLabel = "ID", required = true, description = "External customer id.")
    String customer;

    @Option(names = {"--algorithm", "-a"}, paramLabel = "SPEC", defaultValue = "popular",
            description = "Algorithm: " + dev.tailor.engines.Trainers.HELP + " (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "How many items (default: ${DEFAULT-VALUE}).")
    int n;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new IllegalArgumentException("-n must be at least 1, was " + n);
        }
        RecommenderTrainer trainer = dev.tailor.engines.Trainers.parse(algorithm, data.options.seed);
        TerminalProgress progress = TerminalProgress.of(spec);
        Dataset dataset = progress.indeterminate("reading", () -> data.options.load(spec.commandLine().getErr()));
        EventLog events = dataset.events();
        DataProblem.requireItemsToRank(events, dataset.name());
        int id = events.customers().find(customer);
        if (id < 0) {
            throw new IllegalArgumentException("customer '" + customer + "' has no events in " + dataset.name());
        }
        Recommender model = progress.indeterminate("training " + trainer.name(),
                () -> trainer.train(TrainingData.of(events, WeightingPolicy.defaults())));
        RecommendationList list = model.recommend(id, n);
        if (list.size() == 0) {
            throw new DataProblem("nothing is left to recommend to customer '" + customer + "': " + model.name()
                    + " ranks " + model.itemCount() + " items and the customer has every one of them");
        }
        print(spec.commandLine().getOut(), dataset.catalog(), events, list, model.name());
        return 0;
    }

    /** Prints a list. */
    static void print(PrintWriter out, Catalog catalog, EventLog events, RecommendationList list, String model) {
        out.printf("offers for customer %s (%s):%n", events.customers().externalId(list.customer()), model);
        for (int rank = 0; rank < list.size(); rank++) {
            int item = list.item(rank);
            String category = catalog.has(item) ? catalog.get(item).category() : "-";
            String title = catalog.has(item) ? catalog.get(item).attributes().getOrDefault("title", "") : "";
            out.printf(Locale.ROOT, "%3d. %-24s %-22s score %.3f%s%n", rank + 1, events.items().externalId(item), category,
                    list.score(rank), title.isEmpty() ? "" : "  " + title);
        }
    }
}
