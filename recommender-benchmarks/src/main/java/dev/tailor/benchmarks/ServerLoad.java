package dev.tailor.benchmarks;

import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.offer.LiveOffers;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.OffersModel;
import dev.tailor.engines.Trainers;
import dev.tailor.server.OffersServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A bounded loopback load test of {@code tailor serve}: the generated shop with 100,000 items (20,000 customers,
 * implicit ALS with 64 factors), its offers model served by {@link OffersServer} on this machine, and a client of
 * several threads (four by default) sending requests over HTTP — uncached (every request as of another minute, so the cache never
 * answers) and cached (16 customers, one minute) — while the model file is reloaded every 5 seconds. Beside it the
 * same requests asked of the same model in this process, one thread. Errors are counted, not hidden.
 *
 * <p>Run: {@code java -Xmx12g --add-modules jdk.incubator.vector -cp recommender-benchmarks/target/benchmarks.jar
 * dev.tailor.benchmarks.ServerLoad [requests per phase, default 50000] [client threads, default 4] [seconds between reloads,
 * default 5; 0: none] [share of a core a reload may take, default the server's 0.25]}
 */
public final class ServerLoad {
    private static int clients = 4;

    private ServerLoad() {
    }

    public static void main(String[] args) throws Exception {
        int perPhase = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int reloadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double reloadShare = args.length > 3 ? Double.parseDouble(args[3]) : OffersServer.DEFAULT_RELOAD_SHARE;
        GeneratedShop shop = ShopGenerator.builder().seed(7).customers(20_000).items(100_000).build().generate();
        Instant cut = Instant.ofEpochSecond(shop.events().maxEpochSecond());
        long start = System.nanoTime();
        OffersModel model = OfferTraining.builder(shop.events(), shop.catalog())
                .engine(Trainers.parse("als(factors=64,iterations=8)", 7)).train().buildModel();
        System.out.printf(Locale.ROOT, "generated shop: %,d customers, %,d items, %,d events; model trained in %.1f s%n",
                model.customers().size(), model.items().size(), shop.events().size(), (System.nanoTime() - start) / 1e9);
        Path file = Files.createTempFile("server-load", ".tailor");
        model.save(file);
        String[] customers = new String[model.customers().size()];
        for (int c = 0; c < customers.length; c++) {
            customers[c] = model.customers().externalId(c);
        }
        IntFunction<String> uncached = i -> "/v1/offers?customer=" + customers[(i * 7919) % customers.length] + "&n=10&asOf="
                + cut.plus(Duration.ofMinutes(1 + i));
        IntFunction<String> cached = i -> "/v1/offers?customer=" + customers[i % 16] + "&n=10&asOf=" + cut.plusSeconds(30);

        // In this process, one thread: the same model and requests, through LiveOffers.
        LiveOffers inProcess = LiveOffers.builder(OffersModel.load(file)).build();
        long[] local = new long[Math.min(perPhase, 5_000)];
        long[] localCached = new long[local.length];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < local.length; i++) {
                long t = System.nanoTime();
                inProcess.offers(customers[(i * 7919) % customers.length],
                        OfferRequest.builder(cut.plus(Duration.ofMinutes(1 + i + round * local.length))).n(10).build());
                local[i] = System.nanoTime() - t;
                t = System.nanoTime();
                inProcess.offers(customers[i % 16], OfferRequest.builder(cut.plusSeconds(30)).n(10).build());
                localCached[i] = System.nanoTime() - t;
            }
        }

        System.out.printf(Locale.ROOT, "in process: uncached p50 %.2f ms, cached p50 %.3f ms; model file %,d bytes%n",
                percentile(local, 0.5) / 1e6, percentile(localCached, 0.5) / 1e6, Files.size(file));
        try (OffersServer server = OffersServer.builder(file).port(0).threads(8)
                .live(live -> live.reloadShare(reloadShare)).start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.port();
            ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger reloads = new AtomicInteger();
            AtomicLong reloadErrors = new AtomicLong();
            reloader.scheduleAtFixedRate(() -> {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/reload"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        reloads.incrementAndGet();
                    } else {
                        reloadErrors.incrementAndGet();
                        System.out.println("reload failed: " + r.statusCode() + " " + r.body());
                    }
                } catch (Exception e) {
                    reloadErrors.incrementAndGet();
                    System.out.println("reload failed: " + e);
                }
            }, reloadSeconds > 0 ? reloadSeconds : Integer.MAX_VALUE, reloadSeconds > 0 ? reloadSeconds : Integer.MAX_VALUE,
                    TimeUnit.SECONDS);
            phase(client, base, uncached, Math.min(perPhase, 2_000), "warm-up");
            Result cold = phase(client, base, uncached, perPhase, "uncached");
            Result warm = phase(client, base, cached, perPhase, "cached");
            // A reload in flight finishes (interrupting it would count a failure the server never had).
            reloader.shutdown();
            reloader.awaitTermination(1, TimeUnit.MINUTES);
            System.out.println();
            System.out.println("| requests | over | throughput req/s | p50 ms | p99 ms | errors |");
            System.out.println("|---|---|---|---|---|---|");
            row("uncached", "HTTP, " + clients + " clients", cold);
            row("uncached", "in process, 1 thread", new Result(local.length, 0, 0, local));
            row("cached", "HTTP, " + clients + " clients", warm);
            row("cached", "in process, 1 thread", new Result(localCached.length, 0, 0, localCached));
            System.out.printf(Locale.ROOT, "%nreloads during the run: %d (failed: %d); server generation at the end: %d%n",
                    reloads.get(), reloadErrors.get(), server.live().generation());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private record Result(int requests, double seconds, long errors, long[] nanos) {
    }

    private static Result phase(HttpClient client, String base, IntFunction<String> path, int requests, String name)
            throws InterruptedException {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + path.apply(i))).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d requests in %.1f s, %d errors%n", name, requests, seconds, errors.get());
        return new Result(requests, seconds, errors.get(), nanos);
    }

    private static double percentile(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(q * (sorted.length - 1))];
    }

    private static void row(String what, String over, Result r) {
        long[] sorted = r.nanos().clone();
        Arrays.sort(sorted);
        double p50 = sorted[(int) (0.50 * (sorted.length - 1))] / 1e6;
        double p99 = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))] / 1e6;
        String throughput = r.seconds() > 0 ? String.format(Locale.ROOT, "%,.0f", r.requests() / r.seconds()) : "-";
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %s |%n", what, over, throughput, p50, p99,
                r.seconds() > 0 ? Long.toString(r.errors()) : "-");
    }
}
