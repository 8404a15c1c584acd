package dev.tailor.offer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tailor.data.Event;
import dev.tailor.data.IdIndex;
import dev.tailor.fit.SizeAdvice;
import dev.tailor.internal.Pacing;
import dev.tailor.replenish.Reminder;
import dev.tailor.replenish.ReplenishmentModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers for a service that runs for days, from an {@link OffersModel} loaded from its file: events recorded a
 * moment ago change the next answer, answers are cached, and a newer model is swapped in while requests go on.
 *
 * <ul>
 *   <li>{@link #record(Event)} keeps the customer's events since the running model's cut-off; the next
 *       {@link #offers} counts them as if they were in the training data — a rented item is no longer offered, the
 *       engines score the history with them weighed exactly as retraining would weigh them
 *       ({@link dev.tailor.recommend.CustomerHistory#withEvents}), a replenishment clock restarts, a return marked too
 *       small moves the size advice. No retraining.</li>
 *   <li>Which recorded events a model already holds is decided by <b>arrival</b>, not by event time: an event is
 *       new to a model with cut-off {@code T} when it happened after {@code T} or arrived here after {@code T} (a late
 *       event: it happened before the cut-off, but the training data, read at the cut-off, could not hold it).
 *       Arrival is read from the builder's {@link Builder#clock clock}.</li>
 *   <li>{@link #swap} replaces the running model atomically: a request reads the model and the recorded events as one
 *       consistent pair (it retries if a swap came between), so it sees the old model with its events or the new one
 *       with its events, never a mix. Swaps are serialized, and events the new model holds are forgotten.</li>
 *   <li>The answer cache (Caffeine) is keyed by the customer, the request with its as-of time rounded down to
 *       {@link Builder#requestGranularity the granularity} (default one minute), the model's generation and the
 *       sequence number of the customer's latest recorded event. A recorded event or a swap makes older entries
 *       unreachable at once (they age out); an event recorded within the current minute counts at once, because the answer is made as of the
 *       later of the rounded time and the customer's latest recorded event.</li>
 * </ul>
 *
 * <p>Limits (each a builder setting): at most {@link Builder#maxRecordedPerCustomer} events per customer (default
 * 1,000; the oldest go first and are counted in {@link Statistics#droppedEvents()}), at most
 * {@link Builder#maxRecorded} events in all (default 1,000,000; beyond it {@link #record} refuses with an exception
 * until a swap makes room), a cache of at most {@link Builder#cacheBytes} estimated bytes (default 64 MiB), and ids of
 * at most {@value IdIndex#MAX_ID_LENGTH} characters. Customer ids are logged at DEBUG only.
 *
 * <p>Thread-safety: every method may be called from any number of threads at once.
 */
public final class LiveOffers {
    private static final Logger LOG = LoggerFactory.getLogger(LiveOffers.class);

    /** The running model: its offers (with the run-time rules), cut-off, number, and whether it is a saved model. */
    private record Generation(Offers offers, long cutSecond, long number, boolean model) {
    }

    private record Key(String customer, OfferRequest request, long generation, long recorded) {
    }

    /** An event and the second it arrived. */
    private record Arrived(Event event, long arrivalSecond) {
        boolean newTo(long cutSecond) {
            return event.time().getEpochSecond() > cutSecond || arrivalSecond > cutSecond;
        }
    }

    /**
     * A customer's recorded events in order of arrival, and the sequence number of the latest record: the cache key's
     * part. Sequence numbers come from one counter and never repeat, so a key of a state once pruned away never comes
     * back (a per-customer count would restart at 0 when a swap empties the customer's events).
     */
    private record Recorded(Arrived[] events, long total) {
    }

    private static final Recorded NONE = new Recorded(new Arrived[0], 0);

    /** The running model and a customer's recorded events, read as one consistent pair. */
    private record Pair(Generation generation, Recorded recorded) {
    }

    /**
     * Reads the running model and the customer's events so that no swap came between them (a swap sets the new model
     * and then prunes; a read that saw the old model re-reads), so events pruned for the new model are never answered
     * with the old.
     */
    private Pair read(String customer) {
        while (true) {
            Generation generation = running.get();
            Recorded recorded = recordedByCustomer.getOrDefault(customer, NONE);
            if (running.get() == generation) {
                return new Pair(generation, recorded);
            }
        }
    }

    private final AtomicReference<Generation> running;
    private final Map<String, Recorded> recordedByCustomer = new ConcurrentHashMap<>();
    private final Cache<Key, List<Offer>> cache;
    private final int maxRecordedPerCustomer;
    private final long maxRecorded;
    private final long granularitySeconds;
    private final Clock clock;
    private final List<OfferRule> rules;
    private final CustomerValueEstimate value;
    private final double incentiveThreshold;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final Object swapLock = new Object();

    /** The share of one core a {@link #reload(Path)} may take (1: as fast as it can). */
    private final double reloadShare;

    private LiveOffers(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.value = b.value;
        this.incentiveThreshold = b.incentiveThreshold;
        this.running = new AtomicReference<>(generation(b.offers, b.trainedUntil, 0, b.model));
        this.cache = Caffeine.newBuilder().maximumWeight(b.cacheBytes)
                .weigher((Key key, List<Offer> answer) -> weight(key, answer)).expireAfterWrite(b.expireAfter)
                .recordStats().build();
        this.maxRecordedPerCustomer = b.maxRecordedPerCustomer;
        this.maxRecorded = b.maxRecorded;
        this.granularitySeconds = b.granularity.getSeconds();
        this.clock = b.clock;
        this.reloadShare = b.reloadShare;
    }

    private Generation generation(Offers offers, Instant cut, long number, boolean model) {
        Offers withRules = rules.isEmpty() && value == null ? offers : offers.withRuntime(rules, value, incentiveThreshold);
        return new Generation(withRules, cut.getEpochSecond(), number, model);
    }

    /** Starts live offers around a model (typically {@link OffersModel#load loaded} from its file). */
    public static Builder builder(OffersModel model) {
        Objects.requireNonNull(model, "model");
        return new Builder(model.offers(), model.trainedUntil(), true);
    }

    /**
     * Starts live offers around offers assembled in this process (sources of the caller's own, say).
     *
     * @param trainedUntil the time of the last event the offers' models were trained on
     */
    public static Builder builder(Offers offers, Instant trainedUntil) {
        return new Builder(Objects.requireNonNull(offers, "offers"), Objects.requireNonNull(trainedUntil, "trainedUntil"), false);
    }

    /**
     * The customer's offers, from the cache when the same request (as of the same rounded time) was answered for the
     * same state.
     *
     * @throws IllegalArgumentException if the customer id is not a valid id ({@link IdIndex#problemWith}), or the
     *     request is as of before a saved model's cut-off
     */
    public List<Offer> offers(String customer, OfferRequest request) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(request, "request");
        requireValidId("customer", customer);
        long asOf = request.asOf().getEpochSecond();
        long bucket = Math.floorDiv(asOf, granularitySeconds) * granularitySeconds;
        Pair pair = read(customer);
        Generation generation = pair.generation();
        Recorded all = pair.recorded();
        if (generation.model() && asOf < generation.cutSecond()) {
            throw new IllegalArgumentException("the request is as of " + request.asOf() + ", before the model's cut-off "
                    + Instant.ofEpochSecond(generation.cutSecond()));
        }
        Key key = new Key(customer, rounded(request, bucket), generation.number(), all.total());
        List<Offer> cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        // Computed outside the cache: a slow answer never holds a lock other requests wait on.
        List<Offer> answer = answer(generation, all, customer, request, bucket);
        cache.put(key, answer);
        return answer;
    }

    /** The answer of a generation to a request whose time falls in the bucket starting at {@code bucket}. */
    private List<Offer> answer(Generation generation, Recorded all, String customer, OfferRequest request, long bucket) {
        // The events of this rounded time: those before its end, so every request of the same key sees the same.
        List<Event> events = new ArrayList<>();
        long effective = bucket;
        for (Arrived arrived : all.events()) {
            long time = arrived.event().time().getEpochSecond();
            if (arrived.newTo(generation.cutSecond()) && time < bucket + granularitySeconds) {
                events.add(arrived.event());
                effective = Math.max(effective, time);
            }
        }
        if (generation.model()) {
            effective = Math.max(effective, generation.cutSecond());
        }
        OfferRequest asked = effective == request.asOf().getEpochSecond() ? request : rounded(request, effective);
        return List.copyOf(generation.offers().offers(customer, asked, events));
    }

    /** A cached answer of the running generation, answered again by the next one before it runs. */
    private record Warm(Key key, List<Offer> answer) {
    }

    /**
     * The answers of the next generation to the {@value #WARM_KEYS} requests cached last by the running one, so the
     * customers asking most right now do not all miss the cache at once when a new model comes in (a service that
     * reloads every few minutes would otherwise answer every hot request anew, on the cores the reload just used). A
     * customer who recorded an event meanwhile is left out: the key would not match.
     */
    private List<Warm> warmAnswers(Generation running, Generation next) {
        List<Warm> warm = new ArrayList<>();
        Map<Key, List<Offer>> youngest = cache.policy().expireAfterWrite().map(e -> e.youngest(WARM_KEYS))
                .orElse(Map.of());
        for (Key key : youngest.keySet()) {
            long bucket = key.request().asOf().getEpochSecond();
            Recorded recorded = recordedByCustomer.getOrDefault(key.customer(), NONE);
            if (key.generation() != running.number() || recorded.total() != key.recorded()
                    || next.model() && bucket < next.cutSecond()) {
                continue;
            }
            warm.add(new Warm(key, answer(next, recorded, key.customer(), key.request(), bucket)));
            Pacing.pace(); // inside a paced reload, at its share of a core
        }
        return warm;
    }

    /** How many of the latest cached requests a swap answers on the new model before it runs. */
    static final int WARM_KEYS = 256;

    private static OfferRequest rounded(OfferRequest request, long second) {
        if (request.asOf().getEpochSecond() == second && request.asOf().getNano() == 0) {
            return request;
        }
        return new OfferRequest(request.n(), Instant.ofEpochSecond(second), request.channel(), request.basket(),
                request.category(), request.occasion(), request.minPrice(), request.maxPrice());
    }

    /**
     * Records an event: the customer's next answer takes it into account.
     *
     * @throws NullPointerException if the event is null
     * @throws IllegalArgumentException if its customer or item id is not a valid id ({@link IdIndex#problemWith})
     * @throws IllegalStateException if {@link Builder#maxRecorded} events are held already (a swap to a newer model
     *     makes room); the event is not recorded
     */
    public void record(Event event) {
        Objects.requireNonNull(event, "event");
        requireValidId("customer", event.customer());
        requireValidId("item", event.item());
        if (held.incrementAndGet() > maxRecorded) {
            held.decrementAndGet();
            refused.incrementAndGet();
            throw new IllegalStateException("live offers hold " + maxRecorded + " recorded events already (the limit); "
                    + "swap in a newer model to make room");
        }
        Arrived arrived = new Arrived(event, clock.instant().getEpochSecond());
        long number = sequence.incrementAndGet();
        recordedByCustomer.compute(event.customer(), (customer, before) -> {
            Recorded was = before == null ? NONE : before;
            Arrived[] after = Arrays.copyOf(was.events(), was.events().length + 1);
            after[after.length - 1] = arrived;
            if (after.length > maxRecordedPerCustomer) {
                // The oldest go: a customer this busy between two trainings is a robot or a test.
                int excess = after.length - maxRecordedPerCustomer;
                after = Arrays.copyOfRange(after, excess, after.length);
                held.addAndGet(-excess);
                dropped.addAndGet(excess);
            }
            return new Recorded(after, Math.max(number, was.total()));
        });
    }

    /** The events recorded for a customer that the running model does not hold, in order of arrival. */
    public List<Event> recorded(String customer) {
        Objects.requireNonNull(customer, "customer");
        long cut = running.get().cutSecond();
        List<Event> since = new ArrayList<>();
        for (Arrived arrived : recordedByCustomer.getOrDefault(customer, NONE).events()) {
            if (arrived.newTo(cut)) {
                since.add(arrived.event());
            }
        }
        return since;
    }

    /**
     * Replaces the running model: requests that started before go on with the old one (and its events), every later
     * one uses the new. Recorded events the new model holds (they happened and arrived by its cut-off) are forgotten;
     * customers left without events leave the map. Before the new model answers anyone, the {@value #WARM_KEYS} most recently cached
     * requests are answered by it and cached (a warm swap), so hot customers do not all miss the cache at once; that
     * work runs on the calling thread, which returns once it is done ({@link #reload} does it at the reload's share
     * of a core).
     *
     * @throws IllegalArgumentException if the new model's cut-off is before the running one's (the events in between
     *     are forgotten already); the running model stays
     */
    public void swap(OffersModel next) {
        Objects.requireNonNull(next, "next");
        swap(next.offers(), next.trainedUntil(), true);
    }

    /**
     * Replaces the running offers with offers assembled in this process (see {@link #swap(OffersModel)}).
     *
     * @throws IllegalArgumentException if the cut-off is before the running one's
     * @param trainedUntil the time of the last event the new offers' models were trained on
     */
    public void swap(Offers next, Instant trainedUntil) {
        swap(Objects.requireNonNull(next, "next"), Objects.requireNonNull(trainedUntil, "trainedUntil"), false);
    }

    private void swap(Offers next, Instant trainedUntil, boolean model) {
        long cut = trainedUntil.getEpochSecond();
        Generation prepared = generation(next, trainedUntil, -1, model);
        Generation current = running.get();
        List<Warm> warm = cut < current.cutSecond() ? List.of() : warmAnswers(current, prepared);
        Generation before;
        synchronized (swapLock) {
            before = running.get();
            if (cut < before.cutSecond()) {
                // The events between the two cut-offs were forgotten when the newer model came in: the older one would
                // answer without them. Two swaps racing end with the newer model, whichever came first.
                throw new IllegalArgumentException("the new model's cut-off " + trainedUntil + " is before the running one's "
                        + Instant.ofEpochSecond(before.cutSecond()) + "; events recorded in between are no longer held, so "
                        + "an older model is refused");
            }
            Generation started = new Generation(prepared.offers(), prepared.cutSecond(), before.number() + 1, model);
            running.set(started);
            // After the new generation is running: a request that read the old one re-reads the pair and sees the new.
            for (String customer : recordedByCustomer.keySet()) {
                recordedByCustomer.computeIfPresent(customer, (id, recorded) -> {
                    Arrived[] kept = Arrays.stream(recorded.events()).filter(a -> a.newTo(cut)).toArray(Arrived[]::new);
                    held.addAndGet(kept.length - recorded.events().length);
                    return kept.length == 0 ? null : new Recorded(kept, recorded.total());
                });
            }
            // Answered by this very generation; warmed against the one running then (another swap in between: no use).
            if (before == current) {
                for (Warm answer : warm) {
                    Key key = answer.key();
                    cache.put(new Key(key.customer(), key.request(), started.number(), key.recorded()), answer.answer());
                }
            }
        }
        LOG.info("offers: generation {} replaced by {} (trained until {}); {} recorded events held", before.number(),
                before.number() + 1, trainedUntil, held.get());
    }

    /**
     * Loads a newer model from its file and swaps it in; if loading fails, the running model stays and the exception
     * says why.
     *
     * @throws IOException naming the file, with the running model untouched
     */
    public void reload(Path file) throws IOException {
        // Loading and the swap's warm answers, at the reload's share of a core.
        Pacing.paced(reloadShare, () -> {
            OffersModel next;
            try {
                next = OffersModel.load(file);
            } catch (IOException | RuntimeException e) {
                LOG.warn("offers: the model file failed to load, generation {} stays ({})", running.get().number(),
                        e.getClass().getSimpleName());
                LOG.debug("offers: the load failure", e);
                throw e;
            }
            swap(next);
            return null;
        });
    }

    /**
     * Builds new offers (assembled in this process) and swaps them in; if building fails, the running offers stay.
     *
     * @throws IllegalStateException wrapping the failure, with the running offers untouched
     */
    public void reload(Callable<Offers> build, Instant trainedUntil) {
        Offers next;
        try {
            next = Objects.requireNonNull(build.call(), "the new offers");
        } catch (Exception e) {
            LOG.warn("offers: the new models failed to load, generation {} stays ({})", running.get().number(),
                    e.getClass().getSimpleName());
            LOG.debug("offers: the load failure", e);
            throw new IllegalStateException("the new models failed to load; the running ones stay: " + e.getMessage(), e);
        }
        swap(next, trainedUntil);
    }

    /**
     * The size to send of an item to a customer as of a moment: what an offer of the item would carry, with the fit
     * feedback recorded since the running model's cut-off; empty when the model has no fit model or the item no sizes
     * in stock.
     *
     * @throws IllegalArgumentException if an id is not a valid id
     */
    public Optional<SizeAdvice> size(String customer, String item, Optional<String> occasion, Instant asOf) {
        requireValidId("customer", customer);
        requireValidId("item", item);
        Pair pair = read(customer);
        List<Event> events = new ArrayList<>();
        for (Arrived arrived : pair.recorded().events()) {
            if (arrived.newTo(pair.generation().cutSecond()) && !arrived.event().time().isAfter(asOf)) {
                events.add(arrived.event());
            }
        }
        return pair.generation().offers().sizeAdvice(customer, item, occasion, asOf, events);
    }

    /**
     * The customer's due reminders from the running model's replenishment cycles (as of its cut-off): what to remind of
     * within the horizon, with the lead time before the due date. Empty when the model has no replenishment source or
     * does not know the customer.
     *
     * @throws IllegalArgumentException if the id is not a valid id or a setting is out of range
     */
    public List<Reminder> reminders(String customer, Duration horizon, Duration leadTime,
            double minProbability) {
        requireValidId("customer", customer);
        Optional<ReplenishmentModel> cycles = running.get().offers().replenishment();
        if (cycles.isEmpty()) {
            return List.of();
        }
        int c = cycles.get().customers().find(customer);
        return c < 0 ? List.of() : cycles.get().remindersOf(c, c + 1, horizon, leadTime, minProbability);
    }

    /** How many times the models were swapped since the start. */
    public long generation() {
        return running.get().number();
    }

    /** The running model's cut-off. */
    public Instant trainedUntil() {
        return Instant.ofEpochSecond(running.get().cutSecond());
    }

    /** The cache's counts since the start. */
    public CacheStatistics cacheStatistics() {
        var stats = cache.stats();
        return new CacheStatistics(stats.hitCount(), stats.missCount(), stats.evictionCount(), cache.estimatedSize());
    }

    /** What was recorded since the start. */
    public Statistics statistics() {
        return new Statistics(held.get(), recordedByCustomer.size(), dropped.get(), refused.get());
    }

    /**
     * What the recorded events take.
     *
     * @param heldEvents events held now (not yet in the running model, or not yet forgotten)
     * @param customers customers with events held
     * @param droppedEvents events dropped since the start because a customer had more than the limit
     * @param refusedEvents events refused since the start because the total limit was reached
     */
    public record Statistics(long heldEvents, long customers, long droppedEvents, long refusedEvents) {
    }

    /**
     * What the cache did.
     *
     * @param hits answers served from the cache
     * @param misses answers computed
     * @param evictions entries dropped for size or age
     * @param size entries held now (estimated)
     */
    public record CacheStatistics(long hits, long misses, long evictions, long size) {
        /** Hits over all requests (0 before the first). */
        public double hitRate() {
            long requests = hits + misses;
            return requests == 0 ? 0 : hits / (double) requests;
        }
    }

    /** An estimate of the bytes a cache entry holds: the id, the request's basket, and each offer with its reasons. */
    private static int weight(Key key, List<Offer> answer) {
        long bytes = 96 + 2L * key.customer().length();
        for (String item : key.request().basket()) {
            bytes += 48 + 2L * item.length();
        }
        for (Offer offer : answer) {
            bytes += 160 + 2L * offer.item().length();
            for (Reason reason : offer.reasons()) {
                bytes += 64 + 2L * reason.text().length() + 48L * reason.evidence().size() + 48L * reason.figures().size();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static void requireValidId(String what, String id) {
        String problem = IdIndex.problemWith(id);
        if (problem != null) {
            throw new IllegalArgumentException(what + " id: " + problem);
        }
    }

    /** Settings of live offers; each is checked when set. */
    public static final class Builder {
        private final Offers offers;
        private final Instant trainedUntil;
        private final boolean model;
        private final List<OfferRule> rules = new ArrayList<>();
        private CustomerValueEstimate value;
        private double incentiveThreshold;
        private long cacheBytes = 64L << 20;
        private Duration expireAfter = Duration.ofMinutes(10);
        private Duration granularity = Duration.ofMinutes(1);
        private int maxRecordedPerCustomer = 1_000;
        private long maxRecorded = 1_000_000;
        private Clock clock = Clock.systemUTC();
        private double reloadShare = 1;

        private Builder(Offers offers, Instant trainedUntil, boolean model) {
            this.offers = offers;
            this.trainedUntil = trainedUntil;
            this.model = model;
        }

        /** A business rule of the service's, applied to every model swapped in (rules are code, not model data). */
        public Builder rule(OfferRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
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

        /**
         * Most estimated bytes of cached answers (default 64 MiB; 0 caches nothing).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("cacheBytes must be >= 0, was " + bytes);
            }
            this.cacheBytes = bytes;
            return this;
        }

        /** How long a cached answer lives (default 10 minutes). @throws IllegalArgumentException if not positive */
        public Builder expireAfter(Duration age) {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("expireAfter must be positive, was " + age);
            }
            this.expireAfter = age;
            return this;
        }

        /**
         * How finely request times are told apart in the cache (default one minute): requests within the same step
         * share an answer.
         *
         * @throws IllegalArgumentException if shorter than a second or longer than a day
         */
        public Builder requestGranularity(Duration step) {
            if (step.getSeconds() < 1 || step.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("requestGranularity must be 1 second to 1 day, was " + step);
            }
            this.granularity = Duration.ofSeconds(step.getSeconds());
            return this;
        }

        /** Most events kept per customer between trainings (default 1,000). @throws IllegalArgumentException if below 1 */
        public Builder maxRecordedPerCustomer(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("maxRecordedPerCustomer must be >= 1, was " + events);
            }
            this.maxRecordedPerCustomer = events;
            return this;
        }

        /** Most events held in all (default 1,000,000). @throws IllegalArgumentException if below 1 */
        public Builder maxRecorded(long events) {
            if (events < 1) {
                throw new IllegalArgumentException("maxRecorded must be >= 1, was " + events);
            }
            this.maxRecorded = events;
            return this;
        }

        /** The clock that stamps each recorded event's arrival (default: the system's, UTC). */
        public Builder clock(Clock arrivals) {
            this.clock = Objects.requireNonNull(arrivals, "clock");
            return this;
        }

        /**
         * The share of one core a {@link LiveOffers#reload(Path)} may use (default 1: as fast as it can). Below 1 the
         * load pauses in proportion to its work, so the requests answered beside it keep their latency on a machine
         * with few cores, and the reload takes longer (about 1 / share times as long).
         *
         * @throws IllegalArgumentException if the share is not in (0, 1]
         */
        public Builder reloadShare(double share) {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("reloadShare must be in (0, 1], was " + share);
            }
            this.reloadShare = share;
            return this;
        }

        /** The live offers. */
        public LiveOffers build() {
            return new LiveOffers(this);
        }
    }
}
