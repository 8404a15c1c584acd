package dev.tailor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Event;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.io.ModelFileException;
import dev.tailor.io.ModelRegistry;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.offer.OfferSource;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.Offers;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.replenish.Replenishment;
import dev.tailor.replenish.ReplenishmentModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkOffersTest {
    @Test
    void everyCustomersOffersAreTheCoresOwn(@TempDir Path dir) throws Exception {
        GeneratedShop shop = ShopGenerator.builder().seed(4).customers(150).items(120).build().generate();
        EventLog log = shop.events();
        Instant asOf = Instant.ofEpochSecond(log.maxEpochSecond());
        Recommender knn = ItemKnn.builder().build().train(TrainingData.of(log, WeightingPolicy.defaults()));
        ReplenishmentModel due = Replenishment.perCategory().fit(log, shop.catalog(), asOf);
        Path knnFile = dir.resolve("knn.tailor");
        Path dueFile = dir.resolve("replenishment.tailor");
        ModelRegistry.save(knn, knnFile);
        ModelRegistry.save(due, dueFile);
        OfferRequest request = OfferRequest.builder(asOf).n(8).build();

        List<CatalogItem> catalog = new ArrayList<>();
        for (int i = 0; i < shop.catalog().size(); i++) {
            if (shop.catalog().has(i)) {
                catalog.add(shop.catalog().get(i));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < log.size(); e++) {
            Event event = log.event(e);
            rows.add(RowFactory.create(event.customer(), event.item(), event.time().getEpochSecond(), event.kind().name(),
                    event.quantity(), event.amount(), event.rating(), event.fit().name(), event.size()));
        }
        Dataset<Row> events = SparkTestSession.get().createDataFrame(rows, SparkEvents.SCHEMA).repartition(3);
        Map<String, List<String>> spark = new HashMap<>();
        Map<String, List<Double>> sparkScores = new HashMap<>();
        for (Row row : SparkOffers.withDefaults().offers(events, knnFile, dueFile, catalog, request)
                .orderBy("customer", "rank").collectAsList()) {
            spark.computeIfAbsent(row.getString(0), c -> new ArrayList<>()).add(row.getString(2));
            sparkScores.computeIfAbsent(row.getString(0), c -> new ArrayList<>()).add(row.getDouble(3));
            assertTrue(!row.getString(8).isEmpty(), "every offer has a reason");
        }

        Offers core = Offers.builder(log, shop.catalog())
                .source(OfferSource.collaborative(ModelRegistry.load(knnFile, Recommender.class)), 0.5)
                .source(OfferSource.replenishment(ModelRegistry.load(dueFile, ReplenishmentModel.class), Duration.ofDays(30),
                        0.3), 4.0)
                .build();
        int offered = 0;
        for (int c = 0; c < log.customers().size(); c++) {
            String customer = log.customers().externalId(c);
            List<Offer> expected = core.offers(customer, request);
            List<String> items = expected.stream().map(Offer::item).toList();
            assertEquals(items, spark.getOrDefault(customer, List.of()), customer);
            for (int r = 0; r < expected.size(); r++) {
                assertEquals(expected.get(r).score(), sparkScores.get(customer).get(r), 1e-12, customer + " rank " + (r + 1));
            }
            offered += items.size();
        }
        assertTrue(offered >= 8 * log.customers().size() * 9 / 10, offered + " offers");
    }

    @Test
    void remindersComputedOnTheExecutorsAreTheCoresOwn(@TempDir Path dir) throws Exception {
        GeneratedShop shop = ShopGenerator.builder().seed(6).customers(400).items(60).build().generate();
        Instant asOf = Instant.ofEpochSecond(shop.events().maxEpochSecond());
        ReplenishmentModel due = Replenishment.perCategory().fit(shop.events(), shop.catalog(), asOf);
        Path file = dir.resolve("replenishment.tailor");
        ModelRegistry.save(due, file);
        List<String> expected = new ArrayList<>();
        for (dev.tailor.replenish.Reminder r : due.reminders(Duration.ofDays(30), Duration.ofDays(3), 0.3,
                dev.tailor.concurrent.Workers.defaults())) {
            expected.add(r.customer() + "/" + r.key() + "/" + r.dueDate() + "/" + r.probability());
        }
        assertTrue(expected.size() > 20, expected.size() + " reminders");
        for (int slices : new int[] {1, 7}) {
            List<String> spark = new ArrayList<>();
            // Dates read back as text: decoding a Spark date to java.sql.Date needs --add-opens that only spark-submit adds.
            for (Row row : SparkOffers.withDefaults().reminders(SparkTestSession.get(), file, Duration.ofDays(3), slices)
                    .selectExpr("customer", "key", "cast(due_date as string)", "probability").collectAsList()) {
                spark.add(row.getString(0) + "/" + row.getString(1) + "/" + row.getString(2) + "/" + row.getDouble(3));
            }
            assertEquals(expected, spark, slices + " slices");
        }
        // #30 item 14: part files lose the order; the rank column keeps it (1 = most probable).
        List<Long> ranks = SparkOffers.withDefaults().reminders(SparkTestSession.get(), file, Duration.ofDays(3), 3)
                .select("rank").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
        assertEquals(java.util.stream.LongStream.rangeClosed(1, expected.size()).boxed().toList(), ranks);
    }

    @Test
    void aDamagedModelFileIsRefusedOnTheDriver(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.tailor");
        Files.write(broken, new byte[] {1, 2, 3});
        Dataset<Row> events = SparkTestSession.get().createDataFrame(List.of(), SparkEvents.SCHEMA);
        assertThrows(ModelFileException.class, () -> SparkOffers.withDefaults().offers(events, broken, null, List.of(),
                OfferRequest.builder(Instant.EPOCH).build()));
    }
}
