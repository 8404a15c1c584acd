package dev.tailor.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.configure.CompletionMethod;
import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.configure.Configurator;
import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Configuration;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.replenish.Replenishment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each source, each rule and the blend on a small hand-made shop: dresses d1..d6 (d6 new, never rented),
 * jeans j1..j3 in sizes, a shampoo bought every 30 days, a made-to-measure shirt.
 */
class OffersTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant AS_OF = T0.plus(Duration.ofDays(100));

    private static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    private static Event event(String customer, String item, int day, EventKind kind, String size) {
        return new Event(customer, item, day(day), kind, 1, 0, Double.NaN, FitFeedback.NONE, size);
    }

    /** The shop: a log over an index holding every catalog item (d6 has no events), and its catalog. */
    private static final class Fixture {
        final EventLog log;
        final Catalog catalog;

        Fixture(List<Event> events) {
            IdIndex items = IdIndex.of("d1", "d2", "d3", "d4", "d5", "d6", "j1", "j2", "j3", "shampoo");
            EventLog.Builder b = EventLog.builder(new IdIndex(), items);
            events.forEach(b::add);
            log = b.build();
            Catalog.Builder c = Catalog.builder(log.items());
            for (int i = 1; i <= 6; i++) {
                c.add(new CatalogItem("d" + i, "dresses", 50 + 10 * i, Map.of("colour", i % 2 == 0 ? "red" : "blue",
                        "length", i <= 3 ? "midi" : "maxi"), Set.of()));
            }
            c.add(new CatalogItem("j1", "jeans", 80, Map.of("fit", "slim"), Set.of("S", "M")));
            c.add(new CatalogItem("j2", "jeans", 90, Map.of("fit", "slim"), Set.of("L")));
            c.add(new CatalogItem("j3", "jeans", 85, Map.of("fit", "wide"), Set.of("M", "L")));
            c.add(new CatalogItem("shampoo", "care", 9, Map.of(), Set.of()));
            catalog = c.build();
        }
    }

    /** Many customers rent d1 with d2 and d3; "ann" rented d1 and bought jeans in M. */
    private static List<Event> shopEvents() {
        List<Event> events = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            events.add(event("c" + c, "d1", 10 + c, EventKind.RENT, null));
            events.add(event("c" + c, c % 2 == 0 ? "d2" : "d3", 11 + c, EventKind.RENT, null));
            if (c % 3 == 0) {
                events.add(event("c" + c, "d4", 12 + c, EventKind.RENT, null));
            }
            events.add(event("c" + c, "j1", 20 + c, EventKind.PURCHASE, "M"));
            events.add(event("c" + c, "j3", 21 + c, EventKind.PURCHASE, "M"));
        }
        events.add(event("ann", "d1", 90, EventKind.RENT, null));
        events.add(event("ann", "j2", 60, EventKind.PURCHASE, "M"));
        return events;
    }

    private static Recommender knn(EventLog log) {
        return ItemKnn.builder().neighbours(10).build().train(TrainingData.of(log, WeightingPolicy.defaults()));
    }

    private static OfferRequest request(int n) {
        return OfferRequest.builder(AS_OF).n(n).build();
    }

    @Test
    void collaborativeOffersSayWhichOfTheCustomersItemsTheyComeFrom() {
        Fixture shop = new Fixture(shopEvents());
        Offers offers = Offers.builder(shop.log, shop.catalog).source(CollaborativeSource.of(knn(shop.log)), 1)
                .diversity(1).build();
        List<Offer> answer = offers.offers("ann", request(3));
        // Everyone who rented d1 bought j1 and j3 and rented d2 or d3.
        assertEquals(List.of("j1", "j3", "d2"), answer.stream().map(Offer::item).toList());
        for (Offer offer : answer) {
            Reason reason = offer.reasons().get(0);
            assertEquals(Reason.Kind.BECAUSE_YOU_HAD, reason.kind());
            assertEquals(List.of("d1"), reason.evidence());
            assertEquals("because you rented d1", reason.text());
            assertEquals(List.of("cf"), offer.sources());
        }
        assertEquals("M", answer.get(0).size().orElseThrow(), "ann's usual jeans size, in stock for j1");
        for (Offer offer : answer) {
            assertFalse(offer.item().equals("d1") || offer.item().equals("j2"), "owned items are never offered");
        }
    }

    @Test
    void anUnknownPriceIsShownAsNoneAndIsInNoPriceBand() {
        Fixture shop = new Fixture(shopEvents());
        Catalog.Builder unpriced = Catalog.builder(shop.log.items());
        for (int item = 0; item < shop.log.items().size(); item++) {
            CatalogItem entry = shop.catalog.get(item);
            unpriced.add(new CatalogItem(entry.id(), entry.category(), entry.id().equals("j1") ? Double.NaN : entry.price(),
                    entry.attributes(), entry.sizesInStock()));
        }
        Offers offers = Offers.builder(shop.log, unpriced.build()).source(CollaborativeSource.of(knn(shop.log)), 1)
                .diversity(1).build();
        Offer j1 = offers.offers("ann", request(3)).stream().filter(o -> o.item().equals("j1")).findFirst().orElseThrow();
        assertTrue(j1.price().isEmpty(), "not a price of 0: " + j1);
        for (OfferRequest banded : List.of(OfferRequest.builder(AS_OF).n(5).priceBand(0, 1000).build(),
                OfferRequest.builder(AS_OF).n(5).priceBand(0, Double.MAX_VALUE).build())) {
            List<Offer> inBand = offers.offers("ann", banded);
            assertFalse(inBand.isEmpty());
            assertTrue(inBand.stream().noneMatch(o -> o.item().equals("j1")), "an unknown price is in no band: " + inBand);
        }
        // A catalog without any price (empty, or data without prices): a band is refused rather than answered with nothing.
        Offers noCatalog = Offers.builder(shop.log, Catalog.builder(shop.log.items()).build())
                .source(CollaborativeSource.of(knn(shop.log)), 1).build();
        assertFalse(noCatalog.offers("ann", request(3)).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> noCatalog.offers("ann", OfferRequest.builder(AS_OF).n(3).priceBand(0, 150).build()));
        assertTrue(e.getMessage().contains("no item with a known price"), e.getMessage());
    }

    @Test
    void theRulesRemoveItemsInsideSelectionAndTheListStaysFull() {
        Fixture shop = new Fixture(shopEvents());
        Recommender model = knn(shop.log);
        Offers.Builder base = Offers.builder(shop.log, shop.catalog).source(CollaborativeSource.of(model), 1)
                .source(TrendingSource.of(shop.log, Duration.ofDays(365)), 1).diversity(1);
        // Category and price band of the request.
        for (Offer o : base.build().offers("ann", OfferRequest.builder(AS_OF).n(5).category("dresses").priceBand(0, 75).build())) {
            assertEquals("dresses", o.category().orElseThrow());
            assertTrue(o.price().getAsDouble() <= 75, o.toString());
        }
        // Blocked items and a rule of the caller's.
        List<Offer> ruled = Offers.builder(shop.log, shop.catalog).source(CollaborativeSource.of(model), 1)
                .source(TrendingSource.of(shop.log, Duration.ofDays(365)), 1).block(List.of("d2"))
                .rule((customer, req, item) -> item.startsWith("j")).build().offers("ann", request(4));
        for (Offer o : ruled) {
            assertFalse(o.item().equals("d2") || o.item().startsWith("j"), o.item());
        }
        assertEquals(4, ruled.size(), "still four offers from what the rules leave: " + ruled);
        // Size: ann takes M in jeans, so j2 (only L) is out and j1, j3 come in M.
        List<Offer> jeans = base.build().offers("ann", OfferRequest.builder(AS_OF).n(5).category("jeans").build());
        assertEquals(Set.of("j1", "j3"), Set.copyOf(jeans.stream().map(Offer::item).toList()));
        for (Offer o : jeans) {
            assertEquals("M", o.size().orElseThrow(), o.toString());
        }
    }

    @Test
    void aRentalIsNotOfferedAgainWithinTheWindowButAfterIt() {
        List<Event> events = shopEvents();
        Fixture shop = new Fixture(events);
        OfferSource trending = TrendingSource.of(shop.log, Duration.ofDays(365));
        // c0 rented d1 on day 10: 90 days before the request.
        List<String> within = Offers.builder(shop.log, shop.catalog).source(trending, 1).build()
                .offers("c0", request(10)).stream().map(Offer::item).toList();
        assertFalse(within.contains("d1"), within.toString());
        List<String> after = Offers.builder(shop.log, shop.catalog).source(trending, 1).rentalWindow(Duration.ofDays(30))
                .build().offers("c0", request(10)).stream().map(Offer::item).toList();
        assertTrue(after.contains("d1"), after.toString());
        assertFalse(after.contains("j1"), "a purchase stays owned: " + after);
        List<String> groceries = Offers.builder(shop.log, shop.catalog).source(trending, 1).purchaseWindow(Duration.ZERO)
                .build().offers("c0", request(10)).stream().map(Offer::item).toList();
        assertTrue(groceries.contains("j1"), "with a zero purchase window a bought item may be offered again: " + groceries);
    }

    @Test
    void aStrangerGetsTrendsNeverAnException() {
        Fixture shop = new Fixture(shopEvents());
        Offers offers = Offers.builder(shop.log, shop.catalog).source(CollaborativeSource.of(knn(shop.log)), 1)
                .source(TrendingSource.of(shop.log, Duration.ofDays(365)), 1).build();
        List<Offer> answer = offers.offers("someone new", request(3));
        assertEquals(3, answer.size());
        assertEquals("d1", answer.get(0).item(), "d1 is the most rented, and both sources say so");
        assertEquals(List.of("cf", "trending").size(), answer.get(0).sources().size());
        assertTrue(answer.get(0).reasons().stream().anyMatch(r -> r.kind() == Reason.Kind.TRENDING));
    }

    @Test
    void anItemTwoSourcesProposeOutranksItemsOnlyOneProposesAndWeightZeroSwitchesASourceOff() {
        Fixture shop = new Fixture(shopEvents());
        OfferSource first = fixed("first", "d2", "d3", "d4");
        OfferSource second = fixed("second", "d5", "d3", "d6");
        OfferSource onlyD2 = fixed("only-d2", "d2");
        OfferSource onlyD5 = fixed("only-d5", "d5");
        List<Offer> both = Offers.builder(shop.log, shop.catalog).source(first, 1).source(second, 1).diversity(1).build()
                .offers("ann", request(3));
        assertEquals("d3", both.get(0).item(), both.toString());
        assertEquals(2, both.get(0).reasons().size(), "one reason from each source");
        List<Offer> firstOnly = Offers.builder(shop.log, shop.catalog).source(first, 1).source(second, 0).diversity(1).build()
                .offers("ann", request(3));
        assertEquals(List.of("d2", "d3", "d4"), firstOnly.stream().map(Offer::item).toList());
        // A heavier weight decides between the two sources' best.
        assertEquals("d5", Offers.builder(shop.log, shop.catalog).source(onlyD2, 1).source(onlyD5, 3).build()
                .offers("ann", request(1)).get(0).item());
        assertEquals("d2", Offers.builder(shop.log, shop.catalog).source(onlyD2, 3).source(onlyD5, 1).build()
                .offers("ann", request(1)).get(0).item());
    }

    @Test
    void diversityAndTheCategoryCapSpreadTheList() {
        Fixture shop = new Fixture(shopEvents());
        OfferSource source = fixed("s", "d2", "d4", "j1", "d3");
        List<String> plain = Offers.builder(shop.log, shop.catalog).source(source, 1).diversity(1).build()
                .offers("someone", request(3)).stream().map(Offer::item).toList();
        assertEquals(List.of("d2", "d4", "j1"), plain);
        List<String> capped = Offers.builder(shop.log, shop.catalog).source(source, 1).diversity(1).categoryCap(1).build()
                .offers("someone", request(3)).stream().map(Offer::item).toList();
        assertEquals(List.of("d2", "j1"), capped, "one dress, one pair of jeans, nothing else left");
        List<String> diverse = Offers.builder(shop.log, shop.catalog).source(source, 1).diversity(0.3).build()
                .offers("someone", request(2)).stream().map(Offer::item).toList();
        assertEquals(List.of("d2", "j1"), diverse, "a red dress, then the least similar item");
    }

    @Test
    void replenishmentOffersWhatIsDueEvenThoughTheCustomerHasIt() {
        List<Event> events = shopEvents();
        for (int d = 0; d <= 90; d += 30) {
            events.add(event("bob", "shampoo", d, EventKind.PURCHASE, null));
        }
        for (int c = 0; c < 10; c++) {
            for (int d = c; d <= 90; d += 30) {
                events.add(event("r" + c, "shampoo", d, EventKind.PURCHASE, null));
            }
        }
        Fixture shop = new Fixture(events);
        var model = Replenishment.perItem().fit(shop.log, shop.catalog, day(95));
        List<Offer> answer = Offers.builder(shop.log, shop.catalog)
                .source(ReplenishmentSource.of(model, Duration.ofDays(30), 0.2), 1).build()
                .offers("bob", OfferRequest.builder(day(110)).n(3).build());
        assertEquals("shampoo", answer.get(0).item());
        Reason reason = answer.get(0).reasons().get(0);
        assertEquals(Reason.Kind.TIME_TO_REPLENISH, reason.kind());
        assertTrue(reason.text().startsWith("time to replace your shampoo (every ~"), reason.text());
        assertTrue(reason.text().contains("last bought 3 weeks ago"), reason.text());
        assertTrue(Offers.builder(shop.log, shop.catalog).source(ReplenishmentSource.of(model, Duration.ofDays(30), 0.2), 1)
                .build().offers("ann", request(3)).isEmpty(), "ann has no cycle");
    }

    @Test
    void theWishListRemindsOfCartsAndRepeatedViewsNotOfWhatWasBought() {
        List<Event> events = shopEvents();
        events.add(event("cat", "d5", 95, EventKind.CART, null));
        events.add(event("cat", "d4", 96, EventKind.VIEW, null));
        events.add(event("cat", "d4", 97, EventKind.VIEW, null));
        events.add(event("cat", "d6", 97, EventKind.VIEW, null));
        events.add(event("cat", "d2", 90, EventKind.CART, null));
        events.add(event("cat", "d2", 92, EventKind.PURCHASE, null));
        Fixture shop = new Fixture(events);
        List<Offer> answer = Offers.builder(shop.log, shop.catalog).source(WishListSource.of(Duration.ofDays(30), 2), 1)
                .build().offers("cat", request(5));
        assertEquals(List.of("d4", "d5"), answer.stream().map(Offer::item).toList(), "most recent interest first");
        assertTrue(answer.get(1).reasons().get(0).text().contains("saved it to your cart"));
        assertTrue(answer.get(0).reasons().get(0).text().contains("looked at it 2 times"));
    }

    @Test
    void contentNeighboursReachANewItemNoOneHasRented() {
        Fixture shop = new Fixture(shopEvents());
        List<Offer> answer = Offers.builder(shop.log, shop.catalog).source(ContentSource.of(shop.log, shop.catalog,
                Duration.ofDays(30)), 1).diversity(1).build().offers("c1", OfferRequest.builder(AS_OF).n(3).category("dresses").build());
        // c1 rented d1 and d3 (blue midi dresses): d5 (blue, never rented) shares the colour and is new; d6 is
        // new but shares nothing; d2 shares the length but is not new.
        assertEquals(List.of("d5", "d6", "d2"), answer.stream().map(Offer::item).toList());
        assertEquals("new in dresses, like your d3", answer.get(0).reasons().get(0).text());
        assertEquals("like your d3", answer.get(2).reasons().get(0).text());
    }

    @Test
    void theBasketBringsWhatGoesWithIt() {
        List<Event> events = shopEvents();
        for (int c = 0; c < 12; c++) {
            events.add(event("b" + c, "j2", 40 + c, EventKind.PURCHASE, "L"));
            events.add(event("b" + c, "shampoo", 40 + c, EventKind.PURCHASE, null));
            events.add(event("b" + c, "d5", 70 + c, EventKind.PURCHASE, null));
        }
        Fixture shop = new Fixture(events);
        Recommender associations = ItemKnn.builder().similarity(ItemKnn.Similarity.LOG_LIKELIHOOD).build()
                .train(TrainingData.of(BasketSource.baskets(shop.log), WeightingPolicy.defaults()));
        List<Offer> answer = Offers.builder(shop.log, shop.catalog).source(BasketSource.of(associations), 1).build()
                .offers("someone", OfferRequest.builder(AS_OF).n(2).basket(List.of("j2")).build());
        // The same customers bought d5 too, but a month later: only the same order is a basket.
        assertEquals("shampoo", answer.get(0).item(), answer.toString());
        assertEquals("goes with j2 in your basket", answer.get(0).reasons().get(0).text());
        assertTrue(Offers.builder(shop.log, shop.catalog).source(BasketSource.of(associations), 1).build()
                .offers("someone", request(2)).isEmpty(), "no basket, no cross-sell");
    }

    @Test
    void aRepeatMadeToMeasureOrderIsOfferedWithItsConfiguration() {
        Fixture shop = new Fixture(shopEvents());
        ConfigurableProduct shirt = ConfigurableProduct.labelled("mtm-shirt", new java.util.LinkedHashMap<>(Map.of(
                "collar", List.of("cutaway", "button-down"))), List.of());
        List<Configuration> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(new Configuration("c" + i, "mtm-shirt", day(i), Map.of("collar", i % 3 == 0 ? "button-down" : "cutaway")));
        }
        orders.add(new Configuration("ann", "mtm-shirt", day(50), Map.of("collar", "button-down")));
        Configurator configurator = Configurator.builder(CompletionMethod.chowLiuTree().train(ConfigurationHistory.of(shirt, orders)))
                .labels(shirt).build();
        List<Offer> answer = Offers.builder(shop.log, shop.catalog)
                .source(ConfigurationSource.builder(orders).product(shirt, configurator).build(), 1).build()
                .offers("ann", request(3));
        assertEquals(1, answer.size());
        assertEquals("mtm-shirt", answer.get(0).item());
        assertEquals(Map.of("collar", "button-down"), answer.get(0).configuration().orElseThrow().choices());
        assertEquals(Reason.Kind.REPEAT_CONFIGURATION, answer.get(0).reasons().get(0).kind());
        assertTrue(Offers.builder(shop.log, shop.catalog)
                .source(ConfigurationSource.builder(orders).product(shirt, configurator).build(), 1).build()
                .offers("bob", request(3)).isEmpty(), "no orders, no repeat");
    }

    @Test
    void anIncentiveGoesOnlyToCustomersWhoseValuePaysForIt() {
        Fixture shop = new Fixture(shopEvents());
        Offers offers = Offers.builder(shop.log, shop.catalog).source(TrendingSource.of(shop.log, Duration.ofDays(365)), 1)
                .customerValue(customer -> customer.equals("ann") ? OptionalDouble.of(500) : OptionalDouble.of(20), 100)
                .build();
        assertTrue(offers.offers("ann", request(2)).get(0).incentive());
        assertFalse(offers.offers("c1", request(2)).get(0).incentive());
        assertFalse(offers.offers("nobody", request(2)).get(0).incentive());
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        Fixture shop = new Fixture(shopEvents());
        assertThrows(IllegalArgumentException.class, () -> Offers.builder(shop.log, shop.catalog).build());
        assertThrows(IllegalArgumentException.class, () -> Offers.builder(shop.log, shop.catalog).source(fixed("a"), -1));
        assertThrows(IllegalArgumentException.class, () -> Offers.builder(shop.log, shop.catalog).source(fixed("a"), 1)
                .source(fixed("a"), 1));
        assertThrows(IllegalArgumentException.class, () -> Offers.builder(shop.log, shop.catalog).diversity(1.5));
        assertThrows(IllegalArgumentException.class, () -> OfferRequest.builder(AS_OF).n(0).build());
        assertThrows(IllegalArgumentException.class, () -> OfferRequest.builder(AS_OF).priceBand(10, 5).build());
    }

    /** A source that proposes fixed items in order, leaving out what the rules exclude. */
    private static OfferSource fixed(String name, String... items) {
        return new OfferSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
                List<Candidate> out = new ArrayList<>();
                for (int i = 0; i < items.length && out.size() < n; i++) {
                    if (!customer.excluded(items[i])) {
                        out.add(Candidate.of(items[i], items.length - i, new Reason(Reason.Kind.TRENDING, List.of(),
                                name + " likes " + items[i])));
                    }
                }
                return out;
            }
        };
    }
}
