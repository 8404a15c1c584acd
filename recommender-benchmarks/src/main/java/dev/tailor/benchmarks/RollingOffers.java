package dev.tailor.benchmarks;

import dev.tailor.data.Catalog;
import dev.tailor.data.Event;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.engines.Trainers;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Splitter;
import dev.tailor.fit.BodyProfile;
import dev.tailor.ingest.ParseMode;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OfferSource;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.Offers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Offers judged the way a shop serves them, on RentTheRunway: weekly rolling steps from 2017-07-01 to the end of the
 * data, each step's lists made from everything before it (every source retrained as of the step's start) and judged
 * on the customers who rent something new in the step (the {@link Evaluator#evaluateRolling} protocol, standard
 * errors clustered by customer). The blend's weights are chosen by a coordinate search on the 13 weekly steps before
 * 2017-07-01 (validation), never on the test steps. Every request asks for the customer's most frequent occasion
 * before the step. The collaborative engine is item-kNN (cosine) unless named: EASE, the static cut's choice, costs
 * about 100 s a step here. The forecast and affinity learn from the 13 weeks before each step
 * ({@code -Drolling.learningWeeks=N} for another number); personal affinity samples its choice sets with seed 42
 * ({@code -Drolling.seed=N} for another).
 *
 * <p>Run: {@code java -Xmx12g -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.RollingOffers
 * [engine]}; {@code -Drolling.quick=true} measures popular-90d, affinity and the forecast alone, without the search
 * (on the validation steps with {@code -Drolling.onValidation=true}); {@code -Drolling.blendOnly=true} measures the
 * issue's simple personal blend ({@link SimplePersonalBlend}, its weights chosen on validation) against popular-90d.
 * The full run compares the offers with that blend case by case. After the weights, the k of the reciprocal-rank
 * fusion is chosen on validation too.
 */
public final class RollingOffers {
    private static final Instant TEST_START = Instant.parse("2017-07-01T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final int VALIDATION_WEEKS = 13;
    private static final List<String> SEARCHED = List.of("affinity", "forecast", "trending", "cf");
    /** The offers' default k of reciprocal-rank fusion, where the search starts. */
    private static final int DEFAULT_FUSION_DEPTH = 10;

    private final EventLog log;
    private final Catalog fullCatalog;
    private final String[] occasionOfEvent;
    private final Map<String, BodyProfile> profiles;
    private final String engine;
    /** Trained sources per step start: trained once, blended many ways. */
    private final Map<Instant, Map<String, OfferSource>> sourcesByStep = new ConcurrentHashMap<>();
    private final Map<Instant, Catalog> catalogByStep = new ConcurrentHashMap<>();
    private final Map<Instant, Map<Integer, String>> usualOccasionByStep = new ConcurrentHashMap<>();

    private RollingOffers(RentTheRunway.Rentals rentals, String engine) {
        this.log = rentals.dataset().events();
        this.fullCatalog = rentals.dataset().catalog();
        this.occasionOfEvent = rentals.occasionOfEvent();
        this.profiles = rentals.profiles();
        this.engine = engine;
    }

    public static void main(String[] args) {
        RentTheRunway.Rentals rentals = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT);
        RollingOffers rolling = new RollingOffers(rentals, args.length > 0 ? args[0] : "knn-cosine");
        Evaluator evaluator = Evaluator.builder().k(10).build();
        List<Splitter.Rolling.Step> validation = Splitter.rolling(TEST_START.minus(WEEK.multipliedBy(VALIDATION_WEEKS)), WEEK)
                .until(TEST_START).split(rolling.log);
        List<Splitter.Rolling.Step> test = Splitter.rolling(TEST_START, WEEK).split(rolling.log);

        if (Boolean.getBoolean("rolling.blendOnly")) {
            SimplePersonalBlend blend = rolling.chooseSimpleBlend(evaluator, validation);
            EvaluationResult.Rolling popular = rolling.evaluate(evaluator, test, "popular-90d", Map.of("popular-90d", 1.0));
            EvaluationResult.Rolling simple = evaluator.evaluateRolling(blend.toString(), "rebuilt at every step", test,
                    WeightingPolicy.defaults(), blend);
            System.out.print(EvaluationResult.Rolling.table(List.of(popular, simple)));
            return;
        }
        if (Boolean.getBoolean("rolling.quick")) {
            // On the validation steps when settings (the learning weeks, say) are being chosen.
            List<Splitter.Rolling.Step> steps = Boolean.getBoolean("rolling.onValidation") ? validation : test;
            List<EvaluationResult.Rolling> quick = new ArrayList<>();
            quick.add(rolling.evaluate(evaluator, steps, "popular-90d", Map.of("popular-90d", 1.0)));
            quick.add(rolling.evaluate(evaluator, steps, "affinity alone", Map.of("affinity", 1.0)));
            quick.add(rolling.evaluate(evaluator, steps, "forecast alone", Map.of("forecast", 1.0)));
            System.out.print(EvaluationResult.Rolling.table(quick));
            return;
        }
        SimplePersonalBlend blend = rolling.chooseSimpleBlend(evaluator, validation);
        // Weights: coordinate search on the validation steps from all ones.
        Map<String, Double> weights = new LinkedHashMap<>();
        SEARCHED.forEach(name -> weights.put(name, 1.0));
        double best = rolling.evaluate(evaluator, validation, "validation", weights).ndcg();
        System.out.printf(Locale.ROOT, "validation nDCG@10 with all weights 1: %.5f%n", best);
        for (String source : SEARCHED) {
            for (double weight : new double[] {0, 0.5, 2, 4, 8}) {
                Map<String, Double> trial = new LinkedHashMap<>(weights);
                trial.put(source, weight);
                if (trial.values().stream().noneMatch(w -> w > 0)) {
                    continue;
                }
                double score = rolling.evaluate(evaluator, validation, "validation", trial).ndcg();
                System.out.printf(Locale.ROOT, "  %s = %.2f: %.5f%n", source, weight, score);
                if (score > best + 1e-5) {
                    best = score;
                    weights.put(source, weight);
                }
            }
        }
        // Then the fusion's k, with the chosen weights.
        int fusionDepth = DEFAULT_FUSION_DEPTH;
        for (int depth : new int[] {1, 3, 30, 100}) {
            double score = rolling.evaluate(evaluator, validation, "validation", weights, depth).ndcg();
            System.out.printf(Locale.ROOT, "  fusion depth %d: %.5f%n", depth, score);
            if (score > best + 1e-5) {
                best = score;
                fusionDepth = depth;
            }
        }
        System.out.printf(Locale.ROOT, "chosen on the %d validation weeks (learning from %d weeks before each step): %s, "
                + "fusion depth %d, validation nDCG@10 %.5f%n", VALIDATION_WEEKS,
                Integer.getInteger("rolling.learningWeeks", VALIDATION_WEEKS), weights, fusionDepth, best);
        rolling.sourcesByStep.keySet().removeIf(start -> start.isBefore(TEST_START));

        List<EvaluationResult.Rolling> results = new ArrayList<>();
        results.add(rolling.evaluate(evaluator, test, "popular-90d", Map.of("popular-90d", 1.0)));
        results.add(rolling.evaluate(evaluator, test, "offers (chosen weights " + weights + ", fusion depth " + fusionDepth + ")",
                weights, fusionDepth));
        results.add(rolling.evaluateRecorded(evaluator, test, "the same offers trained before 2017-07-01, events recorded", weights,
                fusionDepth));
        results.add(rolling.evaluate(evaluator, test, "affinity alone", Map.of("affinity", 1.0)));
        results.add(rolling.evaluate(evaluator, test, "forecast alone", Map.of("forecast", 1.0)));
        results.add(rolling.evaluate(evaluator, test, "trending 90d by the usual occasion", Map.of("trending", 1.0)));
        results.add(rolling.evaluate(evaluator, test, "engine " + rolling.engine + " alone", Map.of("cf", 1.0)));
        EvaluationResult.Rolling simple = evaluator.evaluateRolling(blend.toString(), "rebuilt at every step", test,
                WeightingPolicy.defaults(), blend);
        results.add(simple);
        System.out.println();
        System.out.print(EvaluationResult.Rolling.table(results));
        EvaluationResult.Rolling.Comparison against = results.get(1).compareTo(simple);
        System.out.printf(Locale.ROOT, "offers against the simple personal blend: ratio %.3f, paired difference %.4f ± %.4f (%.1f standard errors)%n",
                against.ratio(), against.difference(), against.differenceStandardError(), against.zScore());
        double[] byStep = results.get(1).ndcgByStep();
        double[] baseByStep = results.get(0).ndcgByStep();
        StringBuilder steps = new StringBuilder("per step (offers / popular-90d):");
        for (int s = 0; s < byStep.length; s++) {
            steps.append(String.format(Locale.ROOT, " %.4f/%.4f", byStep[s], baseByStep[s]));
        }
        System.out.println(steps);
    }

    /**
     * The simple personal blend's six weights, by a coordinate search on the validation steps from all ones (two
     * passes over a grid wider than the offers', as the yardstick has no other setting).
     */
    private SimplePersonalBlend chooseSimpleBlend(Evaluator evaluator, List<Splitter.Rolling.Step> validation) {
        SimplePersonalBlend chosen = new SimplePersonalBlend(log, fullCatalog, occasionOfEvent, new double[] {1, 1, 1, 1, 1, 1});
        double best = evaluator.evaluateRolling("validation", "rebuilt", validation, WeightingPolicy.defaults(), chosen).ndcg();
        for (int pass = 0; pass < 2; pass++) {
            for (int w = 0; w < chosen.weights().length; w++) {
                for (double weight : new double[] {0, 0.25, 0.5, 1, 2, 4, 8}) {
                    double[] trial = chosen.weights();
                    trial[w] = weight;
                    SimplePersonalBlend candidate = chosen.withWeights(trial);
                    double score = evaluator.evaluateRolling("validation", "rebuilt", validation, WeightingPolicy.defaults(),
                            candidate).ndcg();
                    if (score > best + 1e-5) {
                        best = score;
                        chosen = candidate;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s chosen on the %d validation weeks: validation nDCG@10 %.5f%n", chosen,
                VALIDATION_WEEKS, best);
        return chosen;
    }

    private EvaluationResult.Rolling evaluate(Evaluator evaluator, List<Splitter.Rolling.Step> steps, String name,
            Map<String, Double> weights) {
        return evaluate(evaluator, steps, name, weights, DEFAULT_FUSION_DEPTH);
    }

    private EvaluationResult.Rolling evaluate(Evaluator evaluator, List<Splitter.Rolling.Step> steps, String name,
            Map<String, Double> weights, int fusionDepth) {
        return evaluator.evaluateRolling(name, "retrained at every step", steps, WeightingPolicy.defaults(), (step, data) -> {
            Instant start = step.start();
            Catalog catalog = catalogAt(start);
            EventLog history = step.split().train();
            Offers.Builder builder = Offers.builder(history, catalog).diversity(1).fusionDepth(fusionDepth);
            weights.forEach((source, weight) -> {
                if (weight > 0) {
                    builder.source(source.equals("popular-90d") ? OfferSource.trending(history, Duration.ofDays(90))
                            : sourcesAt(start, catalog).get(source), weight);
                }
            });
            Offers offers = builder.build();
            Map<Integer, String> usual = usualOccasionAt(start);
            return (customer, n) -> {
                OfferRequest.Builder request = OfferRequest.builder(start).n(n);
                String occasion = usual.get(customer);
                if (occasion != null && !weights.containsKey("popular-90d")) {
                    request.occasion(occasion);
                }
                List<Offer> list = offers.offers(log.customers().externalId(customer), request.build());
                return list.stream().mapToInt(o -> log.items().find(o.item())).toArray();
            };
        });
    }

    /**
     * The offers trained before the first step only, each customer's events since recorded the way a running service
     * records them ({@link Offers#offers(String, OfferRequest, List)}, what {@code LiveOffers.record} feeds): her own
     * history moves on, the sources' models and the shop's trends stay as trained.
     */
    private EvaluationResult.Rolling evaluateRecorded(Evaluator evaluator, List<Splitter.Rolling.Step> steps, String name,
            Map<String, Double> weights, int fusionDepth) {
        Instant first = steps.get(0).start();
        Catalog catalog = catalogAt(first);
        EventLog trained = steps.get(0).split().train();
        Offers.Builder builder = Offers.builder(trained, catalog).diversity(1).fusionDepth(fusionDepth);
        Map<String, OfferSource> sources = sourcesAt(first, catalog);
        weights.forEach((source, weight) -> {
            if (weight > 0) {
                builder.source(sources.get(source), weight);
            }
        });
        Offers offers = builder.build();
        return evaluator.evaluateRolling(name, Evaluator.Updates.RECORD.description(), steps, WeightingPolicy.defaults(),
                (step, data) -> {
                    Map<Integer, List<Event>> since = step.trainingEventsFrom(first);
                    Map<Integer, String> usual = usualOccasionAt(step.start());
                    return (customer, n) -> {
                        OfferRequest.Builder request = OfferRequest.builder(step.start()).n(n);
                        String occasion = usual.get(customer);
                        if (occasion != null) {
                            request.occasion(occasion);
                        }
                        List<Offer> list = offers.offers(log.customers().externalId(customer), request.build(),
                                since.getOrDefault(customer, List.of()));
                        return list.stream().mapToInt(o -> log.items().find(o.item())).toArray();
                    };
                });
    }

    private Map<String, OfferSource> sourcesAt(Instant start, Catalog catalog) {
        return sourcesByStep.computeIfAbsent(start, s -> {
            long t0 = System.nanoTime();
            OfferTraining.Builder training = OfferTraining.builder(log, catalog).occasions(occasionOfEvent).profiles(profiles)
                    .asOf(start.minusSeconds(1)).engine(Trainers.parse(engine, 42))
                    .learningSteps(WEEK, Integer.getInteger("rolling.learningWeeks", VALIDATION_WEEKS))
                    .seed(Long.getLong("rolling.seed", 42));
            OfferTraining.DEFAULT_WEIGHTS.keySet().forEach(name -> training.weight(name, SEARCHED.contains(name) ? 1 : 0));
            Map<String, OfferSource> trained = training.trainSources();
            System.out.printf(Locale.ROOT, "  sources as of %s trained in %.1f s%n", start, (System.nanoTime() - t0) / 1e9);
            return trained;
        });
    }

    /** The catalog as of a moment: items taken before it, in the sizes they were taken in (the data have no stock). */
    private Catalog catalogAt(Instant start) {
        return catalogByStep.computeIfAbsent(start, s -> {
            boolean[] seen = new boolean[log.items().size()];
            for (int e = 0; e < log.size(); e++) {
                if (log.epochSecond(e) < s.getEpochSecond()) {
                    seen[log.item(e)] = true;
                }
            }
            Catalog sized = new Dataset("rtr", log, fullCatalog, List.of()).withSizesTakenBefore(s).catalog();
            Catalog.Builder catalog = Catalog.builder(log.items());
            for (int item = 0; item < seen.length; item++) {
                if (seen[item] && sized.has(item)) {
                    catalog.add(sized.get(item));
                }
            }
            return catalog.build();
        });
    }

    /** Each customer's most frequent occasion before a moment (ties: the first alphabetically). */
    private Map<Integer, String> usualOccasionAt(Instant start) {
        return usualOccasionByStep.computeIfAbsent(start, s -> {
            Map<Integer, Map<String, Integer>> counts = new HashMap<>();
            IntStream.range(0, log.size()).filter(e -> log.epochSecond(e) < s.getEpochSecond() && occasionOfEvent[e] != null)
                    .forEach(e -> counts.computeIfAbsent(log.customer(e), c -> new TreeMap<>()).merge(occasionOfEvent[e], 1, Integer::sum));
            Map<Integer, String> usual = new HashMap<>();
            counts.forEach((c, byOccasion) -> usual.put(c, byOccasion.entrySet().stream().max(Map.Entry.comparingByValue())
                    .orElseThrow().getKey()));
            return usual;
        });
    }
}
