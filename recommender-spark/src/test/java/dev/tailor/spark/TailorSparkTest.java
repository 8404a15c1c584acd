package dev.tailor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopFiles;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.io.ModelRegistry;
import dev.tailor.recommend.als.FactorModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailorSparkTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TailorSpark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainsAModelTheCoreLoadsAndWritesEveryCustomersOffers(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        GeneratedShop shop = ShopGenerator.builder().seed(3).customers(120).items(80).build().generate();
        shop.writeCsv(dir);
        Path events = dir.resolve(ShopFiles.EVENTS);
        Path model = dir.resolve("als.tailor");
        Run als = run("als", "--events", events.toString(), "--factors", "8", "--iterations", "4", "--out", model.toString());
        assertEquals(0, als.code(), als.err());
        assertTrue(als.out().contains(shop.events().size() + " events"), als.out());
        FactorModel loaded = ModelRegistry.load(model, FactorModel.class);
        assertEquals(shop.events().customers().size(), loaded.customers().size());

        java.time.Instant asOf = java.time.Instant.ofEpochSecond(shop.events().maxEpochSecond());
        dev.tailor.replenish.ReplenishmentModel due = dev.tailor.replenish.Replenishment.perCategory()
                .fit(shop.events(), shop.catalog(), asOf);
        Path replenishment = dir.resolve("replenishment.tailor");
        ModelRegistry.save(due, replenishment);
        Path offers = dir.resolve("offers");
        Path reminders = dir.resolve("reminders");
        Run batch = run("offers", "--events", events.toString(), "--model", model.toString(), "--replenishment",
                replenishment.toString(), "--catalog", dir.resolve(ShopFiles.CATALOG).toString(), "--as-of",
                asOf.toString(), "-n", "5", "--out", offers.toString(), "--reminders-out", reminders.toString());
        assertEquals(0, batch.code(), batch.err());
        long customers = SparkTestSession.get().read().parquet(offers.toString()).select("customer").distinct().count();
        assertEquals(shop.events().customers().size(), customers, "every customer has offers");
        int expected = due.reminders(java.time.Duration.ofDays(30), java.time.Duration.ofDays(3), 0.3,
                dev.tailor.concurrent.Workers.defaults()).size();
        assertTrue(expected > 0, "the shop has due reminders");
        assertEquals(expected, SparkTestSession.get().read().parquet(reminders.toString()).count());
    }

    @Test
    void writesTheOffersModelTheCoreServesAsTrainingInPlaceWould(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        GeneratedShop shop = ShopGenerator.builder().seed(4).customers(100).items(60).build().generate();
        shop.writeCsv(dir);
        Path events = dir.resolve(ShopFiles.EVENTS);
        Path engine = dir.resolve("als.tailor");
        assertEquals(0, run("als", "--events", events.toString(), "--factors", "8", "--iterations", "3", "--out",
                engine.toString()).code());
        Path file = dir.resolve("offers.tailor");
        java.time.Instant asOf = java.time.Instant.ofEpochSecond(shop.events().maxEpochSecond() - 86_400);
        Run model = run("model", "--events", events.toString(), "--catalog", dir.resolve(ShopFiles.CATALOG).toString(),
                "--engine", engine.toString(), "--as-of", asOf.toString(), "--out", file.toString());
        assertEquals(0, model.code(), model.err());
        assertTrue(model.out().contains("wrote the offers model (100 customers"), model.out());
        dev.tailor.offer.OffersModel served = dev.tailor.offer.OffersModel.load(file);
        assertEquals(asOf, served.trainedUntil());
        assertTrue(served.replenishment().isPresent(), "the replenishment model is in the file");
        // The same training on one machine, from the CSV files the cluster read.
        Path catalogFile = dir.resolve(ShopFiles.CATALOG);
        dev.tailor.data.EventLog.Builder read = dev.tailor.data.EventLog.builder();
        dev.tailor.ingest.csv.EventCsvReader.builder().columns(ShopFiles.EVENT_COLUMNS).build().read(events, read);
        dev.tailor.data.EventLog log = read.build();
        dev.tailor.data.Catalog catalog = dev.tailor.ingest.csv.CatalogCsvReader.read(catalogFile, dev.tailor.ingest.ParseMode.STRICT, log.items())
                .catalog();
        FactorModel als = ModelRegistry.load(engine, FactorModel.class);
        dev.tailor.offer.OffersModel local = dev.tailor.offer.OfferTraining.builder(log, catalog).asOf(asOf)
                .engine(new dev.tailor.recommend.RecommenderTrainer() {
                    @Override
                    public String name() {
                        return als.name();
                    }

                    @Override
                    public dev.tailor.recommend.Recommender train(dev.tailor.recommend.TrainingData data) {
                        return als;
                    }
                }).train().buildModel();
        dev.tailor.offer.OfferRequest request = dev.tailor.offer.OfferRequest.builder(asOf.plusSeconds(3600)).n(8).build();
        for (int c = 0; c < 100; c++) {
            String customer = log.customers().externalId(c);
            assertEquals(local.offers(customer, request), served.offers(customer, request), customer);
        }
    }

    @Test
    void aBadRowExitsWithOneNamingTheRowAndColumn(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        GeneratedShop shop = ShopGenerator.builder().seed(5).customers(30).items(20).build().generate();
        shop.writeCsv(dir);
        Path events = dir.resolve(ShopFiles.EVENTS);
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.set(5, lines.get(5).replaceFirst(",20\\d\\d-[^,]*,", ",last tuesday,"));
        Files.write(events, lines);
        Run bad = run("als", "--events", events.toString(), "--out", dir.resolve("m.tailor").toString());
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("'time'") && bad.err().contains("last tuesday"), bad.err());
        assertTrue(!Files.exists(dir.resolve("m.tailor")), "no model from bad input");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, run().code());
        assertEquals(2, run("train").code());
        Run missing = run("als", "--events");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--events needs a value"), missing.err());
    }
}
