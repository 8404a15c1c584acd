package dev.tailor.cli;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.data.Catalog;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.datasets.generator.ShirtOptions;
import dev.tailor.fit.FitData;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.SizeFit;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.OffersModel;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.engines.Trainers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor train}: trains the offers model on a shop's events and saves it to one file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train every offer source (the engine, replenishment cycles, basket associations, made-to-measure "
                + "configurators, trends, content neighbours, the fit model for sizes) on the events up to --as-of and save "
                + "the offers model to one file that 'offers --model', 'remind --model' and a service load without the "
                + "event log.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSourceMixin data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the model (atomically, "
            + "with a checksum).")
    Path out;

    @Option(names = "-a", paramLabel = "ENGINE", defaultValue = "knn-cosine",
            description = "The collaborative engine (default: ${DEFAULT-VALUE}): " + Trainers.HELP + ".")
    String engine;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Train on events up to the end of this day (yyyy-MM-dd) "
            + "or this instant (ISO-8601); default: the latest event.")
    String asOf;

    @Option(names = "--sizes", paramLabel = "WHEN", defaultValue = "auto", description = "Train the fit model that chooses "
            + "each offer's size: auto (when the events carry fit feedback), on or off (default: ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--weight", paramLabel = "SOURCE=W", split = ",", description = "Blend weights to change, e.g. "
            + "trending=2,cf=1 (sources: cf, replenishment, configuration, basket, wish-list, trending, content, forecast, "
            + "affinity; 0 switches one off; forecast and affinity are off unless given a weight).")
    Map<String, Double> weights = Map.of();

    /**
     * Trains the offers model as this command does — the one way the command line trains offers: occasions for
     * RentTheRunway, the made-to-measure shirt for a generated shop, the fit model when asked or when the events carry
     * fit feedback ({@code sizes} auto).
     */
    static OffersModel train(DataOptions options, Dataset dataset, RecommenderTrainer trainer, Instant cut, String sizes,
            Map<String, Double> weights, TerminalProgress progress, PrintWriter err) {
        EventLog events = dataset.events();
        DataProblem.requireItemsToRank(events, dataset.name());
        // Data without stock (RentTheRunway): the sizes items were taken in by the cut stand in, so offers carry a size.
        Catalog catalog = dataset.withSizesTakenBefore(cut == null ? null : cut.plusSeconds(1)).catalog();
        OfferTraining.Builder training = OfferTraining.builder(events, catalog).engine(trainer);
        if (cut != null) {
            training.asOf(cut);
        }
        weights.forEach(training::weight);
        String source = options.sourceName();
        if ("renttherunway".equals(source)) {
            training.occasions(options.rentals().occasionOfEvent()).profiles(options.rentals().profiles());
        }
        if ("generated".equals(source)) {
            training.configurations(options.generatedShop().configurations(),
                    List.of(ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN)));
        }
        boolean hasFeedback = java.util.stream.IntStream.range(0, events.size())
                .anyMatch(e -> events.fit(e) != dev.tailor.data.FitFeedback.NONE && events.sizeLabel(e) != null);
        if (sizes.equals("on") && !hasFeedback) {
            throw new IllegalArgumentException("--sizes on: " + dataset.name() + " has no fit feedback with sizes to learn from");
        }
        if (!sizes.equals("off") && hasFeedback) {
            FitData fit = cut == null ? options.fitData(err) : options.fitData(err, cut);
            FitModel model = progress.indeterminate("training the fit model for sizes", () -> SizeFit.builder().build().train(fit));
            training.fitModel(model);
        }
        return progress.indeterminate("training every offer source", () -> training.train().buildModel());
    }

    @Override
    public Integer call() throws java.io.IOException {
        // Every setting is checked before any data is read.
        RecommenderTrainer trainer = Trainers.parse(engine, data.options.seed);
        Instant cut = asOf == null ? null : SplitSpec.instantOrEndOfDay("--as-of", asOf);
        if (!List.of("auto", "on", "off").contains(sizes)) {
            throw new IllegalArgumentException("--sizes must be auto, on or off, was '" + sizes + "'");
        }
        weights.forEach((source, weight) -> {
            if (!OfferTraining.DEFAULT_WEIGHTS.containsKey(source)) {
                throw new IllegalArgumentException("--weight: unknown source '" + source + "'; known: "
                        + OfferTraining.DEFAULT_WEIGHTS.keySet());
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("--weight: the weight of '" + source + "' must be finite and >= 0, was " + weight);
            }
        });
        TerminalProgress progress = TerminalProgress.of(spec);
        Dataset dataset = progress.indeterminate("reading", () -> data.options.load(spec.commandLine().getErr()));
        long start = System.nanoTime();
        OffersModel model = train(data.options, dataset, trainer, cut, sizes, weights, progress, spec.commandLine().getErr());
        model.save(out);
        PrintWriter terminal = spec.commandLine().getOut();
        terminal.printf(Locale.ROOT, "trained the offers model on %s up to %s in %.1f s: %,d customers, %,d items, sources %s%n",
                dataset.name(), model.trainedUntil(), (System.nanoTime() - start) / 1e9, model.customers().size(),
                model.items().size(), model.weights());
        terminal.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", out, Files.size(out));
        return 0;
    }
}
