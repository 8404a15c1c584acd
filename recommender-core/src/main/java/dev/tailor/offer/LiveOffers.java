package dev.tailor.offer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tailor.data.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers for a service that runs for days: events recorded a moment ago change the next answer, answers are
 * cached per customer, and a nightly job replaces every model at once while requests go on.
 *
 * <ul>
 *   <li>{@link #record(Event)} keeps the customer's events since the running models were trained; the next
 *       {@link #offers} passes them to {@link Offers#offers(String, OfferRequest, List)} — a rented item is no
 *       longer offered, the engines score the history with it, a replenishment clock restarts, a return marked too
 *       small moves the size advice. No retraining.</li>
 *   <li>A cache of answers (Caffeine; bounded by size, expiring after a while) keyed by the customer, the request,
 *       the running models' generation and the customer's count of recorded events: a recorded event or a swap
 *       makes the old entries unreachable at once (they age out), so a cached answer is never stale.</li>
 *   <li>{@link #swap(Offers, java.time.Instant)} replaces the whole set (every source and model lives in one
 *       {@link Offers}) atomically: a request reads the set once, so it sees the old set or the new one, never a
 *       mix. {@link #reload(Callable, java.time.Instant)} builds the new set first; if that fails, the running set stays and the
 *       caller gets the reason.</li>
 * </ul>
 *
 * <p>The request is part of the cache key, its as-of time included: a service that wants hits asks with the
 * time rounded (to the minute, say).
 *
 * <p>Thread-safety: every method may be called from any number of threads at once.
 */
public final class LiveOffers {
    private static final Logger LOG = LoggerFactory.getLogger(LiveOffers.class);

    /** The running set: the offers and the time up to which their log holds events. */
    private record Generation(Offers offers, long trainedUntilSecond, long number) {
    }

    private record Key(String customer, OfferRequest request, long generation, long recorded) {
    }

    /** A customer's recorded events (the latest at most), and how many were ever recorded: the cache key's part. */
    private record Recorded(List<Event> events, long total) {
    }

    private static final Recorded NONE = new Recorded(List.of(), 0);

    private final AtomicReference<Generation> running;
    private final Map<String, Recorded> recordedByCustomer = new ConcurrentHashMap<>();
    private final Cache<Key, List<Offer>> cache;
    private final int maxRecordedPerCustomer;

    private LiveOffers(Builder b) {
        this.running = new AtomicReference<>(new Generation(b.offers, b.trainedUntil.getEpochSecond(), 0));
        this.cache = Caffeine.newBuilder().maximumSize(b.cacheSize).expireAfterWrite(b.expireAfter).recordStats().build();
        this.maxRecordedPerCustomer = b.maxRecordedPerCustomer;
    }

    /**
     * Starts live offers around a running set.
     *
     * @param trainedUntil the time of the last event the set's models were trained on: recorded events after it
     *     are the live delta
     */
    public static Builder builder(Offers offers, java.time.Instant trainedUntil) {
        return new Builder(offers, trainedUntil);
    }

    /** The customer's offers, from the cache when the same request was answered for the same state. */
    public List<Offer> offers(String customer, OfferRequest request) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(request, "request");
        Generation generation = running.get();
        Recorded all = recordedByCustomer.getOrDefault(customer, NONE);
        List<Event> recorded = since(all.events(), generation);
        Key key = new Key(customer, request, generation.number(), all.total());
        return cache.get(key, k -> List.copyOf(generation.offers().offers(customer, request, recorded)));
    }

    /**
     * Records an event: the customer's next answer takes it into account.
     *
     * @throws NullPointerException if the event is null
     */
    public void record(Event event) {
        Objects.requireNonNull(event, "event");
        recordedByCustomer.compute(event.customer(), (customer, before) -> {
            Recorded was = before == null ? NONE : before;
            List<Event> after = new ArrayList<>(was.events());
            after.add(event);
            if (after.size() > maxRecordedPerCustomer) {
                // The oldest go: a customer this busy between two trainings is a robot or a test.
                after.subList(0, after.size() - maxRecordedPerCustomer).clear();
            }
            return new Recorded(List.copyOf(after), was.total() + 1);
        });
    }

    /** The events recorded for a customer after the running models' training, oldest recorded first. */
    public List<Event> recorded(String customer) {
        return since(recordedByCustomer.getOrDefault(customer, NONE).events(), running.get());
    }

    private static List<Event> since(List<Event> all, Generation generation) {
        if (all.isEmpty()) {
            return all;
        }
        List<Event> since = new ArrayList<>(all.size());
        for (Event event : all) {
            if (event.time().getEpochSecond() > generation.trainedUntilSecond()) {
                since.add(event);
            }
        }
        return since;
    }

    /**
     * Replaces every model at once: requests that started before go on with the old set, every later one uses
     * the new. Recorded events up to {@code trainedUntil} are in the new models and are forgotten.
     */
    public void swap(Offers next, java.time.Instant trainedUntil) {
        Objects.requireNonNull(next, "next");
        long until = trainedUntil.getEpochSecond();
        Generation before = running.getAndUpdate(g -> new Generation(next, until, g.number() + 1));
        // The total stays: it only ever grows, so a cache key of before the swap never comes back.
        recordedByCustomer.replaceAll((customer, recorded) -> new Recorded(recorded.events().stream()
                .filter(e -> e.time().getEpochSecond() > until).toList(), recorded.total()));
        LOG.info("offers: generation {} replaced by {} (trained until {})", before.number(), before.number() + 1, trainedUntil);
    }

    /**
     * Builds a new set (for example from model files) and swaps it in; if building fails, the running set
     * stays and the exception says why.
     *
     * @throws IllegalStateException wrapping the failure, with the running set untouched
     */
    public void reload(Callable<Offers> build, java.time.Instant trainedUntil) {
        Offers next;
        try {
            next = Objects.requireNonNull(build.call(), "the new offers");
        } catch (Exception e) {
            LOG.warn("offers: the new models failed to load, generation {} stays: {}", running.get().number(), e.toString());
            throw new IllegalStateException("the new models failed to load; the running ones stay: " + e.getMessage(), e);
        }
        swap(next, trainedUntil);
    }

    /** How many times the models were swapped since the start. */
    public long generation() {
        return running.get().number();
    }

    /** The cache's counts since the start. */
    public CacheStatistics cacheStatistics() {
        var stats = cache.stats();
        return new CacheStatistics(stats.hitCount(), stats.missCount(), stats.evictionCount(), cache.estimatedSize());
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

    /** Settings of live offers; each is checked when set. */
    public static final class Builder {
        private final Offers offers;
        private final java.time.Instant trainedUntil;
        private long cacheSize = 100_000;
        private Duration expireAfter = Duration.ofMinutes(10);
        private int maxRecordedPerCustomer = 1_000;

        private Builder(Offers offers, java.time.Instant trainedUntil) {
            this.offers = Objects.requireNonNull(offers, "offers");
            this.trainedUntil = Objects.requireNonNull(trainedUntil, "trainedUntil");
        }

        /** Most cached answers (default 100,000; 0 caches nothing). @throws IllegalArgumentException if negative */
        public Builder cacheSize(long entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cacheSize must be >= 0, was " + entries);
            }
            this.cacheSize = entries;
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

        /** Most events kept per customer between trainings (default 1,000). @throws IllegalArgumentException if below 1 */
        public Builder maxRecordedPerCustomer(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("maxRecordedPerCustomer must be >= 1, was " + events);
            }
            this.maxRecordedPerCustomer = events;
            return this;
        }

        /** The live offers. */
        public LiveOffers build() {
            return new LiveOffers(this);
        }
    }
}
