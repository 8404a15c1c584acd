package dev.tailor.datasets.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.replenish.Reminder;
import dev.tailor.replenish.Replenishment;
import dev.tailor.replenish.ReplenishmentModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replenishment model against the generator's ground truth. */
class ReplenishmentOnGeneratedShopTest {
    private static final GeneratedShop SHOP = ShopGenerator.builder().seed(21).customers(3_000).items(300).build().generate();

    @Test
    void estimatedCyclesFollowTheTrueOnes() {
        ReplenishmentModel model = Replenishment.perCategory().fit(SHOP.events(), SHOP.catalog(),
                Instant.parse("2024-12-31T00:00:00Z"));
        GroundTruth truth = SHOP.truth();
        int socks = SHOP.catalog().categoryId("socks");
        int column = truth.consumableCategories().indexOf("socks");
        List<Double> ratios = new ArrayList<>();
        for (int c = 0; c < truth.cycleDays().length; c++) {
            double trueCycle = truth.cycleDays()[c][column];
            if (!Double.isNaN(trueCycle) && model.purchases(c, socks) >= 5) {
                ratios.add(model.estimatedCycleDays(c, socks) / trueCycle);
            }
        }
        ratios.sort(null);
        assertTrue(ratios.size() > 100, "customers: " + ratios.size());
        double median = ratios.get(ratios.size() / 2);
        double lowerQuartile = ratios.get(ratios.size() / 4);
        double upperQuartile = ratios.get(3 * ratios.size() / 4);
        assertEquals(1.0, median, 0.1, "median estimated / true cycle");
        assertTrue(upperQuartile / lowerQuartile < 1.5, "spread " + lowerQuartile + " .. " + upperQuartile);
    }

    @Test
    void madeToMeasureRemindersCarryTheLastConfigurationForAOneClickReorder() {
        Instant asOf = Instant.parse("2024-09-30T23:59:59Z");
        ReplenishmentModel model = Replenishment.perItem().fit(SHOP.events(), SHOP.catalog(), asOf);
        List<Reminder> reminders = model.reminders(Duration.ofDays(60), Duration.ofDays(7), 0.2, dev.tailor.concurrent.Workers.defaults().withThreads(2), SHOP.configurations());
        List<Reminder> shirts = reminders.stream().filter(r -> r.lastItem().equals(ShirtOptions.PRODUCT)).toList();
        assertTrue(shirts.size() > 10, "shirt reminders: " + shirts.size());
        for (Reminder r : shirts) {
            assertTrue(r.lastConfiguration().isPresent(), "no configuration for " + r);
            assertEquals(r.customer(), r.lastConfiguration().get().customer());
            assertTrue(!r.lastConfiguration().get().time().isAfter(asOf));
            assertTrue(ShirtOptions.isValid(r.lastConfiguration().get().choices()));
        }
    }

    @Test
    void calibrationOnTheWindowBeforeTheCutImprovesTheBrierScore() {
        Instant cut = Instant.parse("2024-07-01T00:00:00Z");
        Duration window = Duration.ofDays(90);
        var calibrated = dev.tailor.eval.ReplenishmentEvaluation.evaluate("calibrated", SHOP.events(), SHOP.catalog(),
                Replenishment.perCategory(), cut, window, 5);
        var plain = dev.tailor.eval.ReplenishmentEvaluation.evaluate("plain", SHOP.events(), SHOP.catalog(),
                Replenishment.perCategory().calibration(Duration.ZERO), cut, window, 5);
        assertTrue(calibrated.brier() < plain.brier(), calibrated.brier() + " vs " + plain.brier());
        assertTrue(calibrated.brier() < calibrated.baseRate() * (1 - calibrated.baseRate()), "beats the constant forecast");
        ReplenishmentModel model = Replenishment.perCategory().fit(SHOP.events(), SHOP.catalog(), cut);
        double[] calibration = model.calibration();
        assertTrue(Double.isFinite(calibration[0]) && calibration[1] >= 0, java.util.Arrays.toString(calibration));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 1}, Replenishment.perCategory()
                .calibration(Duration.ZERO).fit(SHOP.events(), SHOP.catalog(), cut).calibration());
    }
}
