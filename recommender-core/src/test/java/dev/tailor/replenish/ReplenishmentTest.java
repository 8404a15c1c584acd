package dev.tailor.replenish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplenishmentTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final double START_DAY = START.getEpochSecond() / 86_400.0;

    private static Event buy(String customer, String item, double day, int quantity) {
        return new Event(customer, item, START.plusSeconds((long) (day * 86_400)), EventKind.PURCHASE, quantity, 10,
                Double.NaN, FitFeedback.NONE, "M");
    }

    /** 60 customers buy socks on personal cycles of 20-60 days; each also rents one dress once. */
    private static EventLog shop(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        EventLog.Builder log = EventLog.builder();
        for (int c = 0; c < 60; c++) {
            double cycle = 20 + 40 * random.nextDouble();
            for (double day = random.nextDouble() * cycle; day < 300; day += cycle * Math.exp(0.1 * random.nextGaussian())) {
                log.add(buy("c" + c, "socks", day, 1));
            }
            log.add(buy("c" + c, "dress-" + (c % 5), random.nextInt(300), 1));
        }
        return log.build();
    }

    @Test
    void aRegularBuyerIsDueOneCycleAfterTheLastPurchase() {
        EventLog log = shop(1).select(e -> true);
        EventLog.Builder withRegular = EventLog.builder(log.customers(), log.items());
        for (int e = 0; e < log.size(); e++) {
            withRegular.add(log.event(e));
        }
        for (int day = 0; day <= 270; day += 30) {
            withRegular.add(buy("regular", "socks", day, 1));
        }
        EventLog all = withRegular.build();
        Instant asOf = START.plus(Duration.ofDays(275));
        ReplenishmentModel model = Replenishment.perItem().fit(all, null, asOf);
        int customer = all.customers().find("regular");
        int socks = all.items().find("socks");
        assertEquals(30, model.estimatedCycleDays(customer, socks), 1.5);
        CycleForecast forecast = model.forecast(customer, socks, model.fittedAsOfDay()).orElseThrow();
        assertEquals(START_DAY + 300, forecast.dueDay(), 2.0);
        assertTrue(forecast.probabilityWithin(model.fittedAsOfDay(), model.fittedAsOfDay() + 60) > 0.9);
        assertTrue(forecast.probabilityWithin(model.fittedAsOfDay(), model.fittedAsOfDay() + 10) < 0.2);
    }

    @Test
    void twoUnitsLastTwiceAsLongAndASinglePurchaseGetsThePrior() {
        EventLog base = shop(2);
        EventLog.Builder b = EventLog.builder(base.customers(), base.items());
        for (int e = 0; e < base.size(); e++) {
            b.add(base.event(e));
        }
        b.add(buy("double", "socks", 0, 1)).add(buy("double", "socks", 30, 1)).add(buy("double", "socks", 60, 2));
        b.add(buy("once", "socks", 100, 1));
        EventLog log = b.build();
        ReplenishmentModel model = Replenishment.perItem().fit(log, null, START.plus(Duration.ofDays(61)));
        int socks = log.items().find("socks");
        double due = model.forecast(log.customers().find("double"), socks, START_DAY + 61).orElseThrow().dueDay() - START_DAY;
        assertEquals(120, due, 6.0, "two pairs bought on day 60 last until about day 120");
        ReplenishmentModel later = Replenishment.perItem().fit(log, null, START.plus(Duration.ofDays(101)));
        assertEquals(later.typicalCycleDays(socks), later.estimatedCycleDays(log.customers().find("once"), socks), 1e-9);
    }

    @Test
    void onceOnlyItemsAreRarelyRemindedAndReturnedOnesNever() {
        EventLog base = shop(3);
        EventLog.Builder b = EventLog.builder(base.customers(), base.items());
        for (int e = 0; e < base.size(); e++) {
            b.add(base.event(e));
        }
        b.add(buy("returner", "socks", 200, 1)).add(buy("returner", "socks", 230, 1));
        b.add(new Event("returner", "socks", START.plus(Duration.ofDays(232)), EventKind.RETURN, 1, 0, Double.NaN,
                FitFeedback.TOO_SMALL, "M"));
        EventLog log = b.build();
        ReplenishmentModel model = Replenishment.perItem().fit(log, null, START.plus(Duration.ofDays(300)));
        assertTrue(model.repeatRate(log.items().find("dress-0")) < 0.2);
        assertTrue(model.repeatRate(log.items().find("socks")) > 0.9);
        assertTrue(model.forecast(log.customers().find("returner"), log.items().find("socks"), model.fittedAsOfDay()).isEmpty());
        List<Reminder> reminders = model.reminders(Duration.ofDays(30), Duration.ofDays(3), 0.3, dev.tailor.concurrent.Workers.defaults().withThreads(2));
        assertTrue(reminders.stream().noneMatch(r -> r.key().startsWith("dress")), "dresses rented once are not reminded");
        assertTrue(reminders.stream().noneMatch(r -> r.customer().equals("returner")));
        assertTrue(reminders.size() > 10, "socks buyers are reminded: " + reminders.size());
        for (int i = 1; i < reminders.size(); i++) {
            assertTrue(reminders.get(i - 1).probability() >= reminders.get(i).probability());
        }
        Reminder first = reminders.get(0);
        assertEquals("socks", first.lastItem());
        assertEquals(java.util.Optional.of("M"), first.lastSize());
        assertTrue(!first.remindOn().isBefore(LocalDate.of(2024, 10, 27)));
    }

    @Test
    void timeSinceTheLastPurchaseLowersTheChanceOfAnImminentPurchase() {
        EventLog log = shop(4);
        ReplenishmentModel model = Replenishment.perItem().fit(log, null, START.plus(Duration.ofDays(300)));
        int socks = log.items().find("socks");
        int customer = log.customers().find("c1");
        double due = model.forecast(customer, socks, model.fittedAsOfDay()).orElseThrow().dueDay();
        CycleForecast atDue = model.forecast(customer, socks, due).orElseThrow();
        CycleForecast lapsed = model.forecast(customer, socks, due + 400).orElseThrow();
        double pAtDue = atDue.probabilityWithin(due, due + 30);
        double pLapsed = lapsed.probabilityWithin(due + 400, due + 430);
        assertTrue(pLapsed < 0.5 * pAtDue, "next month after a long silence: " + pLapsed + " vs at the due date " + pAtDue);
        assertTrue(lapsed.dueDay() > due + 400, "a long silence moves the expected purchase out");
    }

    @Test
    void categoryLevelPoolsItemsOfACategory() {
        EventLog.Builder b = EventLog.builder();
        Catalog.Builder catalog = Catalog.builder(b.items());
        catalog.add(new CatalogItem("run-a", "running shoes", 120, Map.of(), Set.of("42")));
        catalog.add(new CatalogItem("run-b", "running shoes", 130, Map.of(), Set.of("42")));
        for (int c = 0; c < 20; c++) {
            for (int k = 0; k < 4; k++) {
                b.add(buy("c" + c, k % 2 == 0 ? "run-a" : "run-b", 10 + 90 * k + c, 1));
            }
        }
        EventLog log = b.build();
        ReplenishmentModel model = Replenishment.perCategory().fit(log, catalog.build(), START.plus(Duration.ofDays(400)));
        assertEquals(1, model.keyCount());
        assertEquals(90, model.estimatedCycleDays(log.customers().find("c3"), 0), 3);
    }
}
