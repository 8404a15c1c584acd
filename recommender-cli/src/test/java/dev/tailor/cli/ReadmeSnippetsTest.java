package dev.tailor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Catalog;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.fit.FitData;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.FitProbabilities;
import dev.tailor.fit.SizeAdvice;
import dev.tailor.fit.SizeFit;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Split;
import dev.tailor.eval.Splitter;
import dev.tailor.ingest.csv.CatalogCsvReader;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.csv.EventCsvReader;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.offer.LiveOffers;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.OffersModel;
import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.NeighbourhoodModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java sample in the README is here, line for line, and runs: on a generated shop written as
 * {@code tailor generate} writes it.
 */
class ReadmeSnippetsTest {
    private static final Path SOURCE = Path.of("src/test/java/dev/tailor/cli/ReadmeSnippetsTest.java");

    @Test
    void everyJavaSampleOfTheReadmeIsInThisTestLineForLine() throws Exception {
        List<String> mine = Files.readAllLines(SOURCE).stream().map(String::strip).toList();
        List<List<String>> samples = samples(Files.readAllLines(Path.of("../README.md")));
        assertEquals(4, samples.size(), "the README's Java samples");
        for (List<String> sample : samples) {
            assertTrue(java.util.Collections.indexOfSubList(mine, sample) >= 0, "not in this test: " + String.join("\n", sample));
        }
    }

    private static List<List<String>> samples(List<String> readme) {
        List<List<String>> samples = new ArrayList<>();
        List<String> current = null;
        for (String line : readme) {
            if (line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                samples.add(current);
                current = null;
            } else if (current != null) {
                current.add(line.strip());
            }
        }
        return samples;
    }

    @Test
    void theSamplesRun(@TempDir Path folder) throws Exception {
        ShopGenerator.builder().seed(5).customers(400).build().generate().writeCsv(folder);
        assertTrue(Files.exists(folder.resolve(dev.tailor.datasets.generator.ShopFiles.EVENTS)));

        EventLog.Builder read = EventLog.builder();
        EventCsvReader.builder()
            .columns(EventColumns.builder()
                .customer("customer").item("item").time("time", TimeFormat.iso8601()).kind("kind")
                .quantity("quantity").amount("amount").fit("fit").size("size").build())
            .build()
            .read(folder.resolve("events.csv"), read);             // strict: the first bad record throws
        EventLog log = read.build();
        Catalog catalog = CatalogCsvReader.read(folder.resolve("catalog.csv"), ParseMode.STRICT, log.items()).catalog();

        OffersModel model = OfferTraining.builder(log, catalog).train().buildModel();
        model.save(folder.resolve("offers.tailor"));              // one file: written atomically, with a checksum

        LiveOffers live = LiveOffers.builder(OffersModel.load(folder.resolve("offers.tailor"))).build();
        Instant now = Instant.now();
        live.record(Event.of("C0000042", "dresses-0017", now, EventKind.RENT));  // counts at once, weighed as retraining would
        List<Offer> offers = live.offers("C0000042", OfferRequest.builder(now).n(10).build());
        String why = offers.get(0).reasons().get(0).text();       // and .figures(): the numbers behind it
        live.reload(folder.resolve("offers.tailor"));             // tonight's model: requests in flight finish on the old one

        assertEquals(10, offers.size());
        assertFalse(why.isBlank());
        assertTrue(offers.stream().noneMatch(o -> o.item().equals("dresses-0017")), "just rented: " + offers);
        assertEquals(1, live.generation());
        assertTrue(log.items().find("dresses-0017") >= 0, "the sample's item is in the generated shop");

        Split split = Splitter.temporal(0.8).split(log);
        EvaluationResult result = Evaluator.builder().k(10).build()
            .evaluate(MostPopular.overall(), split, WeightingPolicy.defaults());

        NeighbourhoodModel engine = ItemKnn.builder().build().train(TrainingData.of(log, WeightingPolicy.defaults()));
        RecommendationList list = engine.recommend("C0000042", 10, Exclusions.owned());  // an unknown id gets popular items
        List<String> itemIds = list.externalIds(engine.items());   // the model carries its own frozen ids

        // What happened since training, without retraining: the snapshot with the events folded in as retraining would.
        int customer = engine.customers().find("C0000042");
        CustomerHistory since = engine.historyWith(customer, List.of(Event.of("C0000042", "dresses-0017", now, EventKind.RENT)));
        RecommendationList next = engine.recommend(since, 10, Exclusions.owned());
        List<Contribution> because = engine.because(since, next.item(0));  // "because you rented ..."

        FitModel fit = SizeFit.builder().build().train(FitData.builder(log).catalog(catalog).keptMeansFits(true).build());
        FitProbabilities p = fit.probabilities("C0000042", "dresses-0017", "M");   // small / fits / large
        SizeAdvice advice = fit.advise(fit.customers().find("C0000042"), fit.items().find("dresses-0017"),
            List.of("S", "M", "L"));                                  // the size to send, and every size's probabilities

        assertTrue(List.of("S", "M", "L").contains(advice.size()));
        assertEquals(1, p.small() + p.fits() + p.large(), 1e-9);
        assertTrue(result.toString().length() > 0);
        assertEquals(10, itemIds.size());
        assertTrue(since.contains(log.items().find("dresses-0017")));
        assertFalse(because.isEmpty());
    }
}
