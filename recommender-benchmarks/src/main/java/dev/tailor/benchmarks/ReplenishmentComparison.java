package dev.tailor.benchmarks;

import dev.tailor.datasets.Dataset;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.cdnow.Cdnow;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.datasets.groceries.Groceries;
import dev.tailor.datasets.retail.OnlineRetailInvoices;
import dev.tailor.ingest.ParseMode;
import dev.tailor.replenish.Replenishment;
import dev.tailor.eval.ReplenishmentEvaluation;
import java.time.Duration;
import java.time.Instant;

/**
 * Replenishment against its baselines on the generated shop (category cycles, truth known), Groceries
 * (member × item), Online Retail invoices and CDNOW (customer-level timing: one item each); prints
 * Markdown for RESULTS.md. Each dataset: a temporal cut, a 90-day window, k = 5.
 *
 * <p>Run: {@code java -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.ReplenishmentComparison}
 */
public final class ReplenishmentComparison {
    private ReplenishmentComparison() {
    }

    /**
     * Runs every dataset that is available; with an argument, also writes a reliability diagram per dataset
     * into that folder (the calibrated model against the plain Bayes update).
     */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path plots = args.length > 0 ? java.nio.file.Path.of(args[0]) : null;
        Duration window = Duration.ofDays(90);
        GeneratedShop shop = ShopGenerator.builder().seed(42).customers(20_000).build().generate();
        compare("generated shop, 20,000 customers, categories, cut 2024-07-01", "generated", shop.events(), shop.catalog(),
                Replenishment.perCategory(), Instant.parse("2024-07-01T00:00:00Z"), window, plots);
        var groceries = DatasetPaths.dataset(Groceries.NAME);
        if (groceries.isPresent()) {
            Dataset d = Groceries.read(groceries.get(), ParseMode.STRICT);
            compare("Groceries, items, cut 2015-07-01", "groceries", d.events(), d.catalog(), Replenishment.perItem(),
                    Instant.parse("2015-07-01T00:00:00Z"), window, plots);
        }
        var retail = DatasetPaths.dataset(OnlineRetailInvoices.NAME);
        if (retail.isPresent()) {
            Dataset d = OnlineRetailInvoices.read(retail.get(), ParseMode.STRICT);
            compare("Online Retail invoices, customer level, cut 2011-09-01", "online-retail", d.events(), d.catalog(),
                    Replenishment.perItem(), Instant.parse("2011-09-01T00:00:00Z"), window, plots);
        }
        var cdnow = DatasetPaths.dataset(Cdnow.NAME);
        if (cdnow.isPresent()) {
            Dataset d = Cdnow.readMaster(cdnow.get(), ParseMode.STRICT);
            compare("CDNOW master, customer level, cut 1997-10-01", "cdnow", d.events(), d.catalog(), Replenishment.perItem(),
                    Instant.parse("1997-10-01T00:00:00Z"), window, plots);
        }
    }

    private static void compare(String description, String slug, dev.tailor.data.EventLog events, dev.tailor.data.Catalog catalog,
            Replenishment trainer, Instant cut, Duration window, java.nio.file.Path plots) throws java.io.IOException {
        ReplenishmentEvaluation.Report calibrated = ReplenishmentEvaluation.evaluate(description, events, catalog, trainer, cut,
                window, 5);
        ReplenishmentEvaluation.Report plain = ReplenishmentEvaluation.evaluate(description, events, catalog,
                trainer.calibration(Duration.ZERO), cut, window, 5);
        print(calibrated);
        System.out.printf(java.util.Locale.ROOT, "Without calibration (the plain Bayes update): Brier score %.4f.%n%n",
                plain.brier());
        if (plots != null) {
            java.nio.file.Path file = plots.resolve("reliability-" + slug + ".png");
            ReliabilityPlot.write(file, description, "predicted probability of a rebuy in the window",
                    String.format(java.util.Locale.ROOT, "constant base-rate forecast: Brier %.4f",
                            calibrated.baseRate() * (1 - calibrated.baseRate())), java.util.List.of(
                    new ReliabilityPlot.Series("calibrated (default)", calibrated.reliability(), calibrated.brier(),
                            new java.awt.Color(0, 90, 180)),
                    new ReliabilityPlot.Series("plain Bayes update", plain.reliability(), plain.brier(),
                            new java.awt.Color(200, 80, 0))));
            System.out.println("![reliability, " + slug + "](results/" + file.getFileName() + ")");
            System.out.println();
        }
    }

    private static void print(ReplenishmentEvaluation.Report report) {
        System.out.println(report.toMarkdown());
    }

}
