package dev.tailor.benchmarks;

import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.replenish.Reminder;
import dev.tailor.replenish.Replenishment;
import dev.tailor.replenish.ReplenishmentModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reminders for a million customers: generates a shop of 1,000,000 customers (about 93M events), fits
 * category cycles as of 2024-12-01 and computes the reminders due in the next 14 days (3-day lead,
 * probability ≥ 0.2) on two threads; prints the time of each step. A benchmark main rather than JMH: one
 * run takes most of a minute and needs a large heap.
 *
 * <p>Run: {@code java -Xmx16g -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.RemindersAtScale}
 */
public final class RemindersAtScale {
    private RemindersAtScale() {
    }

    /** Runs it; the optional argument is the number of customers (default 1,000,000). */
    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long t0 = System.nanoTime();
        GeneratedShop shop = ShopGenerator.builder().seed(7).customers(customers).build().generate();
        long t1 = System.nanoTime();
        System.out.printf("generated %d events for %d customers in %.1f s%n", shop.events().size(), customers, (t1 - t0) / 1e9);
        ReplenishmentModel model = Replenishment.perCategory().fit(shop.events(), shop.catalog(),
                Instant.parse("2024-12-01T00:00:00Z"));
        long t2 = System.nanoTime();
        System.out.printf("fitted %d customer-category cycles in %.1f s%n", model.historyCount(), (t2 - t1) / 1e9);
        List<Reminder> reminders = model.reminders(Duration.ofDays(14), Duration.ofDays(3), 0.2, dev.tailor.concurrent.Workers.defaults().withThreads(2));
        long t3 = System.nanoTime();
        System.out.printf("computed %d reminders in %.1f s%n", reminders.size(), (t3 - t2) / 1e9);
        System.out.printf("fit + reminders: %.1f s%n", (t3 - t1) / 1e9);
        System.out.println("top reminder: " + reminders.get(0));
    }
}
