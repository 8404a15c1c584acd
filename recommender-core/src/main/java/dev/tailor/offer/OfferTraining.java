package dev.tailor.offer;

import dev.tailor.concurrent.Workers;
import dev.tailor.configure.CompletionMethod;
import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.configure.Configurator;
import dev.tailor.configure.SolutionSpace;
import dev.tailor.data.Catalog;
import dev.tailor.data.Configuration;
import dev.tailor.data.EventLog;
import dev.tailor.engines.Trainers;
import dev.tailor.fit.BodyProfile;
import dev.tailor.fit.FitModel;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import dev.tailor.replenish.Replenishment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Trains every model the standard offers need from one shop's history and wires the sources with their
 * default weights: the collaborative engine, replenishment cycles (per category when the catalog has
 * categories), basket associations (LLR item-kNN on baskets), made-to-measure configurators for the
 * products given, trends (by occasion when the events carry occasions) and content neighbours. The
 * default weights were chosen on a validation split of the generated shop (recommender-benchmarks
 * {@code OffersComparison}, recorded in RESULTS.md).
 *
 * <p>Only events at or before {@code asOf} are trained on.
 */
public final class OfferTraining {
    /**
     * The default λ of the offers' maximal-marginal-relevance re-ranking, chosen after the weights on the same
     * validation cut from {1, 0.95, 0.9, 0.8}: 1, no re-ranking (each step towards diversity cost accuracy there).
     */
    public static final double DEFAULT_DIVERSITY = 1.0;

    /** The default blend weights by source name. */
    public static final Map<String, Double> DEFAULT_WEIGHTS = defaults();

    private static Map<String, Double> defaults() {
        Map<String, Double> weights = new LinkedHashMap<>();
        // Chosen on the validation cut of the generated shop (RESULTS.md, "Individual offers"): a coordinate
        // search over {0, 0.25, 0.5, 1, 2, 4} from all-ones, maximizing nDCG@10 over everything customers took
        // next (rebuys included). Basket and configuration are not searched and keep 1: no validation request
        // had a basket, and a repeat made-to-measure order is offered whenever there is one. A trend-driven shop chooses otherwise (RentTheRunway: trending 2),
        // so a shop should run the same search on its own data.
        weights.put("cf", 0.5);
        weights.put("replenishment", 4.0);
        weights.put("configuration", 1.0);
        weights.put("basket", 1.0);
        weights.put("wish-list", 0.0);
        weights.put("trending", 0.0);
        weights.put("content", 0.0);
        // Learned on a shop's own past steps; off until a shop's validation steps choose them (RentTheRunway does).
        weights.put("forecast", 0.0);
        weights.put("affinity", 0.0);
        return Collections.unmodifiableMap(weights);
    }

    private OfferTraining() {
    }

    /** Starts the training of offers over a shop's log and its catalog (built over the log's item index). */
    public static Builder builder(EventLog log, Catalog catalog) {
        return new Builder(log, catalog);
    }

    /**
     * Settings of the training; each is checked when set. The workers run personal affinity's learning (its result does
     * not depend on their number; the collaborative engine keeps its trainer's own settings); progress counts the
     * sources trained.
     */
    public static final class Builder extends Workers.Settings<Builder> {
        private final EventLog log;
        private final Catalog catalog;
        private Instant asOf;
        private RecommenderTrainer engine = Trainers.parse("knn-cosine", 42);
        private final Map<String, Double> weights = new LinkedHashMap<>(DEFAULT_WEIGHTS);
        private List<Configuration> orders = List.of();
        private final List<ConfigurableProduct> products = new ArrayList<>();
        private String[] occasionOfEvent;
        private FitModel fitModel;
        private Duration trendWindow = Duration.ofDays(90);
        private Map<String, BodyProfile> profiles = Map.of();
        private Duration learningStep = Duration.ofDays(7);
        private int learningSteps = 13;
        private long seed = 42;

        private Builder(EventLog log, Catalog catalog) {
            this.log = Objects.requireNonNull(log, "log");
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /** Train on events up to this moment (default: the latest event). */
        public Builder asOf(Instant moment) {
            this.asOf = Objects.requireNonNull(moment, "asOf");
            return this;
        }

        /** The collaborative engine (default: item-kNN with cosine, the best on the generated shop's validation cut). */
        public Builder engine(RecommenderTrainer trainer) {
            this.engine = Objects.requireNonNull(trainer, "engine");
            return this;
        }

        /**
         * A source's weight (0 switches it off).
         *
         * @throws IllegalArgumentException if the source is not one of {@link #DEFAULT_WEIGHTS}' or the weight
         *     is negative or not finite
         */
        public Builder weight(String source, double weight) {
            if (!weights.containsKey(source)) {
                throw new IllegalArgumentException("unknown source '" + source + "'; known: " + weights.keySet());
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of '" + source + "' must be finite and >= 0, was " + weight);
            }
            weights.put(source, weight);
            return this;
        }

        /** Made-to-measure orders and the products they are of (each gets a Chow-Liu configurator in its valid space). */
        public Builder configurations(List<Configuration> configurationOrders, List<ConfigurableProduct> configurable) {
            this.orders = List.copyOf(configurationOrders);
            this.products.addAll(configurable);
            return this;
        }

        /** The occasion of each event, by log position (null where unknown), for trends by occasion. */
        public Builder occasions(String[] occasionOfEvent) {
            if (occasionOfEvent.length != log.size()) {
                throw new IllegalArgumentException(occasionOfEvent.length + " occasions for " + log.size() + " events");
            }
            this.occasionOfEvent = occasionOfEvent.clone();
            return this;
        }

        /** The fit model that chooses sizes. */
        public Builder fitModel(FitModel model) {
            this.fitModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The customers' body profiles by customer id, which personal affinity compares (default none). */
        public Builder profiles(Map<String, BodyProfile> customerProfiles) {
            this.profiles = Map.copyOf(customerProfiles);
            return this;
        }

        /**
         * The steps the forecast and personal affinity learn from: the {@code steps} steps of length {@code step} before
         * the as-of time, each judged with what came before it (default 13 steps of 7 days: a quarter of weeks). The
         * forecast looks one step ahead.
         *
         * @throws IllegalArgumentException if the step is shorter than a day or there is no step
         */
        public Builder learningSteps(Duration step, int steps) {
            TakeHistory.requireLearningSteps(step, steps);
            this.learningStep = step;
            this.learningSteps = steps;
            return this;
        }

        /** The seed of the choice sets personal affinity samples (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How far back "trending" looks (default 90 days). @throws IllegalArgumentException if not positive */
        public Builder trendWindow(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("trendWindow must be positive, was " + window);
            }
            this.trendWindow = window;
            return this;
        }

        /**
         * Trains the models and returns the offers builder, sources added with their weights, for further
         * settings; {@link Offers.Builder#buildModel()} then makes the model that saves to one file and answers without
         * the event log, trained up to the as-of time.
         *
         * @throws IllegalArgumentException if no event is at or before the as-of time
         */
        public Offers.Builder train() {
            int[] kept = kept();
            EventLog history = log.select(kept);
            Offers.Builder offers = Offers.builder(history, catalog).diversity(DEFAULT_DIVERSITY).trainedUntil(cut());
            trainSources(history, kept).forEach((name, source) -> offers.source(source, weights.get(name)));
            if (fitModel != null) {
                offers.fitModel(fitModel);
            }
            return offers;
        }

        private Instant cut() {
            return asOf != null ? asOf : Instant.ofEpochSecond(log.maxEpochSecond());
        }

        /** Positions of the events at or before the as-of time. */
        private int[] kept() {
            long cutSecond = cut().getEpochSecond();
            int[] kept = IntStream.range(0, log.size()).filter(e -> log.epochSecond(e) <= cutSecond).toArray();
            if (kept.length == 0) {
                throw new IllegalArgumentException("no event at or before " + cut() + " to train offers on");
            }
            return kept;
        }

        /**
         * Trains the sources whose weight is positive, by name: for callers that blend them themselves (an
         * evaluation that tries several weightings of the same trained models).
         *
         * @throws IllegalArgumentException if no event is at or before the as-of time
         */
        public Map<String, OfferSource> trainSources() {
            int[] kept = kept();
            return trainSources(log.select(kept), kept);
        }

        private Map<String, OfferSource> trainSources(EventLog history, int[] kept) {
            Map<String, Supplier<OfferSource>> planned = plan(history, kept);
            progress().start("training the offer sources", planned.size());
            try {
                Map<String, OfferSource> sources = new LinkedHashMap<>();
                planned.forEach((name, source) -> {
                    sources.put(name, source.get());
                    progress().advance(1);
                });
                return sources;
            } finally {
                progress().finish();
            }
        }

        /** The sources to train, in order: each whose weight is positive (configuration only with products). */
        private Map<String, Supplier<OfferSource>> plan(EventLog history, int[] kept) {
            Instant cut = cut();
            WeightingPolicy policy = WeightingPolicy.defaults();
            TrainingData data = TrainingData.of(history, policy);
            Map<String, Supplier<OfferSource>> planned = new LinkedHashMap<>();
            plan(planned, "cf", () -> CollaborativeSource.of(engine.train(data)));
            plan(planned, "replenishment", () -> ReplenishmentSource.of((catalog.categoryCount() > 1 ? Replenishment.perCategory()
                    : Replenishment.perItem()).fit(history, catalog, cut), Duration.ofDays(30), 0.3));
            if (!products.isEmpty()) {
                plan(planned, "configuration", () -> {
                    ConfigurationSource.Builder configured = ConfigurationSource.builder(orders);
                    for (ConfigurableProduct product : products) {
                        ConfigurationHistory sold = ConfigurationHistory.of(product, orders.stream()
                                .filter(o -> o.time() == null || !o.time().isAfter(cut)).toList());
                        if (sold.size() > 0) {
                            configured.product(product, Configurator.builder(CompletionMethod.chowLiuTree().train(sold))
                                    .solutionSpace(SolutionSpace.compile(product)).labels(product).build());
                        }
                    }
                    return configured.build();
                });
            }
            plan(planned, "basket", () -> {
                // Co-occurrence within baskets, scored by log-likelihood ratio: the engine named as the command line names it.
                Recommender associations = Trainers.parse("knn-llr", 0).train(TrainingData.of(BasketSource.baskets(history), policy));
                return BasketSource.of(associations);
            });
            plan(planned, "wish-list", () -> WishListSource.of(Duration.ofDays(30), 2));
            String[] occasions = occasionOfEvent == null ? null
                    : Arrays.stream(kept).mapToObj(e -> occasionOfEvent[e]).toArray(String[]::new);
            plan(planned, "trending", () -> occasions == null ? TrendingSource.of(history, trendWindow)
                    : TrendingSource.withOccasions(history, trendWindow, occasions));
            plan(planned, "content", () -> ContentSource.of(history, catalog, Duration.ofDays(30)));
            if (weights.get("forecast") > 0 || weights.get("affinity") > 0) {
                TakeHistory takes = TakeHistory.of(history, catalog, occasions, profiles);
                long cutSecond = cut.getEpochSecond() + 1;
                plan(planned, "forecast", () -> DemandForecast.train(takes, cutSecond, learningStep, learningSteps));
                plan(planned, "affinity", () -> AffinitySource.train(takes, cutSecond, learningStep, learningSteps, seed,
                        workers()));
            }
            return planned;
        }

        private void plan(Map<String, Supplier<OfferSource>> planned, String name, Supplier<OfferSource> source) {
            if (weights.get(name) > 0) {
                planned.put(name, source);
            }
        }
    }
}
