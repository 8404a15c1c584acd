package dev.tailor.benchmarks;

import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.fit.FitData;
import dev.tailor.fit.FitEvaluation;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.FitSignal;
import dev.tailor.fit.SizeFit;
import dev.tailor.ingest.ParseMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fit prediction and size advice on RentTheRunway (Misra, Wan &amp; McAuley, RecSys 2018), the full model
 * against baselines trained and scored in the same run; prints Markdown for RESULTS.md.
 *
 * <p>Sections (all when no argument is given): {@code random} (seeded 80/10/10 split of the rentals, as
 * the paper; seed 42), {@code seeds} (the main rows on the random splits of seeds 1, 2, 3 and 42, with their
 * mean), {@code calibration} (reliability curves and Brier scores on seed 42's test part, as PNG files under
 * {@code recommender-benchmarks/results/}), {@code generated} (true sizes recovered on a generated shop of 20,000
 * customers), {@code temporal} (train before 2017-01-01, the latest 10 % of it for validation, test after),
 * {@code latent} (the published latent true-size model alone on the four random splits and the temporal one),
 * {@code response} (the size response's strength against the validation part's AUC and advice), {@code search}
 * (the grid on the random split's validation part that chose the defaults).
 *
 * <p>Run: {@code java -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.FitComparison}
 */
public final class FitComparison {
    private static final long SEED = 42;

    private FitComparison() {
    }

    /** Runs the chosen sections. */
    public static void main(String[] args) {
        Set<String> sections = args.length == 0
                ? Set.of("random", "temporal", "seeds", "calibration", "response", "search", "generated") : Set.of(args);
        if (sections.contains("generated")) {
            generated();
        }
        if (sections.equals(Set.of("generated"))) {
            return;
        }
        long start = System.nanoTime();
        RentTheRunway.Rentals rentals = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT);
        FitData data = rentals.fitData();
        System.out.printf(Locale.ROOT, "read %s in %.1f s%n%n", data, (System.nanoTime() - start) / 1e9);
        if (sections.contains("search")) {
            search(data, FitEvaluation.randomSplit(data, 0.8, 0.1, SEED));
        }
        if (sections.contains("random")) {
            compare("Random 80/10/10 split, seed " + SEED, data, FitEvaluation.randomSplit(data, 0.8, 0.1, SEED));
        }
        if (sections.contains("temporal")) {
            compare("Temporal split: train before 2017-01-01 (latest 10 % of it as validation), test after", data,
                    FitEvaluation.temporalSplit(data, Instant.parse("2017-01-01T00:00:00Z"), 0.1));
        }
        if (sections.contains("seeds")) {
            seeds(data);
        }
        if (sections.contains("latent")) {
            latent(data);
        }
        if (sections.contains("response")) {
            response(data, FitEvaluation.randomSplit(data, 0.8, 0.1, SEED));
        }
        if (sections.contains("calibration")) {
            calibration(data, FitEvaluation.randomSplit(data, 0.8, 0.1, SEED));
        }
    }

    private static void generated() {
        GeneratedShop shop = ShopGenerator.builder().seed(SEED).customers(20_000).build().generate();
        FitData data = FitData.builder(shop.events()).catalog(shop.catalog()).keptMeansFits(true).build();
        long t0 = System.nanoTime();
        FitModel model = SizeFit.builder().build().train(data);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "### Generated shop (seed %d, 20,000 customers): %s, trained in %.1f s%n%n", SEED, data,
                seconds);
        System.out.println("| category | customers | advised size = true size | most frequent size = true size |");
        System.out.println("|---|---|---|---|");
        for (String category : List.of("dresses", "jeans", "shirts", "shoes")) {
            int item = -1;
            for (int i = 0; i < shop.events().items().size() && item < 0; i++) {
                if (shop.catalog().has(i) && shop.catalog().get(i).category().equals(category)) {
                    item = i;
                }
            }
            boolean shoes = category.equals("shoes");
            List<String> sizes = shoes ? List.of("36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46")
                    : List.of("XS", "S", "M", "L", "XL", "XXL");
            FitEvaluation.Recovery r = FitEvaluation.sizeRecovery(model, data, item, sizes,
                    shoes ? shop.truth().shoeSize() : shop.truth().apparelSize());
            System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f |%n", category, r.customers(), r.advised(), r.mostFrequent());
        }
        System.out.println();
    }

    static final String COUNTING = "smoothed prior + customer bias (counting, not monotone in size)";
    static final String OBSERVATIONAL = "Tailor observational (all signals, not monotone in size; no advice)";
    static final String NO_RESPONSE = "Tailor size-fit without the size response";
    static final String LOGISTIC_ONLY = "Tailor size-fit, logistic stage alone (no trees, no size response)";
    static final String FULL = "**Tailor size-fit (all signals)**";

    /** The rows of the comparison; the baselines are the logistic stage over their signals, without trees. */
    static Map<String, SizeFit> trainers(SizeFit.Builder full) {
        Map<String, SizeFit> trainers = new LinkedHashMap<>();
        trainers.put("class prior", SizeFit.builder().signals(Set.of()).build());
        trainers.put("item-size prior (smoothed, backed off to item, category-size, category; not monotone in size)",
                plain().signals(EnumSet.of(FitSignal.ITEM_SIZE)).monotoneInSize(false).build());
        trainers.put(COUNTING, plain().signals(EnumSet.of(FitSignal.ITEM_SIZE, FitSignal.CUSTOMER)).monotoneInSize(false)
                .build());
        trainers.put("Tailor's true-size signal alone (monotone logistic)",
                plain().signals(EnumSet.of(FitSignal.TRUE_SIZE)).build());
        for (FitSignal left : FitSignal.values()) {
            EnumSet<FitSignal> without = EnumSet.allOf(FitSignal.class);
            without.remove(left);
            trainers.put("Tailor without " + left, SizeFit.builder().signals(without).build());
        }
        trainers.put(LOGISTIC_ONLY, plain().build());
        trainers.put(NO_RESPONSE, SizeFit.builder().sizeResponse(0).build());
        trainers.put(OBSERVATIONAL, SizeFit.builder().monotoneInSize(false).build());
        trainers.put(FULL, full.build());
        return trainers;
    }

    private static SizeFit.Builder plain() {
        return SizeFit.builder().boostedTrees(false).sizeResponse(0);
    }

    private static void compare(String title, FitData data, FitEvaluation.Split split) {
        System.out.printf(Locale.ROOT, "### %s%n%ntrain %d, validation %d, test %d observations%n%n", title,
                split.train().length, split.validation().length, split.test().length);
        System.out.println("| model | avg AUC | AUC small | AUC fit | AUC large | accuracy | macro-F1 | avg AUC warm / cold customers | avg AUC warm / cold items | train s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        int[] train = split.trainAndValidation();
        FitModel full = null;
        for (Map.Entry<String, SizeFit> entry : trainers(SizeFit.builder()).entrySet()) {
            long t0 = System.nanoTime();
            FitModel model = entry.getValue().train(data, train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            FitEvaluation.Report r = FitEvaluation.evaluate(model, data, split.test());
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f / %.4f (%d / %d) | %.4f / %.4f (%d / %d) | %.1f |%n",
                    entry.getKey(), r.all().averageAuc(), r.all().aucSmall(), r.all().aucFits(), r.all().aucLarge(),
                    r.all().accuracy(), r.all().macroF1(), r.warmCustomers().averageAuc(), r.coldCustomers().averageAuc(),
                    r.warmCustomers().observations(), r.coldCustomers().observations(), r.warmItems().averageAuc(),
                    r.coldItems().averageAuc(), r.warmItems().observations(), r.coldItems().observations(), seconds);
            full = model;
        }
        long t0 = System.nanoTime();
        LatentTrueSize latent = latentTrueSize(data, split);
        double[] latentP = latent.probabilities(data, split.test());
        double latentSeconds = (System.nanoTime() - t0) / 1e9;
        FitEvaluation.Metrics m = FitEvaluation.measure(latentP, data, split.test());
        System.out.printf(Locale.ROOT, "| 1-D latent true size as published (Sembium et al. 2017; Misra et al.'s 1-LV, logistic) | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | | | %.1f |%n",
                m.averageAuc(), m.aucSmall(), m.aucFits(), m.aucLarge(), m.accuracy(), m.macroF1(), latentSeconds);
        System.out.println();
        System.out.println(latent + ", settings chosen on the validation part");
        FitEvaluation.AdviceMetrics ours = FitEvaluation.advice(full, data, split.test());
        FitEvaluation.AdviceMetrics baseline = FitEvaluation.mostFrequentSizeAdvice(data, train, split.test());
        System.out.println();
        System.out.println("| size advice | rentals marked fit | advised = rented | within one size | marked small: advice larger | marked large: advice smaller |");
        System.out.println("|---|---|---|---|---|---|");
        for (Object[] row : new Object[][] {{"Tailor size-fit", ours}, {"customer's most frequent size", baseline}}) {
            FitEvaluation.AdviceMetrics a = (FitEvaluation.AdviceMetrics) row[1];
            System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f (of %d) | %.4f (of %d) |%n", row[0], a.fitted(),
                    a.exact(), a.withinOne(), a.largerAfterSmall(), a.tooSmall(), a.smallerAfterLarge(), a.tooLarge());
        }
        System.out.println();
    }

    /** The published latent true-size model, its settings chosen on the validation part, retrained on train + validation. */
    static LatentTrueSize latentTrueSize(FitData data, FitEvaluation.Split split) {
        double best = -1;
        double[] chosen = null;
        for (boolean fromLabels : new boolean[] {false, true}) {
            for (double l2 : new double[] {0.01, 0.1}) {
                for (int epochs : new int[] {20, 50}) {
                    for (double rate : new double[] {0.01, 0.05}) {
                        LatentTrueSize model = LatentTrueSize.train(data, split.train(), l2, epochs, rate, fromLabels);
                        double auc = FitEvaluation.measure(model.probabilities(data, split.validation()), data,
                                split.validation()).averageAuc();
                        if (auc > best) {
                            best = auc;
                            chosen = new double[] {l2, epochs, rate, fromLabels ? 1 : 0};
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n1-D latent true size: l2 %.3f, %d epochs, step %.2f, from %s (validation avg AUC %.4f)%n",
                chosen[0], (int) chosen[1], chosen[2], chosen[3] == 1 ? "the size labels" : "0", best);
        return LatentTrueSize.train(data, split.trainAndValidation(), chosen[0], (int) chosen[1], chosen[2], chosen[3] == 1);
    }

    /** The published latent true-size model on the four random splits and the temporal split. */
    private static void latent(FitData data) {
        System.out.println("### The published latent true-size model (Sembium et al. 2017), test parts");
        System.out.println();
        System.out.println("| split | avg AUC | AUC small | AUC fit | AUC large |");
        System.out.println("|---|---|---|---|---|");
        Map<String, FitEvaluation.Split> splits = new LinkedHashMap<>();
        for (long seed : new long[] {1, 2, 3, 42}) {
            splits.put("random, seed " + seed, FitEvaluation.randomSplit(data, 0.8, 0.1, seed));
        }
        splits.put("temporal, cut 2017-01-01", FitEvaluation.temporalSplit(data, Instant.parse("2017-01-01T00:00:00Z"), 0.1));
        for (Map.Entry<String, FitEvaluation.Split> e : splits.entrySet()) {
            FitEvaluation.Split split = e.getValue();
            LatentTrueSize model = latentTrueSize(data, split);
            FitEvaluation.Metrics m = FitEvaluation.measure(model.probabilities(data, split.test()), data, split.test());
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f |%n", e.getKey(), m.averageAuc(), m.aucSmall(),
                    m.aucFits(), m.aucLarge());
        }
        System.out.println();
    }

    /** The main rows on four seeded random splits, trained on train + validation, measured on test. */
    private static void seeds(FitData data) {
        long[] seeds = {1, 2, 3, 42};
        Map<String, SizeFit> all = trainers(SizeFit.builder());
        List<String> rows = List.of(COUNTING, LOGISTIC_ONLY, NO_RESPONSE, FULL, OBSERVATIONAL);
        Map<String, double[]> auc = new LinkedHashMap<>();
        double[][] advice = new double[4][seeds.length];
        double[] latent = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            FitEvaluation.Split split = FitEvaluation.randomSplit(data, 0.8, 0.1, seeds[s]);
            int[] train = split.trainAndValidation();
            for (String row : rows) {
                FitModel model = all.get(row).train(data, train);
                auc.computeIfAbsent(row, k -> new double[seeds.length])[s] =
                        FitEvaluation.evaluate(model, data, split.test()).all().averageAuc();
                if (row.equals(FULL)) {
                    FitEvaluation.AdviceMetrics a = FitEvaluation.advice(model, data, split.test());
                    FitEvaluation.AdviceMetrics b = FitEvaluation.mostFrequentSizeAdvice(data, train, split.test());
                    advice[0][s] = a.exact();
                    advice[1][s] = a.withinOne();
                    advice[2][s] = b.exact();
                    advice[3][s] = b.withinOne();
                }
            }
            LatentTrueSize model = latentTrueSize(data, split);
            latent[s] = FitEvaluation.measure(model.probabilities(data, split.test()), data, split.test()).averageAuc();
        }
        auc.put("1-D latent true size as published", latent);
        System.out.println();
        System.out.println("### Random 80/10/10 splits, seeds 1, 2, 3 and 42 (test part; trained on train + validation)");
        System.out.println();
        System.out.println("| model | seed 1 | seed 2 | seed 3 | seed 42 | mean ± standard error |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, double[]> e : auc.entrySet()) {
            System.out.println(row(e.getKey(), e.getValue()));
        }
        System.out.println(row("size advice: advised = rented (rentals marked fit)", advice[0]));
        System.out.println(row("size advice: within one size", advice[1]));
        System.out.println(row("her most frequent size: = rented", advice[2]));
        System.out.println(row("her most frequent size: within one size", advice[3]));
        System.out.println();
    }

    private static String row(String name, double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(squares / (values.length - 1) / values.length);
        StringBuilder b = new StringBuilder("| " + name + " |");
        for (double v : values) {
            b.append(String.format(Locale.ROOT, " %.4f |", v));
        }
        return b.append(String.format(Locale.ROOT, " %.4f ± %.4f |", mean, se)).toString();
    }

    /** The size response's strength: what it costs the validation part's AUC, what it does to the advice. */
    private static void response(FitData data, FitEvaluation.Split split) {
        System.out.println("### Size response on the random split's validation part (seed " + SEED + ", trained on train)");
        System.out.println();
        System.out.println("| size response (log-odds per step) | avg AUC | warm / cold customers | advised = rented | within one size | marked small: advice larger | marked large: advice smaller |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (double response : new double[] {0, 0.1, 0.25, 0.5, 1, 2}) {
            FitModel model = SizeFit.builder().sizeResponse(response).build().train(data, split.train());
            FitEvaluation.Report r = FitEvaluation.evaluate(model, data, split.validation());
            FitEvaluation.AdviceMetrics a = FitEvaluation.advice(model, data, split.validation());
            System.out.printf(Locale.ROOT, "| %.2f | %.4f | %.4f / %.4f | %.4f | %.4f | %.4f | %.4f |%n", response,
                    r.all().averageAuc(), r.warmCustomers().averageAuc(), r.coldCustomers().averageAuc(), a.exact(),
                    a.withinOne(), a.largerAfterSmall(), a.smallerAfterLarge());
        }
        System.out.println();
    }

    /** Reliability curves and Brier scores of the monotone and the observational model on the test part. */
    private static void calibration(FitData data, FitEvaluation.Split split) {
        System.out.println("### Calibration on the random split's test part (seed " + SEED + ")");
        System.out.println();
        System.out.println("| model | outcome | Brier | frequency-only Brier | bins (mean predicted → observed, rentals) |");
        System.out.println("|---|---|---|---|---|");
        java.awt.Color[] colours = {new java.awt.Color(200, 80, 0), new java.awt.Color(0, 140, 60),
            new java.awt.Color(0, 90, 180)};
        for (String name : List.of(FULL, OBSERVATIONAL)) {
            FitModel model = trainers(SizeFit.builder()).get(name).train(data, split.trainAndValidation());
            List<FitEvaluation.Calibration> calibration = FitEvaluation.calibration(model, data, split.test(), 10);
            List<ReliabilityPlot.Series> series = new ArrayList<>();
            StringBuilder yardsticks = new StringBuilder("knowing only each outcome's frequency: Brier");
            for (int k = 0; k < 3; k++) {
                FitEvaluation.Calibration c = calibration.get(k);
                StringBuilder bins = new StringBuilder();
                for (double[] bin : c.bins()) {
                    bins.append(String.format(Locale.ROOT, "%.2f → %.2f (%d); ", bin[0], bin[1], (int) bin[2]));
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %s |%n", name.replace("*", ""), c.outcome(), c.brier(),
                        c.climatology(), bins);
                series.add(new ReliabilityPlot.Series(c.outcome().toString().toLowerCase(Locale.ROOT).replace('_', ' '),
                        c.bins(), c.brier(), colours[k]));
                yardsticks.append(String.format(Locale.ROOT, " %.4f", c.climatology()));
            }
            String slug = name.equals(FULL) ? "monotone" : "observational";
            java.nio.file.Path file = java.nio.file.Path.of("recommender-benchmarks", "results", "fit-reliability-" + slug + ".png");
            try {
                ReliabilityPlot.write(file, "RentTheRunway fit, " + slug + " model, seed " + SEED + " test part",
                        "predicted probability of the outcome", yardsticks.toString(), series);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("writing " + file, e);
            }
            System.out.println();
            System.out.println("![fit reliability, " + slug + "](results/" + file.getFileName() + ")");
            System.out.println();
        }
    }

    private static void search(FitData data, FitEvaluation.Split split) {
        System.out.println("### Settings search on the random split's validation part (test part untouched)");
        System.out.println();
        System.out.println("| smoothing | customer smoothing | customer shrinkage | item shrinkage | l2 | validation avg AUC |");
        System.out.println("|---|---|---|---|---|---|");
        double best = -1;
        String bestRow = "";
        List<double[]> grid = new ArrayList<>();
        for (double m : new double[] {5, 10, 20}) {
            for (double mc : new double[] {1, 2, 4}) {
                for (double lc : new double[] {0.5, 1, 2}) {
                    for (double li : new double[] {3}) {
                        grid.add(new double[] {m, mc, lc, li, 1});
                    }
                }
            }
        }
        for (double[] g : grid) {
            SizeFit trainer = SizeFit.builder().smoothing(g[0]).customerSmoothing(g[1]).customerShrinkage(g[2])
                    .itemShrinkage(g[3]).l2(g[4]).build();
            FitModel model = trainer.train(data, split.train());
            double auc = FitEvaluation.evaluate(model, data, split.validation()).all().averageAuc();
            String row = String.format(Locale.ROOT, "| %.1f | %.1f | %.1f | %.1f | %.1f | %.4f |", g[0], g[1], g[2], g[3], g[4], auc);
            System.out.println(row);
            if (auc > best) {
                best = auc;
                bestRow = row;
            }
        }
        System.out.println();
        System.out.println("best: " + bestRow);
        System.out.println();
    }
}
