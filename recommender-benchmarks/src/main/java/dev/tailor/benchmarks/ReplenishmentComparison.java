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
import dev.tailor.replenish.ReplenishmentEvaluation;
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

    /** Runs every dataset that is available. */
    public static void main(String[] args) {
        Duration window = Duration.ofDays(90);
        GeneratedShop shop = ShopGenerator.builder().seed(42).customers(20_000).build().generate();
        print(ReplenishmentEvaluation.evaluate("generated shop, 20,000 customers, categories, cut 2024-07-01", shop.events(),
                shop.catalog(), Replenishment.perCategory(), Instant.parse("2024-07-01T00:00:00Z"), window, 5));
        DatasetPaths.dataset(Groceries.NAME).ifPresent(folder -> {
            Dataset d = Groceries.read(folder, ParseMode.STRICT);
            print(ReplenishmentEvaluation.evaluate("Groceries, items, cut 2015-07-01", d.events(), d.catalog(),
                    Replenishment.perItem(), Instant.parse("2015-07-01T00:00:00Z"), window, 5));
        });
        DatasetPaths.dataset(OnlineRetailInvoices.NAME).ifPresent(folder -> {
            Dataset d = OnlineRetailInvoices.read(folder, ParseMode.STRICT);
            print(ReplenishmentEvaluation.evaluate("Online Retail invoices, customer level, cut 2011-09-01", d.events(),
                    d.catalog(), Replenishment.perItem(), Instant.parse("2011-09-01T00:00:00Z"), window, 5));
        });
        DatasetPaths.dataset(Cdnow.NAME).ifPresent(folder -> {
            Dataset d = Cdnow.readMaster(folder, ParseMode.STRICT);
            print(ReplenishmentEvaluation.evaluate("CDNOW master, customer level, cut 1997-10-01", d.events(), d.catalog(),
                    Replenishment.perItem(), Instant.parse("1997-10-01T00:00:00Z"), window, 5));
        });
    }

    private static void print(ReplenishmentEvaluation.Report report) {
        System.out.println(report.toMarkdown());
    }

}
