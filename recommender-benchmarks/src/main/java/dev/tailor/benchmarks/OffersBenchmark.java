package dev.tailor.benchmarks;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.offer.OfferSource;
import dev.tailor.offer.LiveOffers;
import dev.tailor.offer.OffersModel;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.Offers;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.als.FactorModel;
import dev.tailor.replenish.ReplenishmentModel;
import dev.tailor.replenish.Replenishment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One customer's offers over a 100,000-item catalog with a rank-64 factor model, every rule on (price band,
 * owned and rented items, size in stock, MMR diversity, a category cap) and four sources (the factor model,
 * replenishment, trends, content neighbours), uncached and through {@link LiveOffers}' cache; recording an
 * event; against the plain float sum over the same item factors (the memory-bandwidth bound of one exact
 * scan). Targets (issue #13): uncached p99 ≤ 5 ms and ≤ 1.5 × the scan, cached p50 ≤ 50 µs, record ≤ 100 µs.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar OffersBenchmark -f 1 -wi 3 -i 5}, and
 * {@code -bm sample} for percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class OffersBenchmark {
    static final int CUSTOMERS = 2_000;
    static final int EVENTS_PER_CUSTOMER = 30;
    static final int CATEGORIES = 100;
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOW = START.plus(Duration.ofDays(91));

    @Param({"100000"})
    public int items;

    @Param({"64"})
    public int factors;

    private Offers offers;
    private LiveOffers live;
    private EventLog events;
    private Catalog shop;
    private FactorModel model;
    private ReplenishmentModel replenishment;
    private float[] itemFactors;
    private String[] customers;
    private OfferRequest request;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        EventLog.Builder log = EventLog.builder();
        String[] sizes = {"S", "M", "L"};
        for (int c = 0; c < CUSTOMERS; c++) {
            for (int e = 0; e < EVENTS_PER_CUSTOMER; e++) {
                // Skewed popularity, so trends and cycles have something to find.
                int item = (int) Math.floor(items * Math.pow(random.nextDouble(), 3));
                log.add(new Event("c" + c, "i" + item, START.plus(Duration.ofHours(random.nextInt(90 * 24))),
                        random.nextInt(4) == 0 ? EventKind.PURCHASE : EventKind.RENT, 1, 0, Double.NaN, FitFeedback.NONE,
                        sizes[c % 3]));
            }
        }
        for (int i = 0; i < items; i++) {
            // Every item in the index, so the catalog describes all 100,000 even if no one took it.
            log.add(new Event("catalog", "i" + i, START, EventKind.VIEW, 1, 0, Double.NaN, FitFeedback.NONE, null));
        }
        events = log.build();
        Catalog.Builder catalog = Catalog.builder(events.items());
        for (int i = 0; i < items; i++) {
            catalog.add(new CatalogItem("i" + i, "category-" + (i % CATEGORIES), 10 + (i % 200),
                    Map.of("colour", "c" + (i % 7), "fabric", "f" + (i % 5)), Set.of(sizes[i % 3], sizes[(i + 1) % 3])));
        }
        shop = catalog.build();
        TrainingData data = TrainingData.of(events, WeightingPolicy.defaults());
        int customerCount = events.customers().size();
        int itemCount = events.items().size();
        float[] customerFactors = new float[customerCount * factors];
        itemFactors = new float[itemCount * factors];
        for (int i = 0; i < customerFactors.length; i++) {
            customerFactors[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < itemFactors.length; i++) {
            itemFactors[i] = (float) random.nextGaussian();
        }
        model = FactorModel.fromFactors("als", factors, customerFactors, itemFactors, data.matrix(), 30, 2);
        replenishment = Replenishment.perCategory().fit(events, shop, NOW.minusSeconds(1));
        offers = offers(model);
        // Every customer may hold 1,000 recorded events: room for all of them, so record() never meets the total limit.
        live = LiveOffers.builder(offers, NOW.minusSeconds(1)).maxRecorded(4_000_000).build();
        customers = new String[CUSTOMERS];
        for (int c = 0; c < CUSTOMERS; c++) {
            customers[c] = "c" + c;
        }
        request = OfferRequest.builder(NOW).n(10).priceBand(20, 150).build();
    }

    /** The offers every uncached benchmark asks (after {@link #setUp}). */
    Offers offers() {
        return offers;
    }

    /** The offers of this benchmark with another collaborative model. */
    private Offers offers(Recommender collaborative) {
        return Offers.builder(events, shop)
                .source(OfferSource.collaborative(collaborative), 1)
                .source(OfferSource.replenishment(replenishment, Duration.ofDays(30), 0.3), 1)
                .source(OfferSource.trending(events, Duration.ofDays(30)), 0.5)
                .source(OfferSource.content(events, shop, Duration.ofDays(30)), 0.25)
                .categoryCap(3).diversity(0.9).build();
    }

    /**
     * The same offers with the factor model behind the approximate candidate stage (module recommender-ann,
     * search width 200): what a service that accepts approximate collaborative candidates pays per call.
     */
    @State(Scope.Benchmark)
    public static class Approximate {
        Offers offers;

        @Setup
        public void setUp(OffersBenchmark base) {
            offers = base.offers(dev.tailor.ann.ApproximateFactorModel.builder(base.model).searchWidth(200).build());
        }
    }

    /**
     * The same offers saved as one offers model file and loaded back, as a service runs them: the loaded model
     * answers without the event log, and must be no slower than the offers trained in this process.
     */
    @State(Scope.Benchmark)
    public static class Loaded {
        OffersModel model;
        LiveOffers live;

        @Setup
        public void setUp(OffersBenchmark base) throws java.io.IOException {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("offers-benchmark", ".tailor");
            try {
                Offers.Builder built = Offers.builder(base.events, base.shop)
                        .source(OfferSource.collaborative(base.model), 1)
                        .source(OfferSource.replenishment(base.replenishment, Duration.ofDays(30), 0.3), 1)
                        .source(OfferSource.trending(base.events, Duration.ofDays(30)), 0.5)
                        .source(OfferSource.content(base.events, base.shop, Duration.ofDays(30)), 0.25)
                        .categoryCap(3).diversity(0.9);
                built.buildModel().save(file);
                model = OffersModel.load(file);
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
            live = LiveOffers.builder(model).build();
        }
    }

    @Benchmark
    public List<Offer> uncachedOffersLoaded(Loaded loaded) {
        next++;
        return loaded.model.offers(customers[next % CUSTOMERS], request);
    }

    @Benchmark
    public List<Offer> cachedOffersLoaded(Loaded loaded) {
        next++;
        return loaded.live.offers(customers[next % 16], request);
    }

    @Benchmark
    public List<Offer> uncachedOffersApproximate(Approximate approximate) {
        next++;
        return approximate.offers.offers(customers[next % CUSTOMERS], request);
    }

    @Benchmark
    public List<Offer> uncachedOffers() {
        next++;
        return offers.offers(customers[next % CUSTOMERS], request);
    }

    @Benchmark
    public List<Offer> cachedOffers() {
        next++;
        return live.offers(customers[next % 16], request);
    }

    @Benchmark
    public void record() {
        next++;
        live.record(new Event(customers[next % CUSTOMERS], "i" + (next % items), NOW.minusSeconds(next % 3600),
                EventKind.RENT, 1, 0, Double.NaN, FitFeedback.NONE, null));
    }

    @Benchmark
    public float baselineScanOfTheItemFactors() {
        return Baselines.sum(itemFactors);
    }
}
