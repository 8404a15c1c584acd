package dev.tailor.cli;

import dev.tailor.configure.CompletionMethod;
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
import dev.tailor.eval.Split;
import dev.tailor.eval.Splitter;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.Offers;
import dev.tailor.offer.Reason;
import dev.tailor.value.BgNbd;
import dev.tailor.value.CalibrationSummary;
import dev.tailor.value.GammaGamma;
import dev.tailor.value.LifetimeValue;
import dev.tailor.value.LifetimeValueEstimate;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tailor demo}: the main job on built-in data. Generates a shop, evaluates every algorithm on a
 * temporal 80/20 split, then trains every offer source (the best engine by nDCG, replenishment, made-to-measure,
 * baskets, ...) and customer value on all events, and shows three customers' individual offers with sizes,
 * reasons and value segment, and a made-to-measure completion.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a shop, evaluate every algorithm on a temporal 80/20 split, train every offer source and "
                + "customer value on all events, and show three customers' individual offers with sizes and reasons.")
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
        for (String name : dev.tailor.engines.Trainers.names()) {
            RecommenderTrainer candidate = dev.tailor.engines.Trainers.parse(name, seed);
            trainers.add(candidate);
            results.add(evaluator.evaluate(candidate, split, WeightingPolicy.defaults()));
        }
        out.print(EvaluationResult.table(results));
        int best = 0;
        for (int i = 1; i < results.size(); i++) {
            if (results.get(i).ndcg() > results.get(best).ndcg()) {
                best = i;
            }
        }
        RecommenderTrainer trainer = trainers.get(best);
        out.printf("best by nDCG@%d: %s%n%n", k, trainer.name());

        ConfigurableProduct shirt = ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN);
        LocalDate lastDay = LocalDate.ofInstant(Instant.ofEpochSecond(events.maxEpochSecond()), ZoneOffset.UTC);
        LifetimeValueEstimate value = progress.indeterminate("fitting customer value (BG/NBD x Gamma-Gamma)", () -> {
            CalibrationSummary summary = CalibrationSummary.of(events, lastDay, null, 7);
            return LifetimeValueEstimate.of(LifetimeValue.compute(summary, BgNbd.fit(summary), GammaGamma.fit(summary), 52, 12,
                    0.01));
        });
        double topFifth = value.valueAtShare(0.2);
        Offers offers = progress.indeterminate("training every offer source on all events", () -> OfferTraining
                .builder(events, shop.catalog()).engine(trainer).configurations(shop.configurations(), List.of(shirt)).train()
                .customerValue(value, topFifth).build());
        Instant now = Instant.ofEpochSecond(events.maxEpochSecond() + 1);
        OfferRequest plain = OfferRequest.builder(now).n(k).build();
        out.printf(Locale.ROOT, "individual offers (sources %s; incentive for the top 20%% by lifetime value, >= %.2f):%n%n",
                offers.weights().keySet(), topFifth);
        SplittableRandom random = new SplittableRandom(seed);
        String due = find(events, random, c -> offers.offers(c, plain).stream()
                .anyMatch(o -> o.reasons().stream().anyMatch(r -> r.kind() == Reason.Kind.TIME_TO_REPLENISH)));
        String tailored = shop.configurations().isEmpty() ? null : shop.configurations().get(shop.configurations().size() - 1).customer();
        String browsing = find(events, random, c -> true);
        for (String customer : new String[] {due, tailored, browsing}) {
            if (customer == null) {
                continue;
            }
            OfferRequest request = plain;
            if (customer.equals(browsing)) {
                String inCart = events.items().externalId(events.item(random.nextInt(events.size())));
                request = OfferRequest.builder(now).n(k).basket(List.of(inCart)).build();
                out.println("(with " + inCart + " in the basket)");
            }
            OffersCommand.print(out, customer, offers.offers(customer, request));
            value.shareAbove(customer).ifPresent(share -> out.printf(Locale.ROOT,
                    "   value: top %.0f%% of customers, expected %.2f over the next year%n", 100 * Math.max(share, 0.01),
                    value.expectedValue(customer).getAsDouble()));
            out.println();
        }
        madeToMeasure(out, shop);
        return 0;
    }

    /** A customer (by external id) found by trying random ones, or null after 500 tries. */
    private static String find(EventLog events, SplittableRandom random, java.util.function.Predicate<String> wanted) {
        for (int tries = 0; tries < 500; tries++) {
            String customer = events.customers().externalId(random.nextInt(events.customers().size()));
            if (wanted.test(customer)) {
                return customer;
            }
        }
        return null;
    }

    /** A repeat customer's prefilled shirt and a completion, inside the shirt's rules. */
    private static void madeToMeasure(PrintWriter out, GeneratedShop shop) {
        ConfigurableProduct shirt = ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN);
        ConfigurationHistory orders = ConfigurationHistory.of(shirt, shop.configurations());
        if (orders.size() < 2) {
            return;
        }
        Configurator configurator = Configurator.builder(CompletionMethod.chowLiuTree().train(orders))
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
