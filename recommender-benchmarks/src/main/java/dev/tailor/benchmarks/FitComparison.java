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
 * the paper; seed 42), {@code generated} (true sizes recovered on a generated shop of 20,000 customers), {@code temporal} (train before 2017-01-01, the latest 10 % of it for validation, test
 * after), {@code search} (the grid on the random split's validation part that chose the defaults).
 *
 * <p>Run: {@code java -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.FitComparison}
 */
public final class FitComparison {
    private static final long SEED = 42;

    private FitComparison() {
    }

    /** Runs the chosen sections. */
    public static void main(String[] args) {
        Set<String> sections = args.length == 0 ? Set.of("random", "temporal", "search", "generated") : Set.of(args);
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

    static Map<String, SizeFit> trainers(SizeFit.Builder full) {
        Map<String, SizeFit> trainers = new LinkedHashMap<>();
        trainers.put("class prior", SizeFit.builder().signals(Set.of()).build());
        trainers.put("item-size prior (smoothed, backed off to item, category-size, category)",
                SizeFit.builder().signals(EnumSet.of(FitSignal.ITEM_SIZE)).build());
        trainers.put("smoothed prior + customer bias",
                SizeFit.builder().signals(EnumSet.of(FitSignal.ITEM_SIZE, FitSignal.CUSTOMER)).build());
        trainers.put("1-D true size (Sembium-style)", SizeFit.builder().signals(EnumSet.of(FitSignal.TRUE_SIZE)).build());
        for (FitSignal left : FitSignal.values()) {
            EnumSet<FitSignal> without = EnumSet.allOf(FitSignal.class);
            without.remove(left);
            trainers.put("Tailor without " + left, SizeFit.builder().signals(without).build());
        }
        trainers.put("Tailor observational (all signals, not monotone in size; no advice)",
                SizeFit.builder().monotoneInSize(false).build());
        trainers.put("**Tailor size-fit (all signals)**", full.build());
        return trainers;
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
