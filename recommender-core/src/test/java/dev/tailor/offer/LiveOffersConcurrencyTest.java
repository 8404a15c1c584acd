package dev.tailor.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live offers under a real nightly cycle, compressed: threads record rentals (some of them late: they happened before
 * the running model's cut-off but arrive after it) and ask for offers, while two threads retrain on everything that
 * arrived by a cut-off and swap the new model in, cut-offs increasing, so recorded events really are pruned.
 */
class LiveOffersConcurrencyTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final int CUSTOMERS = 120;
    private static final int ITEMS = 60;

    /** A clock the test moves: arrivals are stamped with it. */
    private static final class TestClock extends Clock {
        final AtomicLong second;

        TestClock(Instant start) {
            second = new AtomicLong(start.getEpochSecond());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(second.get());
        }
    }

    private static List<Event> baseEvents() {
        SplittableRandom random = new SplittableRandom(5);
        List<Event> events = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            for (int e = 0; e < 6; e++) {
                int item = random.nextInt(10) < 8 ? (c % 3) * 20 + random.nextInt(20) : random.nextInt(ITEMS);
                events.add(Event.of("c" + c, "i" + item, T0.plus(Duration.ofHours(random.nextInt(50 * 24))), EventKind.RENT));
            }
        }
        return events;
    }

    /** Offers trained on the base events plus the recorded ones a training at this cut-off reads. */
    private static Offers train(List<Event> base, List<Arrival> arrived, long cut, int generation) {
        EventLog.Builder b = EventLog.builder();
        base.forEach(b::add);
        for (Arrival a : arrived) {
            if (a.event.time().getEpochSecond() <= cut && a.second <= cut) {
                b.add(a.event);
            }
        }
        EventLog log = b.build();
        Catalog.Builder catalog = Catalog.builder(log.items());
        for (int i = 0; i < log.items().size(); i++) {
            catalog.add(new CatalogItem(log.items().externalId(i), "dresses", 50, Map.of(), Set.of()));
        }
        // Every other generation names its source differently: an answer shows which model made it.
        String name = generation % 2 == 0 ? "cf-even" : "cf-odd";
        return Offers.builder(log, catalog.build()).source(CollaborativeSource.named(name, ItemKnn.builder().neighbours(20).build()
                .train(TrainingData.of(log, WeightingPolicy.defaults()))), 1).build();
    }

    private record Arrival(Event event, long second) {
    }

    @Test
    @Timeout(300)
    void recordsAndAnswersStayConsistentWhileRacingSwapsPruneWithIncreasingCutOffs() throws Exception {
        List<Event> base = baseEvents();
        Instant firstCut = T0.plus(Duration.ofDays(50));
        TestClock clock = new TestClock(firstCut.plusSeconds(60));
        List<Arrival> arrived = java.util.Collections.synchronizedList(new ArrayList<>());
        LiveOffers live = LiveOffers.builder(train(base, List.of(), firstCut.getEpochSecond(), 0), firstCut).clock(clock)
                .cacheBytes(1 << 20).build();
        // Recorders hold the read side while they stamp and record an event; a trainer takes the write side to read a
        // complete export: every event that arrived by its cut-off.
        ReentrantReadWriteLock export = new ReentrantReadWriteLock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean stopSwaps = new AtomicBoolean();
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger lateEvents = new AtomicInteger();
        AtomicInteger swaps = new AtomicInteger();
        AtomicInteger refusedSwaps = new AtomicInteger();
        AtomicInteger generationNumber = new AtomicInteger();
        Map<String, Set<String>> rentedBy = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(thread);
                try {
                    while (!stop.get() && failure.get() == null) {
                        String customer = "c" + (thread + 4 * random.nextInt(CUSTOMERS / 4));
                        Set<String> mine = rentedBy.computeIfAbsent(customer, k -> ConcurrentHashMap.newKeySet());
                        List<Offer> offered = live.offers(customer, OfferRequest.builder(clock.instant()).n(5).build());
                        answers.incrementAndGet();
                        check(customer, offered, mine);
                        // A customer who rented everything there is rents something again.
                        String item = offered.isEmpty() ? "i" + random.nextInt(ITEMS) : offered.get(0).item();
                        export.readLock().lock();
                        try {
                            long now = clock.second.get();
                            boolean late = random.nextInt(4) == 0;
                            long time = late ? live.trainedUntil().getEpochSecond() - 1 - random.nextInt(3600) : now;
                            Event rental = Event.of(customer, item, Instant.ofEpochSecond(time), EventKind.RENT);
                            live.record(rental);
                            arrived.add(new Arrival(rental, now));
                            if (late) {
                                lateEvents.incrementAndGet();
                            }
                        } finally {
                            export.readLock().unlock();
                        }
                        mine.add(item);
                        check(customer, live.offers(customer, OfferRequest.builder(clock.instant()).n(5).build()), mine);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (int s = 0; s < 2; s++) {
            threads.add(new Thread(() -> {
                try {
                    while (!stopSwaps.get() && failure.get() == null) {
                        long cut;
                        List<Arrival> snapshot;
                        export.writeLock().lock();
                        try {
                            cut = clock.second.get();
                            clock.second.addAndGet(60); // later arrivals are after this cut-off
                            synchronized (arrived) {
                                snapshot = new ArrayList<>(arrived);
                            }
                        } finally {
                            export.writeLock().unlock();
                        }
                        Offers next = train(base, snapshot, cut, generationNumber.incrementAndGet());
                        try {
                            live.swap(next, Instant.ofEpochSecond(cut));
                            swaps.incrementAndGet();
                        } catch (IllegalArgumentException older) {
                            refusedSwaps.incrementAndGet(); // the other trainer swapped a newer model in first
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        threads.forEach(Thread::start);
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < end && failure.get() == null && swaps.get() < 400) {
            Thread.sleep(50);
        }
        // The trainers stop first: the events recorded after the last swap must still be held at the end.
        stopSwaps.set(true);
        for (Thread thread : threads.subList(4, 6)) {
            thread.join();
        }
        int arrivedBeforeLastSwaps = arrived.size();
        long wait = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (arrived.size() < arrivedBeforeLastSwaps + 50 && failure.get() == null && System.nanoTime() < wait) {
            Thread.sleep(10);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a thread failed", failure.get());
        }
        assertTrue(swaps.get() >= 10, swaps + " swaps");
        assertTrue(lateEvents.get() > 10, lateEvents + " late events");
        assertTrue(answers.get() > 1000, answers + " answers");
        // Zero lost events: what the running model does not hold is still recorded, in order of arrival.
        long cut = live.trainedUntil().getEpochSecond();
        Map<String, List<Event>> expected = new HashMap<>();
        for (Arrival a : arrived) {
            if (a.event.time().getEpochSecond() > cut || a.second > cut) {
                expected.computeIfAbsent(a.event.customer(), k -> new ArrayList<>()).add(a.event);
            }
        }
        for (String customer : rentedBy.keySet()) {
            assertEquals(expected.getOrDefault(customer, List.of()), live.recorded(customer), customer);
        }
        long held = expected.values().stream().mapToLong(List::size).sum();
        assertEquals(held, live.statistics().heldEvents(), "held events are counted exactly");
        assertTrue(held >= 50 && held < arrived.size(), "swaps pruned: " + held + " of " + arrived.size() + " held");
        System.out.printf("concurrency: %d answers, %d events (%d late), %d swaps, %d older swaps refused, %d held%n",
                answers.get(), arrived.size(), lateEvents.get(), swaps.get(), refusedSwaps.get(), held);
    }

    /**
     * Every answer comes from one model, and no item the customer rented (recorded, in any model or not yet) is
     * offered again: an answer from the old model with an already-pruned delta, or from the new model without the
     * delta it lacks, would offer one.
     */
    private static void check(String customer, List<Offer> offered, Set<String> rented) {
        Set<String> sources = new HashSet<>();
        for (Offer offer : offered) {
            sources.addAll(offer.sources());
            if (rented.contains(offer.item())) {
                throw new AssertionError(customer + " was offered " + offer.item() + ", which they rented: " + offered);
            }
        }
        if (sources.size() > 1) {
            throw new AssertionError("an answer mixing two models: " + offered);
        }
    }

    /**
     * A million distinct visitors ask (one in ten records an event) while a thousand swaps come in with increasing
     * cut-offs: the recorded events and the cache stay within their limits and the heap stays flat.
     */
    @Test
    @Timeout(600)
    void aMillionVisitorsAndAThousandSwapsLeaveTheHeapFlat() {
        int visitors = 1_000_000 * Math.max(1, Integer.getInteger("tailor.fuzz.scale", 1));
        List<Event> base = baseEvents();
        Instant cut = T0.plus(Duration.ofDays(50));
        EventLog.Builder b = EventLog.builder();
        base.forEach(b::add);
        EventLog log = b.build();
        Catalog.Builder catalog = Catalog.builder(log.items());
        for (int i = 0; i < log.items().size(); i++) {
            catalog.add(new CatalogItem(log.items().externalId(i), "dresses", 50, Map.of(), Set.of()));
        }
        Offers offers = Offers.builder(log, catalog.build()).source(TrendingSource.of(log, Duration.ofDays(30)), 1).build();
        TestClock clock = new TestClock(cut.plusSeconds(60));
        LiveOffers live = LiveOffers.builder(offers, cut).clock(clock).cacheBytes(4 << 20).build();
        long early = 0;
        int swapEvery = visitors / 1000;
        for (int v = 0; v < visitors; v++) {
            String visitor = "visitor-" + v;
            Instant now = clock.instant();
            live.offers(visitor, OfferRequest.builder(now).n(5).build());
            if (v % 10 == 0) {
                live.record(Event.of(visitor, "i" + (v % ITEMS), now, EventKind.VIEW));
            }
            if ((v + 1) % swapEvery == 0) {
                long until = clock.second.get();
                clock.second.addAndGet(30);
                live.swap(offers, Instant.ofEpochSecond(until));
            }
            if (v == visitors / 10) {
                early = usedHeap();
            }
        }
        long late = usedHeap();
        assertEquals(1000, live.generation());
        assertTrue(live.statistics().heldEvents() <= swapEvery / 10 + 1, live.statistics().toString());
        assertTrue(live.statistics().customers() <= swapEvery / 10 + 1, live.statistics().toString());
        System.out.printf("heap after %,d visitors: %.1f MB; after %,d: %.1f MB%n", visitors / 10, early / 1e6, visitors, late / 1e6);
        assertTrue(late - early < 16L << 20, "the heap grew by " + (late - early) / 1e6 + " MB");
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
