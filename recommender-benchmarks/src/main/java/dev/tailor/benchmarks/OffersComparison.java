package dev.tailor.benchmarks;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShirtOptions;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.eval.Metrics;
import dev.tailor.fit.FitData;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.SizeFit;
import dev.tailor.ingest.ParseMode;
import dev.tailor.offer.OfferSource;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.Offers;
import dev.tailor.engines.Trainers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Offers against the single engines and recent popularity, on a temporal cut, with the Evaluator's
 * protocol: a customer's relevant items are the distinct items they rent, buy or wear after the cut, minus
 * what they had before; evaluated customers have history before the cut. Also: the ablation (each source
 * removed in turn), the share of hits offered in the size the customer then took, the share of rebuys
 * (items bought again after the cut) the offers proposed, and the weight search on a validation cut inside
 * the training period that chose {@link OfferTraining#DEFAULT_WEIGHTS}.
 *
 * <p>Run: {@code java -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.OffersComparison
 * generated|renttherunway [customers to evaluate, default all]}, {@code groceries} for basket cross-sell, or
 * {@code renttherunway-trends} for trend windows with and without the customer's usual occasion. On
 * RentTheRunway every request asks for the customer's most frequent occasion before the cut
 * ({@code -Doffers.noOccasions=true} leaves it out).
 */
public final class OffersComparison {
    private static final int K = 10;
    private static final boolean USE_OCCASIONS = !Boolean.getBoolean("offers.noOccasions");
    private static final List<String> ENGINES = List.of("als", "ease", "knn-cosine", "rp3beta", "popular");

    private OffersComparison() {
    }

    /** One shop and its cut. */
    private record Setting(String name, EventLog log, Catalog catalog, Instant cut,
            java.util.function.Function<Catalog, OfferTraining.Builder> training, String[] occasionOfEvent,
            java.util.function.BiFunction<EventLog, Catalog, FitModel> fit) {
    }

    /** Fit models by setting and cut: trained once, reused by every list made at that cut. */
    private static final Map<String, FitModel> FIT_MODELS = new ConcurrentHashMap<>();

    private static FitModel fitModel(Setting setting) {
        return setting.fit() == null ? null : FIT_MODELS.computeIfAbsent(setting.name() + "@" + setting.cut(),
                key -> setting.fit().apply(history(setting.log(), setting.cut()), setting.catalog()));
    }

    /** Metrics of one list-maker. */
    private record Row(String name, double precision, double recall, double ndcg, double ndcgError, double ndcgAll,
            double coverage, int hits, double sizeShare, double fitShare, double rebuyShare) {
        String brief() {
            return String.format(Locale.ROOT, "%s: nDCG@10 %.4f ± %.4f (one standard error), %d hits", name, ndcg, ndcgError, hits);
        }
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "generated";
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        if (which.equals("groceries")) {
            basketHitRate();
            return;
        }
        if (which.equals("renttherunway-trends")) {
            Setting rtr = knownAtTheCut(rentTheRunway());
            EventLog history = history(rtr.log(), rtr.cut());
            String[] occasions = Arrays.copyOf(rtr.occasionOfEvent(), rtr.log().size());
            for (int days : new int[] {14, 30, 60, 90, 180}) {
                String[] kept = java.util.stream.IntStream.range(0, rtr.log().size())
                        .filter(e -> rtr.log().epochSecond(e) < rtr.cut().getEpochSecond()).mapToObj(e -> occasions[e])
                        .toArray(String[]::new);
                System.out.println(evaluate(rtr, rtr.cut(), "trending " + days + "d by the usual occasion",
                        single(rtr, history, OfferSource.trending(history, Duration.ofDays(days), kept)), limit).brief());
                System.out.println(evaluate(rtr, rtr.cut(), "trending " + days + "d", single(rtr, history,
                        OfferSource.trending(history, Duration.ofDays(days))), limit).brief());
            }
            System.out.println(evaluate(rtr, rtr.cut(), "hindsight: one list for everyone, the catalog's items ranked by how many"
                    + " evaluated customers took them new after the cut (uses the future: a ceiling)",
                    single(rtr, history, hindsight(rtr, c -> true, Map.of())), limit).brief());
            // Cross-fitted: each customer gets the list made from the other half's future, so her own rentals do
            // not vote for her list; by segment, from the other half's customers of her usual occasion.
            Map<Integer, String> usual = usualOccasions(rtr, rtr.cut().getEpochSecond());
            for (Map<Integer, String> segments : List.of(Map.<Integer, String>of(), usual)) {
                Lists first = single(rtr, history, hindsight(rtr, c -> half(c), segments));
                Lists second = single(rtr, history, hindsight(rtr, c -> !half(c), segments));
                System.out.println(evaluate(rtr, rtr.cut(), "hindsight, cross-fitted between two halves of the customers"
                        + (segments.isEmpty() ? "" : ", within the usual occasion"), (customer, request) ->
                        half(rtr.log().customers().find(customer)) ? second.of(customer, request) : first.of(customer, request),
                        limit).brief());
            }
            return;
        }
        Setting setting = switch (which) {
            case "generated" -> generated();
            case "renttherunway" -> rentTheRunway();
            default -> throw new IllegalArgumentException("unknown setting '" + which + "': generated or renttherunway");
        };
        setting = knownAtTheCut(setting);
        System.out.printf(Locale.ROOT, "%s: %d events, cut at %s%n", setting.name(), setting.log().size(), setting.cut());
        // Weight search on a validation cut inside the training period (the last 20 % of it).
        Instant validationCut = quantileTime(setting.log(), setting.cut(), 0.8);
        Setting known = setting;
        // The history's events are the log's before the cut, in log order (not time order: RentTheRunway's file is not).
        String[] historyOccasions = known.occasionOfEvent() == null ? null : java.util.stream.IntStream.range(0, known.log().size())
                .filter(e -> known.log().epochSecond(e) < known.cut().getEpochSecond()).mapToObj(e -> known.occasionOfEvent()[e])
                .toArray(String[]::new);
        Setting validation = knownAtTheCut(new Setting(setting.name(), history(setting.log(), setting.cut()),
                setting.catalog(), validationCut, setting.training(), historyOccasions, setting.fit()));
        String engine = chooseEngine(validation, Math.min(limit, 1500));
        Map<String, Double> chosen = searchWeights(validation, engine, Math.min(limit, 1500));
        double diversity = chooseDiversity(validation, engine, chosen, Math.min(limit, 1500));
        System.out.println("chosen on the validation cut " + validationCut + ": engine " + engine + ", weights " + chosen
                + ", diversity " + diversity);
        List<Row> rows = new ArrayList<>();
        Map<String, OfferSource> sources = sources(setting, setting.cut(), chosen, engine);
        rows.add(evaluate(setting, setting.cut(), "offers (all sources, " + engine + ", chosen weights, diversity " + diversity
                + ")", offers(setting, sources, chosen, diversity), limit));
        rows.add(evaluate(setting, setting.cut(), "offers (" + engine + ", default weights)", offers(setting,
                sources(setting, setting.cut(), OfferTraining.DEFAULT_WEIGHTS, engine), OfferTraining.DEFAULT_WEIGHTS), limit));
        for (String removed : sources.keySet()) {
            Map<String, Double> without = new LinkedHashMap<>(chosen);
            without.put(removed, 0.0);
            if (chosen.get(removed) > 0 && without.values().stream().anyMatch(w -> w > 0)) {
                rows.add(evaluate(setting, setting.cut(), "  without " + removed, offers(setting, sources, without), limit));
            }
        }
        EventLog history = history(setting.log(), setting.cut());
        for (String single : ENGINES) {
            OfferSource alone = OfferSource.collaborative(Trainers.parse(single, 42).train(
                    dev.tailor.recommend.TrainingData.of(history, dev.tailor.matrix.WeightingPolicy.defaults())));
            rows.add(evaluate(setting, setting.cut(), "engine " + single, single(setting, history, alone), limit));
        }
        rows.add(evaluate(setting, setting.cut(), "popular-90d (trending alone)",
                single(setting, history, OfferSource.trending(history, Duration.ofDays(90))), limit));
        System.out.println();
        System.out.println("| list | precision@10 | recall@10 | nDCG@10 | nDCG@10, rebuys counted | coverage | hits | "
                + "hits in the size taken | hits in the size taken, reported fitting | rebuys offered |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f ± %.4f | %.4f | %.3f | %d | %s | %s | %s |%n", r.name(),
                    r.precision(), r.recall(), r.ndcg(), r.ndcgError(), r.ndcgAll(), r.coverage(), r.hits(), Double.isNaN(r.sizeShare()) ? "-"
                            : String.format(Locale.ROOT, "%.3f", r.sizeShare()),
                    Double.isNaN(r.fitShare()) ? "-" : String.format(Locale.ROOT, "%.3f", r.fitShare()),
                    Double.isNaN(r.rebuyShare()) ? "-" : String.format(Locale.ROOT, "%.3f", r.rebuyShare()));
        }
    }

    private static Setting generated() {
        GeneratedShop shop = ShopGenerator.builder().seed(7).customers(5000).build().generate();
        ConfigurableProduct shirt = ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN);
        Instant cut = quantileTime(shop.events(), Instant.ofEpochSecond(shop.events().maxEpochSecond() + 1), 0.8);
        return new Setting("generated shop (seed 7, 5,000 customers), temporal 80/20", shop.events(), shop.catalog(), cut,
                catalog -> OfferTraining.builder(shop.events(), catalog).configurations(shop.configurations(), List.of(shirt)), null,
                null);
    }

    private static Setting rentTheRunway() {
        RentTheRunway.Rentals rentals = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT);
        EventLog log = rentals.dataset().events();
        Instant cut = quantileTime(log, Instant.ofEpochSecond(log.maxEpochSecond() + 1), 0.8);
        String[] occasions = rentals.occasionOfEvent();
        // Sizes come from the fit model trained on the rentals before the cut (occasions and profiles included).
        java.util.function.BiFunction<EventLog, Catalog, FitModel> fit = (history, catalog) -> {
            String[] kept = java.util.stream.IntStream.range(0, log.size()).filter(e -> log.epochSecond(e) < history.maxEpochSecond() + 1)
                    .mapToObj(e -> occasions[e]).toArray(String[]::new);
            return SizeFit.builder().build().train(FitData.builder(history).catalog(catalog)
                    .occasions(Arrays.copyOf(kept, history.size())).profiles(rentals.profiles()).build());
        };
        return new Setting("RentTheRunway, temporal 80/20", log, rentals.dataset().catalog(), cut,
                catalog -> OfferTraining.builder(log, catalog).occasions(occasions).profiles(rentals.profiles()), occasions, fit);
    }

    /**
     * Basket cross-sell on Groceries: every basket (a member's items of one day) after a temporal 80/20 cut with at
     * least two items has one item hidden (seeded); the rest is the request's basket, and a hit is the hidden item
     * among the first ten offers. Purchases are not "owned" here (groceries are bought again), basket items are
     * never offered back.
     */
    private static void basketHitRate() {
        dev.tailor.datasets.Dataset groceries = dev.tailor.datasets.groceries.Groceries.read(
                DatasetPaths.require(dev.tailor.datasets.groceries.Groceries.NAME), ParseMode.STRICT);
        EventLog log = groceries.events();
        Catalog catalog = groceries.catalog();
        Instant cut = quantileTime(log, Instant.ofEpochSecond(log.maxEpochSecond() + 1), 0.8);
        Instant validationCut = quantileTime(log, cut, 0.8);
        // Weights of the blend: a coordinate search on the validation baskets (between the two cuts).
        BasketSources validation = new BasketSources(history(log, validationCut), catalog, validationCut);
        List<String[]> validationCases = basketCases(log, validationCut, cut);
        Map<String, Double> weights = new LinkedHashMap<>(Map.of("basket", 1.0, "cf", 1.0, "replenishment", 1.0, "popular", 1.0));
        double best = hitRate(validation, validation.blend(weights), validationCases);
        for (String source : List.of("popular", "cf", "replenishment", "basket")) {
            for (double weight : new double[] {0, 0.25, 0.5, 1, 2, 4}) {
                Map<String, Double> trial = new LinkedHashMap<>(weights);
                trial.put(source, weight);
                if (trial.values().stream().noneMatch(w -> w > 0)) {
                    continue;
                }
                double rate = hitRate(validation, validation.blend(trial), validationCases);
                if (rate > best + 1e-4) {
                    best = rate;
                    weights = trial;
                }
            }
        }
        BasketSources test = new BasketSources(history(log, cut), catalog, cut);
        List<String[]> cases = basketCases(log, cut, Instant.ofEpochSecond(log.maxEpochSecond() + 1));
        Map<String, Map<OfferSource, Double>> lists = new LinkedHashMap<>();
        lists.put("popular (all time)", Map.of(test.popular, 1.0));
        lists.put("item-kNN on customers alone", Map.of(test.cf, 1.0));
        lists.put("replenishment alone", Map.of(test.replenishment, 1.0));
        lists.put("basket cross-sell alone (LLR on baskets)", Map.of(test.basket, 1.0));
        lists.put("offers, weights chosen on validation baskets " + weights, test.blend(weights));
        Map<String, Double> withoutReplenishment = new LinkedHashMap<>(weights);
        withoutReplenishment.put("replenishment", 0.0);
        lists.put("  the same without replenishment", test.blend(withoutReplenishment));
        System.out.printf(Locale.ROOT, "Groceries: %d events, cut at %s, %d test baskets with 2+ items (validation: %d baskets "
                + "after %s, best hit rate %.4f)%n", log.size(), cut, cases.size(), validationCases.size(), validationCut, best);
        System.out.println("| list | hit rate@10 | hits |");
        System.out.println("|---|---|---|");
        lists.forEach((name, sources) -> {
            double rate = hitRate(test, sources, cases);
            System.out.printf(Locale.ROOT, "| %s | %.4f | %d |%n", name, rate, Math.round(rate * cases.size()));
        });
        // The same lists rebuilt every week from everything before it (the weights stay those chosen on validation):
        // each week's baskets are judged on sources trained up to the week's start.
        List<dev.tailor.eval.Splitter.Rolling.Step> weeks = dev.tailor.eval.Splitter.rolling(cut, Duration.ofDays(7)).split(log);
        Map<String, List<Double>> hitsByList = new LinkedHashMap<>();
        List<Integer> members = new ArrayList<>();
        for (dev.tailor.eval.Splitter.Rolling.Step week : weeks) {
            BasketSources weekly = new BasketSources(week.split().train(), catalog, week.start());
            List<String[]> weekCases = basketCases(log, week.start(), week.end());
            weekCases.forEach(c -> members.add(log.customers().find(c[0].substring(0, c[0].indexOf('@')))));
            Map<String, Map<OfferSource, Double>> weeklyLists = new LinkedHashMap<>();
            weeklyLists.put("popular (all time)", Map.of(weekly.popular, 1.0));
            weeklyLists.put("item-kNN on customers alone", Map.of(weekly.cf, 1.0));
            weeklyLists.put("replenishment alone", Map.of(weekly.replenishment, 1.0));
            weeklyLists.put("basket cross-sell alone (LLR on baskets)", Map.of(weekly.basket, 1.0));
            weeklyLists.put("offers, the weights chosen on validation baskets", weekly.blend(weights));
            weeklyLists.forEach((name, sources) -> {
                List<Double> all = hitsByList.computeIfAbsent(name, k -> new ArrayList<>());
                for (double hit : hits(weekly, sources, weekCases)) {
                    all.add(hit);
                }
            });
        }
        int[] clusters = members.stream().mapToInt(Integer::intValue).toArray();
        System.out.printf(Locale.ROOT, "%nRolling: %d weekly steps from %s, %d baskets with 2+ items, sources retrained before every "
                + "week; ± one standard error clustered by member%n", weeks.size(), cut, clusters.length);
        System.out.println("| list, rebuilt weekly | hit rate@10 | hits |");
        System.out.println("|---|---|---|");
        hitsByList.forEach((name, all) -> {
            double[] values = all.stream().mapToDouble(Double::doubleValue).toArray();
            double rate = java.util.Arrays.stream(values).average().orElse(0);
            System.out.printf(Locale.ROOT, "| %s | %.4f ± %.4f | %d |%n", name, rate,
                    dev.tailor.eval.Metrics.clusteredStandardError(clusters, values), Math.round(rate * values.length));
        });
    }

    /** The basket evaluation's sources, trained on the events before a cut. */
    private static final class BasketSources {
        final EventLog history;
        final Catalog catalog;
        final OfferSource basket;
        final OfferSource cf;
        final OfferSource popular;
        final OfferSource replenishment;

        BasketSources(EventLog history, Catalog catalog, Instant cut) {
            this.history = history;
            this.catalog = catalog;
            dev.tailor.matrix.WeightingPolicy policy = dev.tailor.matrix.WeightingPolicy.defaults();
            basket = dev.tailor.offer.OfferSource.basket(dev.tailor.recommend.neighbourhood.ItemKnn.builder()
                    .similarity(dev.tailor.recommend.neighbourhood.ItemKnn.Similarity.LOG_LIKELIHOOD).build()
                    .train(dev.tailor.recommend.TrainingData.of(dev.tailor.offer.OfferSource.baskets(history), policy)));
            cf = OfferSource.collaborative(Trainers.parse("knn-cosine", 42).train(dev.tailor.recommend.TrainingData.of(history, policy)));
            popular = OfferSource.trending(history, Duration.ofDays(3650));
            replenishment = dev.tailor.offer.OfferSource.replenishment(dev.tailor.replenish.Replenishment.perItem()
                    .fit(history, catalog, cut.minusSeconds(1)), Duration.ofDays(30), 0.1);
        }

        Map<OfferSource, Double> blend(Map<String, Double> weights) {
            Map<OfferSource, Double> blend = new LinkedHashMap<>();
            Map<String, OfferSource> byName = Map.of("basket", basket, "cf", cf, "popular", popular, "replenishment", replenishment);
            weights.forEach((name, weight) -> {
                if (weight > 0) {
                    blend.put(byName.get(name), weight);
                }
            });
            return blend;
        }
    }

    /** Baskets (one member's purchases of one day) in [from, to) with two or more items, one hidden (seeded). */
    private static List<String[]> basketCases(EventLog log, Instant from, Instant to) {
        Map<String, List<String>> baskets = new LinkedHashMap<>();
        for (int e : log.orderByTime()) {
            long second = log.epochSecond(e);
            if (second >= from.getEpochSecond() && second < to.getEpochSecond() && log.kind(e) == EventKind.PURCHASE) {
                String key = log.customers().externalId(log.customer(e)) + "@" + Math.floorDiv(second, 86_400L);
                List<String> items = baskets.computeIfAbsent(key, k -> new ArrayList<>());
                String item = log.items().externalId(log.item(e));
                if (!items.contains(item)) {
                    items.add(item);
                }
            }
        }
        SplittableRandom random = new SplittableRandom(5);
        List<String[]> cases = new ArrayList<>();
        baskets.forEach((key, items) -> {
            if (items.size() >= 2) {
                List<String> rest = new ArrayList<>(items);
                String hidden = rest.remove(random.nextInt(items.size()));
                cases.add(new String[] {key, hidden, String.join("\u0000", rest)});
            }
        });
        return cases;
    }

    /** The share of cases whose hidden item is among the first ten offers for the rest of the basket. */
    private static double hitRate(BasketSources sources, Map<OfferSource, Double> blend, List<String[]> cases) {
        double[] hits = hits(sources, blend, cases);
        return cases.isEmpty() ? 0 : java.util.Arrays.stream(hits).sum() / cases.size();
    }

    /** Per case, 1 when its hidden item is among the first ten offers for the rest of the basket. */
    private static double[] hits(BasketSources sources, Map<OfferSource, Double> blend, List<String[]> cases) {
        Offers.Builder builder = Offers.builder(sources.history, sources.catalog).purchaseWindow(Duration.ZERO)
                .rule((customer, request, item) -> request.basket().contains(item));
        blend.forEach(builder::source);
        Offers offers = builder.build();
        double[] hits = new double[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            String[] c = cases.get(i);
            String customer = c[0].substring(0, c[0].indexOf('@'));
            Instant day = Instant.ofEpochSecond(Long.parseLong(c[0].substring(c[0].indexOf('@') + 1)) * 86_400L);
            OfferRequest request = OfferRequest.builder(day).n(K).basket(List.of(c[2].split("\u0000"))).build();
            for (Offer o : offers.offers(customer, request)) {
                if (o.item().equals(c[1])) {
                    hits[i] = 1;
                    break;
                }
            }
        }
        return hits;
    }

    /**
     * The best list that is the same for every customer, found with the answers: the catalog's items ranked by
     * the number of evaluated customers who took them after the cut without having had them before. No list
     * that does not depend on the customer can have more hits; it bounds what trends of any kind can reach.
     * Only the takers {@code counted} accepts vote; with {@code segments} (customer → segment), a customer's list
     * ranks by the votes of her segment first.
     */
    private static OfferSource hindsight(Setting setting, java.util.function.IntPredicate counted, Map<Integer, String> segments) {
        EventLog log = setting.log();
        long cutSecond = setting.cut().getEpochSecond();
        Map<Integer, Set<Integer>> before = new HashMap<>();
        for (int e = 0; e < log.size(); e++) {
            if (log.epochSecond(e) < cutSecond) {
                before.computeIfAbsent(log.customer(e), c -> new HashSet<>()).add(log.item(e));
            }
        }
        Map<Integer, Set<Integer>> takenNew = new HashMap<>();
        for (int e = 0; e < log.size(); e++) {
            EventKind kind = log.kind(e);
            Set<Integer> had = before.get(log.customer(e));
            if (log.epochSecond(e) >= cutSecond && had != null && !had.contains(log.item(e))
                    && (kind == EventKind.RENT || kind == EventKind.PURCHASE || kind == EventKind.WEAR)
                    && setting.catalog().has(log.item(e)) && counted.test(log.customer(e))) {
                takenNew.computeIfAbsent(log.item(e), i -> new HashSet<>()).add(log.customer(e));
            }
        }
        // Per segment: items by the number of the segment's counted customers who took them, then by everyone's.
        Map<String, List<Integer>> rankedBySegment = new ConcurrentHashMap<>();
        java.util.function.Function<String, List<Integer>> rank = segment -> {
            Map<Integer, Integer> inSegment = new HashMap<>();
            takenNew.forEach((item, takers) -> inSegment.put(item, (int) takers.stream()
                    .filter(c -> segment.isEmpty() || segment.equals(segments.get(c))).count()));
            List<Integer> ranked = new ArrayList<>(takenNew.keySet());
            ranked.sort(java.util.Comparator.<Integer>comparingInt(i -> -inSegment.get(i))
                    .thenComparingInt(i -> -takenNew.get(i).size()).thenComparing(i -> i));
            return ranked;
        };
        return new OfferSource() {
            @Override
            public String name() {
                return "hindsight";
            }

            @Override
            public List<dev.tailor.offer.Candidate> propose(dev.tailor.offer.CustomerView customer, OfferRequest request, int n) {
                List<dev.tailor.offer.Candidate> out = new ArrayList<>();
                String segment = segments.getOrDefault(log.customers().find(customer.id()), "");
                for (int item : rankedBySegment.computeIfAbsent(segment, rank)) {
                    String id = log.items().externalId(item);
                    if (out.size() == n) {
                        break;
                    }
                    if (!customer.excluded(id)) {
                        out.add(dev.tailor.offer.Candidate.of(id, n - out.size(), new dev.tailor.offer.Reason(
                                dev.tailor.offer.Reason.Kind.TRENDING, List.of(), "taken after the cut")));
                    }
                }
                return out;
            }
        };
    }

    /** A fixed, seeded half of the customers (by dense id). */
    private static boolean half(int customer) {
        return new SplittableRandom(31L * customer + 7).nextBoolean();
    }

    /**
     * The setting with a catalog of only the items seen before the cut: the datasets' catalogs list every
     * item of the whole log, and offering an item nobody had seen yet would use the future (that it is
     * rented at all later).
     */
    private static Setting knownAtTheCut(Setting setting) {
        EventLog log = setting.log();
        boolean[] seen = new boolean[log.items().size()];
        for (int e = 0; e < log.size(); e++) {
            if (log.epochSecond(e) < setting.cut().getEpochSecond()) {
                seen[log.item(e)] = true;
            }
        }
        // Without stock data (RentTheRunway), an item's sizes are those it was rented in before the cut.
        Catalog sized = new dev.tailor.datasets.Dataset(setting.name(), log, setting.catalog(), List.of())
                .withSizesTakenBefore(setting.cut()).catalog();
        Catalog.Builder catalog = Catalog.builder(log.items());
        for (int item = 0; item < seen.length; item++) {
            if (seen[item] && sized.has(item)) {
                catalog.add(sized.get(item));
            }
        }
        return new Setting(setting.name(), log, catalog.build(), setting.cut(), setting.training(), setting.occasionOfEvent(),
                setting.fit());
    }

    /** The time below which the given fraction of the events before {@code before} lie. */
    private static Instant quantileTime(EventLog log, Instant before, double fraction) {
        long[] times = new long[log.size()];
        int n = 0;
        for (int e = 0; e < log.size(); e++) {
            if (log.epochSecond(e) < before.getEpochSecond()) {
                times[n++] = log.epochSecond(e);
            }
        }
        Arrays.sort(times, 0, n);
        return Instant.ofEpochSecond(times[(int) Math.floor(fraction * n)]);
    }

    private static EventLog history(EventLog log, Instant cut) {
        return log.select(e -> log.epochSecond(e) < cut.getEpochSecond());
    }

    /** The trained sources of the standard offers, for a cut (events strictly before it). */
    private static Map<String, OfferSource> sources(Setting setting, Instant cut, Map<String, Double> weights, String engine) {
        OfferTraining.Builder training = setting.training().apply(setting.catalog()).asOf(cut.minusSeconds(1))
                .engine(Trainers.parse(engine, 42));
        weights.forEach(training::weight);
        Map<String, OfferSource> out = new LinkedHashMap<>();
        training.trainSources().forEach(out::put);
        return out;
    }

    private interface Lists {
        List<Offer> of(String customer, OfferRequest request);
    }

    private static Lists offers(Setting setting, Map<String, OfferSource> sources, Map<String, Double> weights) {
        return offers(setting, sources, weights, OfferTraining.DEFAULT_DIVERSITY);
    }

    private static Lists offers(Setting setting, Map<String, OfferSource> sources, Map<String, Double> weights, double diversity) {
        EventLog history = history(setting.log(), setting.cut());
        Offers.Builder builder = Offers.builder(history, setting.catalog()).diversity(diversity);
        FitModel fit = fitModel(setting);
        if (fit != null) {
            builder.fitModel(fit);
        }
        sources.forEach((name, source) -> {
            if (weights.getOrDefault(name, 0.0) > 0) {
                builder.source(source, weights.get(name));
            }
        });
        Offers offers = builder.build();
        return offers::offers;
    }

    private static Lists single(Setting setting, EventLog history, OfferSource source) {
        Offers.Builder builder = Offers.builder(history, setting.catalog()).source(source, 1).diversity(1);
        FitModel fit = fitModel(setting);
        if (fit != null) {
            builder.fitModel(fit);
        }
        Offers offers = builder.build();
        return offers::offers;
    }

    /** The MMR lambda with the best validation nDCG@10 (rebuys counted) for the chosen weights. */
    private static double chooseDiversity(Setting validation, String engine, Map<String, Double> weights, int limit) {
        Map<String, OfferSource> sources = sources(validation, validation.cut(), weights, engine);
        double best = 1;
        double bestScore = -1;
        for (double lambda : new double[] {1, 0.95, 0.9, 0.8}) {
            double score = evaluate(validation, validation.cut(), "validation", offers(validation, sources, weights, lambda),
                    limit).ndcgAll();
            System.out.printf(Locale.ROOT, "  diversity %.2f: %.4f%n", lambda, score);
            if (score > bestScore + 1e-4) {
                best = lambda;
                bestScore = score;
            }
        }
        return best;
    }

    /** The engine with the best validation nDCG@10 (new items, the engines' own protocol). */
    private static String chooseEngine(Setting validation, int limit) {
        EventLog history = history(validation.log(), validation.cut());
        String best = null;
        double bestScore = -1;
        for (String engine : ENGINES) {
            OfferSource alone = OfferSource.collaborative(Trainers.parse(engine, 42).train(
                    dev.tailor.recommend.TrainingData.of(history, dev.tailor.matrix.WeightingPolicy.defaults())));
            double score = evaluate(validation, validation.cut(), engine, single(validation, history, alone), limit).ndcg();
            System.out.printf(Locale.ROOT, "  validation nDCG@10 of %s: %.4f%n", engine, score);
            if (score > bestScore) {
                best = engine;
                bestScore = score;
            }
        }
        return best;
    }

    /** Coordinate search from the defaults: each weight in turn over a grid, keeping what raises validation nDCG. */
    private static Map<String, Double> searchWeights(Setting validation, String engine, int limit) {
        Instant validationCut = validation.cut();
        Map<String, Double> start = new LinkedHashMap<>();
        OfferTraining.DEFAULT_WEIGHTS.keySet().forEach(name -> start.put(name, 1.0));
        Map<String, OfferSource> sources = sources(validation, validationCut, start, engine);
        Map<String, Double> best = new LinkedHashMap<>(start);
        double bestScore = evaluate(validation, validationCut, "validation", offers(validation, sources, best), limit).ndcgAll();
        System.out.printf(Locale.ROOT, "  validation nDCG@10 (rebuys counted) with all weights 1: %.4f%n", bestScore);
        for (String source : List.of("replenishment", "trending", "content", "wish-list", "cf", "forecast", "affinity")) {
            if (!sources.containsKey(source)) {
                continue;
            }
            for (double weight : new double[] {0, 0.25, 0.5, 1, 2, 4}) {
                if (weight == best.get(source)) {
                    continue;
                }
                Map<String, Double> trial = new LinkedHashMap<>(best);
                trial.put(source, weight);
                if (trial.values().stream().noneMatch(w -> w > 0)) {
                    continue;
                }
                double score = evaluate(validation, validationCut, "validation", offers(validation, sources, trial), limit).ndcgAll();
                System.out.printf(Locale.ROOT, "  %s = %.2f: %.4f%n", source, weight, score);
                if (score > bestScore + 1e-4) {
                    bestScore = score;
                    best = trial;
                }
            }
        }
        return best;
    }

    /**
     * Each customer's most frequent occasion before the cut (ties: the first in alphabetical order), when the
     * log has occasions: what a shop knows to ask trends for ("customers who rent for weddings").
     */
    private static Map<Integer, String> usualOccasions(Setting setting, long cutSecond) {
        Map<Integer, String> usual = new HashMap<>();
        if (setting.occasionOfEvent() == null || !USE_OCCASIONS) {
            return usual;
        }
        EventLog log = setting.log();
        Map<Integer, Map<String, Integer>> counts = new HashMap<>();
        for (int e = 0; e < log.size(); e++) {
            String occasion = setting.occasionOfEvent()[e];
            if (occasion != null && log.epochSecond(e) < cutSecond) {
                counts.computeIfAbsent(log.customer(e), c -> new java.util.TreeMap<>()).merge(occasion, 1, Integer::sum);
            }
        }
        counts.forEach((c, byOccasion) -> usual.put(c, byOccasion.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
        return usual;
    }

    private static Row evaluate(Setting setting, Instant cut, String name, Lists lists, int limit) {
        EventLog log = setting.log();
        long cutSecond = cut.getEpochSecond();
        Map<Integer, Set<Integer>> before = new HashMap<>();
        Map<Integer, Set<Integer>> after = new HashMap<>();
        Map<Long, String> sizeTaken = new HashMap<>();
        Map<Long, dev.tailor.data.FitFeedback> fitTaken = new HashMap<>();
        for (int e = 0; e < log.size(); e++) {
            EventKind kind = log.kind(e);
            if (log.epochSecond(e) < cutSecond) {
                before.computeIfAbsent(log.customer(e), c -> new HashSet<>()).add(log.item(e));
            } else if (kind == EventKind.RENT || kind == EventKind.PURCHASE || kind == EventKind.WEAR) {
                after.computeIfAbsent(log.customer(e), c -> new HashSet<>()).add(log.item(e));
                if (log.sizeLabel(e) != null) {
                    sizeTaken.putIfAbsent(((long) log.customer(e) << 32) | log.item(e), log.sizeLabel(e));
                    if (log.fit(e) != null) {
                        fitTaken.putIfAbsent(((long) log.customer(e) << 32) | log.item(e), log.fit(e));
                    }
                }
            }
        }
        List<Integer> customers = new ArrayList<>(new TreeSet<>(after.keySet()));
        customers.removeIf(c -> !before.containsKey(c));
        if (customers.size() > limit) {
            java.util.Collections.shuffle(customers, new java.util.Random(11));
            customers = new ArrayList<>(new TreeSet<>(customers.subList(0, limit)));
        }
        Map<Integer, String> usualOccasion = usualOccasions(setting, cutSecond);
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double ndcgSquares = 0;
        double ndcgAll = 0;
        int evaluatedAll = 0;
        int evaluated = 0;
        int hits = 0;
        int sizedHits = 0;
        int sizeRight = 0;
        int sizeFitted = 0;
        int withFeedback = 0;
        int rebuys = 0;
        int rebuysOffered = 0;
        Set<String> offered = new HashSet<>();
        for (int c : customers) {
            Set<Integer> mine = before.get(c);
            OfferRequest.Builder asked = OfferRequest.builder(cut).n(K);
            if (usualOccasion.containsKey(c)) {
                asked.occasion(usualOccasion.get(c));
            }
            List<Offer> list = lists.of(log.customers().externalId(c), asked.build());
            int[] ranked = new int[list.size()];
            for (int r = 0; r < list.size(); r++) {
                ranked[r] = log.items().find(list.get(r).item());
                offered.add(list.get(r).item());
            }
            Set<Integer> rebought = new HashSet<>(after.get(c));
            rebought.retainAll(mine);
            rebuys += rebought.size();
            for (int item : ranked) {
                rebuysOffered += rebought.contains(item) ? 1 : 0;
            }
            int[] takenAfter = after.get(c).stream().mapToInt(Integer::intValue).sorted().toArray();
            ndcgAll += Metrics.atK(ranked, takenAfter, K).ndcg();
            evaluatedAll++;
            int[] relevant = after.get(c).stream().filter(i -> !mine.contains(i)).mapToInt(Integer::intValue).sorted().toArray();
            if (relevant.length == 0) {
                continue;
            }
            evaluated++;
            Metrics.AtK m = Metrics.atK(ranked, relevant, K);
            precision += m.precision();
            recall += m.recall();
            ndcg += m.ndcg();
            ndcgSquares += m.ndcg() * m.ndcg();
            for (int r = 0; r < Math.min(K, ranked.length); r++) {
                if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                    hits++;
                    String taken = sizeTaken.get(((long) c << 32) | ranked[r]);
                    if (taken != null && list.get(r).size().isPresent()) {
                        sizedHits++;
                        boolean same = taken.equals(list.get(r).size().get());
                        sizeRight += same ? 1 : 0;
                        dev.tailor.data.FitFeedback reported = fitTaken.get(((long) c << 32) | ranked[r]);
                        withFeedback += reported != null ? 1 : 0;
                        sizeFitted += same && reported == dev.tailor.data.FitFeedback.FITS ? 1 : 0;
                    }
                }
            }
        }
        int n = Math.max(1, evaluated);
        double mean = ndcg / n;
        double standardError = Math.sqrt(Math.max(0, ndcgSquares / n - mean * mean) / Math.max(1, n - 1));
        return new Row(name + " (" + evaluated + " customers)", precision / n, recall / n, mean, standardError,
                ndcgAll / Math.max(1, evaluatedAll),
                offered.size() / (double) Math.max(1, setting.catalog().items().size()), hits,
                sizedHits == 0 ? Double.NaN : sizeRight / (double) sizedHits,
                withFeedback == 0 ? Double.NaN : sizeFitted / (double) sizedHits, rebuys == 0 ? Double.NaN : rebuysOffered / (double) rebuys);
    }
}
