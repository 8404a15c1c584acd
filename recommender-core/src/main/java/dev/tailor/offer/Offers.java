package dev.tailor.offer;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Configuration;
import dev.tailor.data.Event;
import dev.tailor.data.EventLog;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.SizeAdvice;
import dev.tailor.progress.ProgressListener;
import dev.tailor.replenish.ReplenishmentModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Individual offers: "what should we offer this customer now?" in one call.
 *
 * <p>How an answer is made, in order:
 * <ol>
 *   <li><b>Rules inside selection.</b> A {@link CustomerView} of the customer's events up to the request's
 *       as-of time decides which items are allowed (see its class comment: category and price band of the
 *       request, not owned or rented within the rental window, not blocked, in stock in the customer's size,
 *       then the caller's {@link OfferRule}s). Every source proposes only allowed items, so a filtered list is
 *       still full.</li>
 *   <li><b>Sources.</b> Each source with a positive weight proposes up to {@code max(3n, 30)} candidates in
 *       its own order.</li>
 *   <li><b>Blend.</b> Scores of different sources are not comparable (a cosine, a probability, a count), so
 *       the blend uses ranks: an item's score is Σ over the sources that propose it of
 *       {@code weight / (fusionDepth + rank)} (weighted reciprocal-rank fusion, Cormack, Clarke and Büttcher,
 *       SIGIR 2009), rank 1 being a source's best. An item proposed by several sources collects every reason.</li>
 *   <li><b>Re-ranking.</b> Greedy maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998):
 *       each next offer maximizes {@code λ · score / best score − (1 − λ) · similarity to the offers taken},
 *       similarity being half "same category" and half the share of catalog attributes in common; at most
 *       {@code categoryCap} offers per category.</li>
 *   <li><b>Size and value.</b> For an item with sizes in stock, the size the fit model advises (with its
 *       probability of fitting), else the customer's usual size in the category; an incentive flag when the
 *       customer's expected value reaches the threshold.</li>
 * </ol>
 * An unknown customer gets the sources' cold-start answers (trending, the engines' popularity), never an
 * exception.
 *
 * <p>Thread-safety: immutable once built; any number of threads may ask at once (sources must be
 * thread-safe, as the built-in ones are).
 */
public final class Offers {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Offers.class);
    private final Shop shop;
    private final Map<OfferSource, Double> weights;
    private final Settings settings;

    /** Settings the views read. */
    static final class Settings {
        final Duration rentalWindow;
        final Duration purchaseWindow;
        final Set<String> blocked;
        final List<OfferRule> rules;
        final FitModel fitModel;

        Settings(Duration rentalWindow, Duration purchaseWindow, Set<String> blocked, List<OfferRule> rules, FitModel fitModel) {
            this.rentalWindow = rentalWindow;
            this.purchaseWindow = purchaseWindow;
            this.blocked = blocked;
            this.rules = rules;
            this.fitModel = fitModel;
        }
    }

    private final int fusionDepth;
    private final double diversity;
    private final int categoryCap;
    private final CustomerValueEstimate value;
    private final double incentiveThreshold;
    /** Names of the sources whose candidates the ownership rule does not apply to (what is due again). */
    private final Set<String> offerOwned;

    private Offers(Builder b) {
        this(Shop.of(b.log, b.catalog), b.weights, new Settings(b.rentalWindow, b.purchaseWindow, Set.copyOf(b.blocked),
                List.copyOf(b.rules), b.fitModel), b.fusionDepth, b.diversity, b.categoryCap, b.value, b.incentiveThreshold);
    }

    /** Offers from their parts (a loaded model's, or this one's with the caller's rules). */
    Offers(Shop shop, Map<OfferSource, Double> weights, Settings settings, int fusionDepth, double diversity, int categoryCap,
            CustomerValueEstimate value, double incentiveThreshold) {
        this.shop = shop;
        this.weights = new LinkedHashMap<>(weights);
        this.settings = settings;
        this.fusionDepth = fusionDepth;
        this.diversity = diversity;
        this.categoryCap = categoryCap;
        this.value = value;
        this.incentiveThreshold = incentiveThreshold;
        Set<String> exempt = new HashSet<>();
        weights.keySet().forEach(source -> {
            if (source instanceof ReplenishmentSource || source instanceof ConfigurationSource) {
                exempt.add(source.name());
            }
            // Translated now rather than by the first request, which would pay for the whole index.
            if (source instanceof CollaborativeSource collaborative) {
                shop.prepareTranslation(collaborative.model().items());
            } else if (source instanceof ContentSource content) {
                shop.prepareTranslation(content.items());
            }
        });
        this.offerOwned = Set.copyOf(exempt);
    }

    /**
     * These offers with the caller's rules and customer value added: what a service adds at run time to a loaded
     * model (rules and estimates are code, not data, so no model file holds them).
     */
    Offers withRuntime(List<OfferRule> rules, CustomerValueEstimate estimate, double threshold) {
        List<OfferRule> all = new ArrayList<>(settings.rules);
        all.addAll(rules);
        Settings more = new Settings(settings.rentalWindow, settings.purchaseWindow, settings.blocked, List.copyOf(all),
                settings.fitModel);
        return new Offers(shop, weights, more, fusionDepth, diversity, categoryCap, estimate != null ? estimate : value,
                estimate != null ? threshold : incentiveThreshold);
    }

    Shop shop() {
        return shop;
    }

    Map<OfferSource, Double> sourceWeights() {
        return Collections.unmodifiableMap(weights);
    }

    Settings settings() {
        return settings;
    }

    int fusionDepth() {
        return fusionDepth;
    }

    double diversity() {
        return diversity;
    }

    int categoryCap() {
        return categoryCap;
    }

    /** Starts offers over the shop's event log and catalog (the catalog's item index is the log's). */
    public static Builder builder(EventLog log, Catalog catalog) {
        return new Builder(log, catalog);
    }

    /** The sources and their weights, in the order they were added. */
    public Map<String, Double> weights() {
        Map<String, Double> named = new LinkedHashMap<>();
        weights.forEach((source, weight) -> named.put(source.name(), weight));
        return named;
    }

    /**
     * Up to {@code request.n()} offers for the customer, best first.
     *
     * @throws NullPointerException if an argument is null
     */
    public List<Offer> offers(String customer, OfferRequest request) {
        return offers(customer, request, List.of());
    }

    /**
     * Up to {@code request.n()} offers for a customer who has done more since the models were trained: the
     * recorded events (this customer's, any order) count as if they were in the log — a rented item is not
     * offered again, the engines score the history with them, a replenishment clock restarts, the usual size
     * moves, and fit feedback (a return marked too small) moves the fit model's size advice
     * ({@link FitModel#advise(String, String, List, Optional, List)}). No retraining; the cost is this customer's events.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a recorded event is another customer's
     */
    public List<Offer> offers(String customer, OfferRequest request, List<Event> recordedSince) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(request, "request");
        for (Event event : recordedSince) {
            if (!event.customer().equals(customer)) {
                throw new IllegalArgumentException("a recorded event of customer '" + event.customer()
                        + "' among the events of '" + customer + "'");
            }
        }
        if ((request.minPrice().isPresent() || request.maxPrice().isPresent()) && !shop.hasPrices()) {
            // Every item would be left out, and an empty list would not say why.
            throw new IllegalArgumentException("a price band was asked for, but the catalog has no item with a known price"
                    + " (an empty catalog, or data without prices)");
        }
        CustomerView view = new CustomerView(shop, customer, request, settings, recordedSince);
        int depth = Math.max(3 * request.n(), 30);
        Map<String, Blend> blends = new LinkedHashMap<>();
        weights.forEach((source, weight) -> {
            if (weight <= 0) {
                return;
            }
            List<Candidate> proposed = source.propose(view, request, depth);
            for (int r = 0; r < proposed.size() && r < depth; r++) {
                Candidate candidate = proposed.get(r);
                Blend blend = blends.computeIfAbsent(candidate.item(), Blend::new);
                double share = weight / (fusionDepth + r + 1);
                blend.add(source.name(), share, candidate);
            }
        });
        List<Blend> chosen = rerank(view, new ArrayList<>(blends.values()), request.n());
        List<Offer> out = new ArrayList<>(chosen.size());
        boolean incentive = value != null && value.expectedValue(customer).orElse(Double.NEGATIVE_INFINITY) >= incentiveThreshold;
        for (Blend blend : chosen) {
            out.add(offer(view, request, blend, incentive));
        }
        return out;
    }

    /**
     * Every listed customer's offers for the nightly job, computed in parallel on the workers in blocks of 256
     * customers and handed to the sink block by block in the customers' order, so memory stays bounded and the
     * output is the same on any number of threads.
     *
     * @param sink receives each customer's offers, on the calling thread, in order
     * @return the number of customers done
     */
    public long offersForAll(List<String> customers, OfferRequest request, Workers workers,
            ProgressListener progress, BiConsumer<String, List<Offer>> sink) {
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(sink, "sink");
        int block = 256;
        progress.start("offers for " + customers.size() + " customers", customers.size());
        try {
            for (int from = 0; from < customers.size(); from += block) {
                int start = from;
                int size = Math.min(block, customers.size() - from);
                @SuppressWarnings("unchecked")
                List<Offer>[] answers = new List[size];
                workers.forEach("offers", size, i -> answers[i] = offers(customers.get(start + i), request));
                for (int i = 0; i < size; i++) {
                    sink.accept(customers.get(start + i), answers[i]);
                }
                progress.advance(size);
            }
        } finally {
            progress.finish();
        }
        return customers.size();
    }

    /** One item's blend: its score, and the reasons of each source, strongest source first. */
    private static final class Blend {
        final String item;
        double score;
        final Map<String, Double> bySource = new LinkedHashMap<>();
        final Map<String, List<Reason>> reasonsBySource = new HashMap<>();
        Optional<Configuration> configuration = Optional.empty();

        Blend(String item) {
            this.item = item;
        }

        void add(String source, double share, Candidate candidate) {
            score += share;
            bySource.merge(source, share, Double::sum);
            reasonsBySource.computeIfAbsent(source, s -> new ArrayList<>()).addAll(candidate.reasons());
            if (configuration.isEmpty()) {
                configuration = candidate.configuration();
            }
        }

        List<String> sources() {
            List<String> names = new ArrayList<>(bySource.keySet());
            names.sort((a, b) -> Double.compare(bySource.get(b), bySource.get(a)));
            return names;
        }
    }

    /**
     * Whether the rules allow a blended item: every source is asked to propose only allowed items, and this checks
     * it once more for the items that make the list, so a source that forgets the rules cannot offer a blocked item.
     */
    private boolean allowed(CustomerView view, Blend blend) {
        if (view.excludedIgnoringOwnership(blend.item)) {
            return false;
        }
        if (!view.owns(blend.item)) {
            return true;
        }
        for (String source : blend.bySource.keySet()) {
            if (offerOwned.contains(source)) {
                return true;
            }
        }
        return false;
    }

    private List<Blend> rerank(CustomerView view, List<Blend> pool, int n) {
        pool.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : a.item.compareTo(b.item));
        List<Blend> chosen = new ArrayList<>();
        if (pool.isEmpty()) {
            return chosen;
        }
        int size = pool.size();
        int[] dense = new int[size];
        int[] category = new int[size];
        for (int i = 0; i < size; i++) {
            dense[i] = shop.items.find(pool.get(i).item);
            category[i] = shop.catalog.category(dense[i]);
        }
        double best = pool.get(0).score;
        Map<Integer, Integer> perCategory = new HashMap<>();
        boolean[] taken = new boolean[size];
        // Each candidate's greatest similarity to the offers taken so far, updated once per pick.
        double[] similar = new double[size];
        while (chosen.size() < n) {
            int pick = -1;
            double pickValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                if (taken[i] || category[i] >= 0 && perCategory.getOrDefault(category[i], 0) >= categoryCap) {
                    continue;
                }
                double value = diversity * pool.get(i).score / best - (1 - diversity) * similar[i];
                if (value > pickValue) {
                    pick = i;
                    pickValue = value;
                }
                if (diversity >= 1) {
                    break; // without diversity the next allowed item in score order is the pick
                }
            }
            if (pick < 0) {
                break;
            }
            taken[pick] = true;
            if (!allowed(view, pool.get(pick))) {
                LOG.debug("offers: a source proposed an item the rules exclude; it is left out");
                continue;
            }
            chosen.add(pool.get(pick));
            perCategory.merge(category[pick], 1, Integer::sum);
            if (diversity < 1) {
                for (int i = 0; i < size; i++) {
                    if (!taken[i]) {
                        similar[i] = Math.max(similar[i], similarity(dense[i], category[i], dense[pick], category[pick]));
                    }
                }
            }
        }
        return chosen;
    }

    private double similarity(int x, int categoryOfX, int y, int categoryOfY) {
        if (!shop.catalog.has(x) || !shop.catalog.has(y)) {
            return 0;
        }
        return 0.5 * (categoryOfX == categoryOfY ? 1 : 0) + 0.5 * shop.signatures.jaccard(x, y);
    }

    private Offer offer(CustomerView view, OfferRequest request, Blend blend, boolean incentive) {
        Optional<CatalogItem> entry = view.catalogItem(blend.item);
        Optional<String> size = Optional.empty();
        OptionalDouble fit = OptionalDouble.empty();
        if (entry.isPresent() && !entry.get().sizesInStock().isEmpty()) {
            List<String> sizes = new ArrayList<>(new TreeSet<>(entry.get().sizesInStock()));
            FitModel fitModel = settings.fitModel;
            SizeAdvice advice = fitModel == null ? null : advise(fitModel, view, blend.item, sizes, request);
            if (advice != null) {
                size = Optional.of(advice.size());
                fit = OptionalDouble.of(advice.probabilityOfFit());
            } else {
                size = view.usualSize(entry.get().category()).filter(entry.get().sizesInStock()::contains);
            }
        }
        List<Reason> reasons = new ArrayList<>();
        Set<String> texts = new LinkedHashSet<>();
        for (String source : blend.sources()) {
            for (Reason reason : blend.reasonsBySource.get(source)) {
                if (texts.add(reason.text())) {
                    reasons.add(reason);
                }
            }
        }
        return new Offer(blend.item, entry.map(CatalogItem::category),
                entry.filter(e -> !Double.isNaN(e.price())).map(e -> OptionalDouble.of(e.price())).orElse(OptionalDouble.empty()),
                size, fit, blend.configuration,
                blend.score, reasons, blend.sources(), incentive);
    }

    /**
     * The size to send of an item to a customer, as an offer of it would carry: the fit model's advice among the
     * item's sizes in stock, moved by the fit feedback recorded since; empty without a fit model, for an item without
     * sizes in stock, or when the model cannot place them.
     */
    Optional<SizeAdvice> sizeAdvice(String customer, String item, Optional<String> occasion, Instant asOf,
            List<Event> recordedSince) {
        if (settings.fitModel == null) {
            return Optional.empty();
        }
        OfferRequest.Builder ask = OfferRequest.builder(asOf);
        occasion.ifPresent(ask::occasion);
        OfferRequest request = ask.build();
        CustomerView view = new CustomerView(shop, customer, request, settings, recordedSince);
        Optional<CatalogItem> entry = view.catalogItem(item);
        if (entry.isEmpty() || entry.get().sizesInStock().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(advise(settings.fitModel, view, item, new ArrayList<>(new TreeSet<>(entry.get().sizesInStock())),
                request));
    }

    /** The replenishment cycles of the replenishment source, when there is one. */
    Optional<ReplenishmentModel> replenishment() {
        for (OfferSource source : weights.keySet()) {
            if (source instanceof ReplenishmentSource replenishment) {
                return Optional.of(replenishment.model());
            }
        }
        return Optional.empty();
    }

    /**
     * The fit model's advice, or null when it cannot give one — a size label its scale cannot place, in the catalog
     * or in feedback recorded since: the offer then goes out in the customer's usual size rather than failing the
     * whole answer.
     */
    private static SizeAdvice advise(FitModel fitModel, CustomerView view, String item, List<String> sizes, OfferRequest request) {
        try {
            return fitModel.advise(view.id(), item, sizes, request.occasion(), view.fitFeedbackSince());
        } catch (IllegalArgumentException e) {
            LOG.debug("offers: no size advice for an item ({}); the usual size is offered", e.getMessage());
            return null;
        }
    }

    /** Builds offers; every setting is checked when it is set. */
    public static final class Builder {
        private final EventLog log;
        private final Catalog catalog;
        private final Map<OfferSource, Double> weights = new LinkedHashMap<>();
        private final Set<String> blocked = new HashSet<>();
        private final List<OfferRule> rules = new ArrayList<>();
        private Duration rentalWindow = Duration.ofDays(180);
        private Duration purchaseWindow;
        private FitModel fitModel;
        private int fusionDepth = 10;
        private double diversity = 1.0;
        private int categoryCap = Integer.MAX_VALUE;
        private CustomerValueEstimate value;
        private double incentiveThreshold;
        private Instant trainedUntil;

        private Builder(EventLog log, Catalog catalog) {
            this.log = Objects.requireNonNull(log, "log");
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            if (catalog.items() != log.items()) {
                throw new IllegalArgumentException("the catalog must be built over the log's item index "
                        + "(Catalog.builder(log.items()))");
            }
        }

        /**
         * Adds a source with its blend weight (0 switches it off).
         *
         * @throws IllegalArgumentException if the weight is negative or not finite, or a source of that name is
         *     already added
         */
        public Builder source(OfferSource source, double weight) {
            Objects.requireNonNull(source, "source");
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of source '" + source.name() + "' must be finite and >= 0, was "
                        + weight);
            }
            for (OfferSource added : weights.keySet()) {
                if (added.name().equals(source.name())) {
                    throw new IllegalArgumentException("a source named '" + source.name() + "' is already added");
                }
            }
            weights.put(source, weight);
            return this;
        }

        /** Items never to offer. */
        public Builder block(Collection<String> items) {
            blocked.addAll(items);
            return this;
        }

        /** A rule of the caller's. */
        public Builder rule(OfferRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** How long a rented item is not offered again (default 180 days). @throws IllegalArgumentException if negative */
        public Builder rentalWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("rentalWindow must be >= 0, was " + window);
            }
            this.rentalWindow = window;
            return this;
        }

        /**
         * How long a bought item is not offered again (default: never again): a shop of consumables (groceries)
         * sets it short or to zero, and lets replenishment say when to buy again.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder purchaseWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("purchaseWindow must be >= 0, was " + window);
            }
            this.purchaseWindow = window;
            return this;
        }

        /**
         * The fit model that chooses sizes (without one, the customer's usual size in the category).
         *
         * @throws IllegalArgumentException if the model is not monotone in size (it gives no size advice)
         */
        public Builder fitModel(FitModel model) {
            Objects.requireNonNull(model, "model");
            if (!model.monotoneInSize()) {
                throw new IllegalArgumentException("the offers' sizes need a fit model monotone in size; this one was "
                        + "trained with monotoneInSize(false)");
            }
            this.fitModel = model;
            return this;
        }

        /**
         * The k of reciprocal-rank fusion (default 10): larger flattens the difference between ranks.
         *
         * @throws IllegalArgumentException if below 0
         */
        public Builder fusionDepth(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("fusionDepth must be >= 0, was " + k);
            }
            this.fusionDepth = k;
            return this;
        }

        /**
         * The λ of maximal marginal relevance, from 0 (only diversity) to 1 (only the blended score, no re-ranking;
         * the default, as the validation search chose: {@link OfferTraining#DEFAULT_DIVERSITY}).
         *
         * @throws IllegalArgumentException if outside [0, 1]
         */
        public Builder diversity(double lambda) {
            if (!(lambda >= 0 && lambda <= 1)) {
                throw new IllegalArgumentException("diversity lambda must be in [0, 1], was " + lambda);
            }
            this.diversity = lambda;
            return this;
        }

        /** At most this many offers per category (default: no cap). @throws IllegalArgumentException if below 1 */
        public Builder categoryCap(int cap) {
            if (cap < 1) {
                throw new IllegalArgumentException("categoryCap must be >= 1, was " + cap);
            }
            this.categoryCap = cap;
            return this;
        }

        /**
         * Flags offers with an incentive for customers whose expected value is at least the threshold.
         *
         * @throws IllegalArgumentException if the threshold is not finite
         */
        public Builder customerValue(CustomerValueEstimate estimate, double threshold) {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("incentive threshold must be finite, was " + threshold);
            }
            this.value = Objects.requireNonNull(estimate, "estimate");
            this.incentiveThreshold = threshold;
            return this;
        }

        /** The time up to which the sources were trained (what {@link OfferTraining} sets). */
        Builder trainedUntil(Instant moment) {
            this.trainedUntil = moment;
            return this;
        }

        /**
         * The offers as a model that saves to one file ({@link OffersModel#save}) and answers without the event log,
         * trained up to the time {@link OfferTraining} trained the sources to (or, for sources assembled by hand,
         * the log's latest event).
         *
         * @throws IllegalArgumentException if no source has a positive weight, or rules or a customer-value estimate
         *     were given (they are code, not data: give them to {@link LiveOffers.Builder}
         *     after loading)
         */
        public OffersModel buildModel() {
            if (!rules.isEmpty() || value != null) {
                throw new IllegalArgumentException("an offers model holds data, not code: add rules and the customer-value "
                        + "estimate to the loaded model (LiveOffers.builder(model).rule(...)), not to the model");
            }
            Instant until = trainedUntil != null ? trainedUntil
                    : Instant.ofEpochSecond(log.size() == 0 ? 0 : log.maxEpochSecond());
            return new OffersModel(build(), until);
        }

        /** The offers. @throws IllegalArgumentException if no source has a positive weight */
        public Offers build() {
            if (weights.values().stream().noneMatch(w -> w > 0)) {
                throw new IllegalArgumentException("offers need at least one source with a positive weight");
            }
            return new Offers(this);
        }
    }
}
