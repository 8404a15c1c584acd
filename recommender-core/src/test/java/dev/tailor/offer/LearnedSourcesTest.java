package dev.tailor.offer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.fit.BodyProfile;
import dev.tailor.progress.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The demand forecast and personal affinity learn what was planted in small made-up shops. */
class LearnedSourcesTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /**
     * Twelve items over 30 weeks, every take by a returning customer (one who took a starter item before): item k is
     * taken k + 1 times a week when k is even; an odd item k was taken 3 (k + 1) times a week in the first 25 weeks and
     * not since — so over 90 days the fading items look more popular than the steady ones (popular-90d puts i11 first),
     * but the forecast learns from the steps before the cut that a quiet item stays quiet.
     */
    private static EventLog steadyAndFading() {
        EventLog.Builder b = EventLog.builder();
        int customer = 0;
        for (int week = 0; week < 30; week++) {
            for (int k = 0; k < 12; k++) {
                int perWeek = k % 2 == 0 ? k + 1 : week < 25 ? 3 * (k + 1) : 0;
                for (int n = 0; n < perWeek; n++) {
                    String c = "c" + customer++;
                    Instant when = T0.plus(Duration.ofDays(7L * week + n % 7));
                    b.add(new Event(c, "starter", when.minus(Duration.ofDays(200)), EventKind.RENT, 1, 0, Double.NaN, FitFeedback.NONE, null));
                    b.add(new Event(c, "i" + k, when, EventKind.RENT, 1, 0, Double.NaN, FitFeedback.NONE, null));
                }
            }
        }
        return b.build();
    }

    private static Catalog catalogOf(EventLog log, Map<String, String> categories) {
        Catalog.Builder catalog = Catalog.builder(log.items());
        for (int i = 0; i < log.items().size(); i++) {
            String id = log.items().externalId(i);
            catalog.add(new CatalogItem(id, categories.getOrDefault(id, "dresses"), 50, Map.of(), Set.of()));
        }
        return catalog.build();
    }

    @Test
    void theForecastKeepsSteadyItemsInOrderNearTheirRatesAndFadedOnesLow() {
        EventLog log = steadyAndFading();
        TakeHistory takes = TakeHistory.of(log, catalogOf(log, Map.of()), null, Map.of());
        long cut = T0.plus(Duration.ofDays(7 * 30)).getEpochSecond();
        DemandForecast forecast = DemandForecast.train(takes, cut, Duration.ofDays(7), 10);
        double[] expected = forecast.expectedTakes(cut);
        // One log-linear model over every item cannot match each rate exactly (the fading items stop without warning
        // in the steps it learns from), but it keeps the steady items in order, near their rates, and the quiet ones low.
        double previous = 0;
        for (int k = 0; k < 12; k += 2) {
            double rate = expected[log.items().find("i" + k)];
            assertTrue(rate > previous && rate > (k + 1) / 2.0 && rate < 2.0 * (k + 1), "steady item i" + k + ": " + rate);
            previous = rate;
        }
        for (int k = 1; k < 12; k += 2) {
            assertTrue(expected[log.items().find("i" + k)] < 0.2, "faded item i" + k + ": " + expected[log.items().find("i" + k)]);
        }
        List<Offer> top = Offers.builder(log, catalogOf(log, Map.of())).source(forecast, 1).diversity(1).build()
                .offers("a stranger", OfferRequest.builder(Instant.ofEpochSecond(cut)).n(3).build());
        assertEquals(List.of("i10", "i8", "i6"), top.stream().map(Offer::item).toList());
        List<Offer> popular = Offers.builder(log, catalogOf(log, Map.of())).source(OfferSource.trending(log, Duration.ofDays(90)), 1)
                .diversity(1).build().offers("a stranger", OfferRequest.builder(Instant.ofEpochSecond(cut)).n(1).build());
        assertEquals("i11", popular.get(0).item(), "what recent counts alone offer");
        assertEquals(Reason.Kind.IN_DEMAND, top.get(0).reasons().get(0).kind());
    }

    /**
     * Forty items, half cut for short customers (taken in sizes S) and half for tall ones (sizes L); each customer
     * takes four items of her group over 20 weeks. Affinity learns that a customer's next items are in her sizes and
     * liked by customers of her height: a short customer's offers are short customers' items, and a tall one's tall.
     */
    @Test
    void affinityOffersTheItemsOfHerSizesAndBuild() {
        EventLog log = shortAndTall();
        Catalog catalog = catalogOf(log, Map.of());
        Instant asOf = T0.plus(Duration.ofDays(140));
        OfferSource affinity = affinityOnly(log, catalog, asOf).trainSources().get("affinity");
        Offers offers = Offers.builder(log, catalog).source(affinity, 1).build();
        int right = 0;
        int asked = 0;
        for (int c = 0; c < 40; c++) {
            boolean tall = c % 2 == 0;
            for (Offer offer : offers.offers("c" + c, OfferRequest.builder(asOf).n(5).build())) {
                int item = Integer.parseInt(offer.item().substring(1));
                right += (item >= 20) == tall ? 1 : 0;
                asked++;
            }
        }
        assertEquals(200, asked);
        assertTrue(right >= 190, right + " of 200 offers of the customer's own group");
    }

    /**
     * The logit's sums are split into fixed blocks whatever the threads, so one thread and three learn the same
     * coefficients to the last bit; the training reports each source it trains.
     */
    @Test
    void affinityLearnsTheSameOnAnyNumberOfThreadsAndTrainingReportsItsSources() {
        EventLog log = shortAndTall();
        Catalog catalog = catalogOf(log, Map.of());
        Instant asOf = T0.plus(Duration.ofDays(140));
        List<String> reported = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void start(String task, long total) {
                reported.add(task + " / " + total);
            }

            @Override
            public void advance(long units) {
                reported.add("+" + units);
            }

            @Override
            public void finish() {
                reported.add("done");
            }
        };
        OfferSource oneThread = affinityOnly(log, catalog, asOf).threads(1).progress(listener).trainSources().get("affinity");
        OfferSource threeThreads = affinityOnly(log, catalog, asOf).threads(3).trainSources().get("affinity");
        assertEquals(List.of("training the offer sources / 1", "+1", "done"), reported);
        double[] one = ((AffinitySource) oneThread).coefficients();
        double[] three = ((AffinitySource) threeThreads).coefficients();
        assertTrue(one.length > 5 && Arrays.stream(one).anyMatch(v -> v != 0), Arrays.toString(one));
        assertArrayEquals(one, three);
    }

    private static OfferTraining.Builder affinityOnly(EventLog log, Catalog catalog, Instant asOf) {
        OfferTraining.Builder training = OfferTraining.builder(log, catalog).asOf(asOf).profiles(shortAndTallProfiles())
                .learningSteps(Duration.ofDays(7), 12);
        OfferTraining.DEFAULT_WEIGHTS.keySet().forEach(name -> training.weight(name, name.equals("affinity") ? 1 : 0));
        return training;
    }

    private static Map<String, BodyProfile> shortAndTallProfiles() {
        SplittableRandom random = new SplittableRandom(4);
        Map<String, BodyProfile> profiles = new HashMap<>();
        for (int c = 0; c < 300; c++) {
            boolean tall = c % 2 == 0;
            profiles.put("c" + c, new BodyProfile(Map.of("height", tall ? 175.0 + random.nextInt(10) : 150.0 + random.nextInt(10)),
                    Map.of()));
        }
        return profiles;
    }

    private static EventLog shortAndTall() {
        SplittableRandom random = new SplittableRandom(5);
        EventLog.Builder b = EventLog.builder();
        for (int c = 0; c < 300; c++) {
            boolean tall = c % 2 == 0;
            for (int e = 0; e < 4; e++) {
                int item = (tall ? 20 : 0) + random.nextInt(20);
                Instant when = T0.plus(Duration.ofHours(random.nextInt(140 * 24)));
                b.add(new Event("c" + c, "i" + item, when, EventKind.RENT, 1, 0, Double.NaN, FitFeedback.NONE, tall ? "L" : "S"));
            }
        }
        return b.build();
    }

    /**
     * 200 items with a feature x, each choice made with probability ∝ exp(1.5 x) over all of them; the alternatives of
     * each choice drawn in proportion to exp(x), as affinity draws them in proportion to recent takes. With each row's
     * −ln(draws × chance) the sampled conditional logit recovers 1.5; without it the popular alternatives it was shown
     * too often pull the estimate far down.
     */
    @Test
    void theSamplingCorrectionRecoversTheCoefficientFromPopularityDrawnAlternatives() {
        SplittableRandom random = new SplittableRandom(8);
        int items = 200;
        int draws = 30;
        double[] x = new double[items];
        double[] choice = new double[items];
        double[] drawing = new double[items];
        for (int i = 0; i < items; i++) {
            x[i] = random.nextGaussian();
            choice[i] = (i == 0 ? 0 : choice[i - 1]) + Math.exp(1.5 * x[i]);
            drawing[i] = (i == 0 ? 0 : drawing[i - 1]) + Math.exp(x[i]);
        }
        List<float[]> rows = new ArrayList<>();
        List<int[]> choices = new ArrayList<>();
        List<float[]> corrected = new ArrayList<>();
        List<float[]> uncorrected = new ArrayList<>();
        for (int c = 0; c < 4000; c++) {
            int chosen = pick(choice, random.nextDouble() * choice[items - 1]);
            float[] row = new float[draws + 1];
            float[] correction = new float[draws + 1];
            int count = 0;
            for (int a = -1; a < draws; a++) {
                int item = a < 0 ? chosen : pick(drawing, random.nextDouble() * drawing[items - 1]);
                if (a >= 0 && item == chosen) {
                    continue;
                }
                row[count] = (float) x[item];
                correction[count++] = (float) -Math.log(draws * Math.exp(x[item]) / drawing[items - 1]);
            }
            rows.add(row);
            choices.add(new int[] {1, count});
            corrected.add(correction);
            uncorrected.add(new float[count]);
        }
        double[] mean = {0};
        double[] scale = {1};
        double withCorrection = AffinitySource.conditionalLogit(rows, choices, corrected, 1, mean, scale, 1.0, Workers.defaults())[0];
        double without = AffinitySource.conditionalLogit(rows, choices, uncorrected, 1, mean, scale, 1.0, Workers.defaults())[0];
        assertEquals(1.5, withCorrection, 0.12);
        assertTrue(without < 1.0, "uncorrected " + without);
    }

    private static int pick(double[] cumulative, double at) {
        int i = java.util.Arrays.binarySearch(cumulative, at);
        return Math.min(cumulative.length - 1, i >= 0 ? i + 1 : -i - 1);
    }

    @Test
    void learningStepsAreChecked() {
        EventLog log = steadyAndFading();
        OfferTraining.Builder training = OfferTraining.builder(log, catalogOf(log, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> training.learningSteps(Duration.ofHours(1), 4));
        assertThrows(IllegalArgumentException.class, () -> training.learningSteps(Duration.ofDays(7), 0));
        Catalog catalog = catalogOf(log, Map.of());
        Instant asOf = T0.plus(Duration.ofDays(210));
        assertThrows(IllegalArgumentException.class, () -> OfferSource.forecast(log, catalog, asOf, Duration.ofHours(6), 4));
        assertThrows(IllegalArgumentException.class, () -> OfferSource.affinity(log, catalog, new String[1], Map.of(), asOf,
                Duration.ofDays(7), 4, 1));
        // Nothing was taken before steps that reach back before the first event.
        assertThrows(IllegalArgumentException.class, () -> OfferSource.forecast(log, catalog, T0.minus(Duration.ofDays(300)),
                Duration.ofDays(7), 4));
        assertEquals("forecast", OfferSource.forecast(log, catalog, asOf, Duration.ofDays(7), 4).name());
    }
}
