package dev.tailor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShirtOptions;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.fit.FitData;
import dev.tailor.fit.SizeFit;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.OffersModel;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, on a free loopback port: a small generated shop's model trained, saved and served; every endpoint
 * called with the JDK's HTTP client; a recorded event changes the next answer; a newer model is reloaded while
 * requests go on; bad input gets a 4xx with a JSON error naming the field, and the server stays up.
 */
class OffersServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static OffersModel train(GeneratedShop shop, Instant asOf) {
        EventLog log = shop.events();
        return OfferTraining.builder(log, shop.catalog()).asOf(asOf)
                .configurations(shop.configurations(), List.of(ConfigurableProduct.labelled(ShirtOptions.PRODUCT,
                        ShirtOptions.DOMAINS, ShirtOptions.FORBIDDEN)))
                .fitModel(SizeFit.builder().build().train(FitData.builder(log).catalog(shop.catalog()).keptMeansFits(true).build()))
                .train().buildModel();
    }

    private record Reply(int status, String body) {
    }

    private static Reply get(int port, String pathAndQuery) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static Reply post(int port, String path, String body) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The first offered item that only collaborative filtering proposes (so a rental of it rules it out). */
    private static String firstItem(String offersJson) {
        for (String offer : offersJson.split("\\{\"item\":\"")) {
            if (offer.contains("\"sources\":[\"cf\"]")) {
                return offer.substring(0, offer.indexOf('"'));
            }
        }
        throw new AssertionError("no collaborative offer in " + offersJson);
    }

    @Test
    @Timeout(180)
    void everyEndpointAnswersRecordedEventsCountAndReloadsKeepServing() throws Exception {
        GeneratedShop shop = ShopGenerator.builder().seed(9).customers(300).build().generate();
        Instant last = Instant.ofEpochSecond(shop.events().maxEpochSecond());
        Path file = dir.resolve("offers.tailor");
        train(shop, last.minus(Duration.ofDays(7))).save(file);
        Instant now = last.plusSeconds(3600);
        String at = "&asOf=" + now;
        try (OffersServer server = OffersServer.builder(file).port(0).threads(4)
                .clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)).start()) {
            int port = server.port();
            String customer = shop.events().customers().externalId(7);

            Reply offers = get(port, "/v1/offers?customer=" + customer + "&n=5" + at);
            assertEquals(200, offers.status(), offers.body());
            assertTrue(offers.body().startsWith("{\"customer\":\"" + customer + "\",\"offers\":[{\"item\":"), offers.body());
            assertTrue(offers.body().contains("\"figures\":{"), offers.body());
            String first = firstItem(offers.body());

            // A recorded rental of the first offer: the next answer leaves it out.
            Reply recorded = post(port, "/v1/events", "{\"customer\":\"" + customer + "\",\"item\":\"" + first
                    + "\",\"kind\":\"rent\",\"time\":\"" + now.minusSeconds(60) + "\"}");
            assertEquals(200, recorded.status(), recorded.body());
            assertEquals("{\"recorded\":1}", recorded.body());
            Reply after = get(port, "/v1/offers?customer=" + customer + "&n=5" + at);
            assertFalse(after.body().contains("\"item\":\"" + first + "\""), after.body());

            // A batch as JSON Lines.
            Reply batch = post(port, "/v1/events", "{\"customer\":\"a\",\"item\":\"b\",\"kind\":\"VIEW\"}\n"
                    + "{\"customer\":\"a\",\"item\":\"c\",\"kind\":\"CART\",\"quantity\":2}\n");
            assertEquals("{\"recorded\":2}", batch.body());

            Reply stranger = get(port, "/v1/offers?customer=" + encoded("someone new") + "&n=3" + at);
            assertEquals(200, stranger.status());
            assertTrue(stranger.body().contains("\"offers\":[{"), stranger.body());

            Reply reminders = get(port, "/v1/reminders?customer=" + customer + "&horizonDays=60");
            assertEquals(200, reminders.status(), reminders.body());
            assertTrue(reminders.body().startsWith("{\"customer\":\"" + customer + "\",\"reminders\":["), reminders.body());

            String sized = shop.catalog().get(shop.events().items().find(first)).sizesInStock().isEmpty() ? null : first;
            String item = sized != null ? sized : firstSizedItem(shop);
            Reply size = get(port, "/v1/size?customer=" + customer + "&item=" + encoded(item) + at);
            assertEquals(200, size.status(), size.body());
            assertTrue(size.body().contains("\"size\":") && size.body().contains("\"sizes\":[{"), size.body());

            Reply health = get(port, "/health");
            assertEquals(200, health.status());
            assertTrue(health.body().contains("\"status\":\"ok\"") && health.body().contains("\"generation\":0"), health.body());

            // Bad input: 4xx, a JSON error naming the field, and the server stays up.
            assertBad(get(port, "/v1/offers?n=5"), 400, "customer");
            assertBad(get(port, "/v1/offers?customer=x&n=0"), 400, "n");
            assertBad(get(port, "/v1/offers?customer=x&colour=red"), 400, "colour");
            assertBad(get(port, "/v1/offers?customer=" + "x".repeat(1001)), 400, "customer");
            assertBad(get(port, "/v1/offers?customer=a%1Bb"), 400, "customer");
            assertBad(get(port, "/v1/offers?customer=x&asOf=yesterday"), 400, "asOf");
            assertBad(get(port, "/v1/offers?customer=x&asOf=2000-01-01T00:00:00Z"), 400, "asOf");
            assertBad(post(port, "/v1/events", "{\"customer\":\"a\",\"item\":"), 400, null);
            assertBad(post(port, "/v1/events", "{\"customer\":\"a\",\"item\":\"b\",\"kind\":\"RENT\",\"colour\":\"red\"}"), 400,
                    "colour");
            assertBad(post(port, "/v1/events", "{\"customer\":\"a\",\"kind\":\"RENT\"}"), 400, "item");
            assertBad(post(port, "/v1/events", "{\"customer\":\"a\",\"item\":\"b\",\"kind\":\"STEAL\"}"), 400, "kind");
            assertBad(post(port, "/v1/events", "{\"customer\":\"a\\u0000\",\"item\":\"b\",\"kind\":\"RENT\"}"), 400, "customer");
            assertBad(post(port, "/v1/events", "{\"customer\":\"a\",\"item\":\"b\",\"kind\":\"RENT\",\"quantity\":-1}"), 400,
                    "quantity");
            assertBad(post(port, "/v1/events", "x".repeat((1 << 20) + 10)), 413, null);
            assertBad(get(port, "/v1/events"), 405, null);
            assertBad(get(port, "/nowhere"), 404, null);
            assertBad(get(port, "/v1/size?customer=x&item=no-such-item"), 404, "item");
            assertEquals(200, get(port, "/health").status(), "still up");

            // A newer model, reloaded while four clients keep asking: no error, no dropped request.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            AtomicReference<String> failure = new AtomicReference<>();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                clients.add(new Thread(() -> {
                    try {
                        for (int i = 0; !stop.get(); i++) {
                            String who = shop.events().customers().externalId((thread * 50 + i) % 300);
                            Reply reply = get(port, "/v1/offers?customer=" + who + "&n=5" + at);
                            if (reply.status() != 200) {
                                failure.compareAndSet(null, reply.status() + " " + reply.body());
                            }
                            answered.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e.toString());
                    }
                }));
            }
            clients.forEach(Thread::start);
            Thread.sleep(300);
            train(shop, last).save(file);
            Reply reload = post(port, "/v1/reload", "");
            assertEquals(200, reload.status(), reload.body());
            assertTrue(reload.body().contains("\"generation\":1"), reload.body());
            Thread.sleep(300);
            stop.set(true);
            for (Thread client : clients) {
                client.join();
            }
            assertEquals(null, failure.get());
            assertTrue(answered.get() > 20, answered + " answers");
            // The event recorded before the reload happened after the new model's cut-off? No: it is older, and
            // arrived (by the server's clock) after it, so the newer model does not hold it and it still counts.
            assertFalse(get(port, "/v1/offers?customer=" + customer + "&n=5" + at).body().contains("\"item\":\"" + first + "\""));

            // A damaged file: the reload fails with the reason, and the running model stays.
            Files.write(file, new byte[] {1, 2, 3});
            Reply broken = post(port, "/v1/reload", "");
            assertEquals(500, broken.status());
            assertTrue(broken.body().contains("not a Tailor file") && broken.body().contains("running model stays"), broken.body());
            assertEquals(200, get(port, "/v1/offers?customer=" + customer + at).status());

            String metrics = get(port, "/metrics").body();
            assertTrue(metrics.contains("tailor_requests_total{endpoint=\"/v1/offers\"}"), metrics);
            assertTrue(metrics.contains("tailor_latency_seconds{endpoint=\"/v1/offers\",quantile=\"0.99\"}"), metrics);
            assertTrue(metrics.contains("tailor_model_generation 1"), metrics);
            assertTrue(metrics.contains("tailor_errors_total{endpoint=\"/v1/events\",class=\"4xx\"}"), metrics);
            assertTrue(metrics.contains("tailor_cache_hit_ratio"), metrics);
        }
    }

    @Test
    @Timeout(120)
    void aChangedModelFileIsReloadedWhenWatched() throws Exception {
        GeneratedShop shop = ShopGenerator.builder().seed(10).customers(100).build().generate();
        Instant last = Instant.ofEpochSecond(shop.events().maxEpochSecond());
        Path file = dir.resolve("watched.tailor");
        train(shop, last.minus(Duration.ofDays(3))).save(file);
        try (OffersServer server = OffersServer.builder(file).port(0).watchEvery(Duration.ofMillis(200)).start()) {
            Thread.sleep(50);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(10)));
            train(shop, last).save(file);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // The touch above may be seen before the new file is written: then the old file is reloaded first (at a
            // quarter of a core), and the new one on the next check.
            while (!server.live().trainedUntil().equals(last) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(last, server.live().trainedUntil());
            assertTrue(server.live().generation() >= 1);
        }
    }

    private static String firstSizedItem(GeneratedShop shop) {
        for (int i = 0; i < shop.events().items().size(); i++) {
            if (shop.catalog().has(i) && !shop.catalog().get(i).sizesInStock().isEmpty()) {
                return shop.events().items().externalId(i);
            }
        }
        throw new AssertionError("no sized item");
    }

    private static void assertBad(Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.body().startsWith("{\"error\":\""), reply.body());
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), "no stack trace: " + reply.body());
        if (field != null) {
            assertTrue(reply.body().contains("\"field\":\"" + field + "\""), reply.body());
        }
    }
}
