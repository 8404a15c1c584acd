package dev.tailor.benchmarks;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShirtOptions;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.fit.FitData;
import dev.tailor.fit.SizeFit;
import dev.tailor.ingest.ParseMode;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.OffersModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * What an offers model costs and whether it answers as trained: trains it on all events of a shop, saves it, measures
 * the file (bytes in all and per customer), the load time and the heap a loaded model holds, and compares the loaded
 * model's offers with the trained one's for every customer, scores included.
 *
 * <p>Run: {@code java -Xmx16g -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.OffersModelReport
 * generated:100000 generated:20000:100000 renttherunway}; {@code -Dreport.weights=content=1} switches on sources
 * besides the defaults.
 */
public final class OffersModelReport {
    private OffersModelReport() {
    }

    /** Arguments: {@code generated:<customers>[:<items>]} and/or {@code renttherunway}. */
    public static void main(String[] args) throws Exception {
        System.out.println("| shop | customers | items | events | train s | file MB | bytes per customer | load s (best of 3) "
                + "| MB allocated by a load | heap of the loaded model MB | customers compared | differing answers |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String arg : args) {
            report(arg);
        }
    }

    private static void report(String arg) throws Exception {
        OfferTraining.Builder training;
        EventLog log;
        String name;
        if (arg.startsWith("generated")) {
            String[] parts = arg.split(":");
            int customers = parts.length > 1 ? Integer.parseInt(parts[1]) : 5000;
            ShopGenerator.Builder generator = ShopGenerator.builder().seed(7).customers(customers);
            if (parts.length > 2) {
                generator.items(Integer.parseInt(parts[2]));
            }
            GeneratedShop shop = generator.build().generate();
            log = shop.events();
            name = "generated shop (seed 7, " + String.format(Locale.ROOT, "%,d", customers) + " customers"
                    + (parts.length > 2 ? String.format(Locale.ROOT, ", %,d catalog items", Integer.parseInt(parts[2])) : "") + ")";
            ConfigurableProduct shirt = ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN);
            training = OfferTraining.builder(log, shop.catalog()).configurations(shop.configurations(), List.of(shirt))
                    .fitModel(SizeFit.builder().build().train(FitData.builder(log).catalog(shop.catalog()).keptMeansFits(true).build()));
        } else if (arg.equals("renttherunway")) {
            RentTheRunway.Rentals rentals = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT);
            log = rentals.dataset().events();
            name = "RentTheRunway";
            training = OfferTraining.builder(log, rentals.dataset().catalog()).occasions(rentals.occasionOfEvent())
                    .fitModel(SizeFit.builder().build().train(rentals.fitData()));
        } else {
            throw new IllegalArgumentException("unknown shop '" + arg + "': generated[:customers[:items]] or renttherunway");
        }
        // Sources switched on besides the defaults, as "content=1,trending=2" (the offers' content source holds a catalog).
        for (String weight : System.getProperty("report.weights", "").split(",")) {
            if (!weight.isBlank()) {
                String[] pair = weight.split("=");
                if (pair.length != 2) {
                    throw new IllegalArgumentException("-Dreport.weights: '" + weight + "' is not SOURCE=WEIGHT");
                }
                training.weight(pair[0].trim(), Double.parseDouble(pair[1].trim()));
                name += ", " + pair[0].trim() + " " + pair[1].trim();
            }
        }
        long start = System.nanoTime();
        OffersModel trained = training.train().buildModel();
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Path file = Files.createTempFile("offers-model-report", ".tailor");
        try {
            trained.save(file);
            long bytes = Files.size(file);
            double bestLoad = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                OffersModel.load(file);
                bestLoad = Math.min(bestLoad, (System.nanoTime() - t) / 1e9);
            }
            // What one load allocates, over the threads alive before and after it (a load may use the shared pool's):
            // load times on this machine vary with the collector.
            Map<Long, Long> allocatedBefore = allocatedByThread();
            OffersModel.load(file);
            long allocated = 0;
            for (Map.Entry<Long, Long> thread : allocatedByThread().entrySet()) {
                allocated += thread.getValue() - allocatedBefore.getOrDefault(thread.getKey(), 0L);
            }
            long before = usedHeap();
            OffersModel loaded = OffersModel.load(file);
            long heap = usedHeap() - before;
            OfferRequest request = OfferRequest.builder(trained.trainedUntil()).n(10).build();
            AtomicLong differing = new AtomicLong();
            int customers = trained.customers().size();
            IntStream.range(0, customers).parallel().forEach(c -> {
                String id = trained.customers().externalId(c);
                List<Offer> expected = trained.offers(id, request);
                if (!expected.equals(loaded.offers(id, request))) {
                    differing.incrementAndGet();
                }
            });
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %.1f | %,.0f | %.2f | %.0f | %.0f | %,d | %d |%n", name,
                    customers, trained.items().size(), log.size(), trainSeconds, bytes / 1e6, bytes / (double) customers, bestLoad,
                    allocated / 1e6, heap / 1e6, customers, differing.get());
            if (loaded.customers().size() != customers) {
                throw new AssertionError("the loaded model lost customers");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Bytes allocated so far by each live thread, by thread id. */
    private static Map<Long, Long> allocatedByThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int t = 0; t < ids.length; t++) {
            if (bytes[t] >= 0) {
                byThread.put(ids[t], bytes[t]);
            }
        }
        return byThread;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

}
