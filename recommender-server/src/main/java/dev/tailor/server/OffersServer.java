package dev.tailor.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tailor.data.Event;
import dev.tailor.data.IdIndex;
import dev.tailor.fit.SizeAdvice;
import dev.tailor.offer.LiveOffers;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OffersModel;
import dev.tailor.replenish.Reminder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Individual offers over HTTP, for services that would rather call than link: one offers model file loaded into
 * {@link LiveOffers}, answered as JSON, with live events recorded, reloads that never drop a request, health and
 * metrics. The JDK's own HTTP server ({@code com.sun.net.httpserver}: no dependency, enough for a loopback or
 * in-cluster sidecar behind a proxy) on a fixed pool of threads.
 *
 * <p>Endpoints ({@code GET} unless said):
 * <ul>
 *   <li>{@code /v1/offers?customer=ID[&n=10][&category=C][&occasion=O][&basket=A,B][&minPrice=&maxPrice=][&asOf=ISO]}
 *       — the customer's offers; an unknown customer gets cold-start offers;</li>
 *   <li>{@code POST /v1/events} — one event as a JSON object, or a batch as JSON Lines;</li>
 *   <li>{@code /v1/reminders?customer=ID[&horizonDays=14][&leadDays=3][&minProbability=0.3]} — due reminders;</li>
 *   <li>{@code /v1/size?customer=ID&item=ID[&occasion=O][&asOf=ISO]} — the size to send;</li>
 *   <li>{@code POST /v1/reload} — load the model file again (requests in flight finish on the old model);</li>
 *   <li>{@code /health} — status, model generation and cut-off (JSON); {@code /metrics} — Prometheus text.</li>
 * </ul>
 * Bad input gets a 4xx with {@code {"error": ..., "field": ...}}; the server never sends a stack trace, logs customer
 * ids at DEBUG only, and stays up. Bodies are limited ({@link Builder#maxBodyBytes}), as are ids (1,000 characters).
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class OffersServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OffersServer.class);

    static {
        // The JDK's server writes a response's headers and body in separate packets; with Nagle's algorithm on, the
        // client's delayed acknowledgement holds the body back about 40 ms (measured: 45 ms for a cached answer of
        // 10 µs). Its configuration is read once, when the server classes load, so it is set here, unless the process
        // chose otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final Set<String> OFFER_PARAMETERS = Set.of("customer", "n", "category", "occasion", "basket", "minPrice",
            "maxPrice", "asOf", "channel");

    private final Path modelFile;
    private final LiveOffers live;
    private final HttpServer http;
    private final ExecutorService workers;
    private final ScheduledExecutorService watcher;
    private final Metrics metrics = new Metrics();
    private final int maxBodyBytes;
    private final int maxEventsPerRequest;
    private final Duration grace;
    private final Clock clock;
    private volatile String seenFile;

    /** The share of one core a reload takes unless the {@link Builder#live} settings say otherwise. */
    public static final double DEFAULT_RELOAD_SHARE = 0.25;

    private OffersServer(Builder b) throws IOException {
        this.modelFile = b.modelFile;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxEventsPerRequest = b.maxEventsPerRequest;
        this.grace = b.grace;
        this.clock = b.clock;
        this.seenFile = fingerprint(modelFile);
        OffersModel model = OffersModel.load(modelFile);
        // Reloads at a quarter of a core by default: a service shares its cores with the requests it answers.
        this.live = b.live.apply(LiveOffers.builder(model).clock(clock).reloadShare(DEFAULT_RELOAD_SHARE)).build();
        this.http = HttpServer.create(new InetSocketAddress(b.host, b.port), 256);
        this.workers = Executors.newFixedThreadPool(b.threads, named("tailor-http"));
        http.setExecutor(workers);
        route("/v1/offers", "GET", this::offers);
        route("/v1/events", "POST", this::events);
        route("/v1/reminders", "GET", this::reminders);
        route("/v1/size", "GET", this::size);
        route("/v1/reload", "POST", this::reload);
        route("/health", "GET", this::health);
        route("/metrics", "GET", this::metricsText);
        http.createContext("/", exchange -> {
            send(exchange, Answer.json(404, OffersJson.error("no such endpoint", null)));
            metrics.record("other", 404, 0);
        });
        http.start();
        if (b.watchEvery != null) {
            watcher = Executors.newSingleThreadScheduledExecutor(named("tailor-watch"));
            long every = b.watchEvery.toMillis();
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        } else {
            watcher = null;
        }
        LOG.info("serving {} (trained until {}) on http://{}:{}", modelFile, model.trainedUntil(), b.host, port());
    }

    /** Starts describing a server of the offers model in this file. */
    public static Builder builder(Path modelFile) {
        return new Builder(modelFile);
    }

    /** The port the server listens on (the one chosen when 0 was asked for). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The live offers behind the server (for a process that also links the library). */
    public LiveOffers live() {
        return live;
    }

    /**
     * Stops accepting connections, lets the requests in flight finish (up to the grace period), then stops the
     * workers.
     */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        http.stop((int) Math.max(0, grace.toSeconds()));
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped serving {}", modelFile);
    }

    /** What a handler answers: a status and a JSON (or text) body. */
    private record Answer(int status, String body, String type) {
        static Answer json(int status, String body) {
            return new Answer(status, body, "application/json; charset=utf-8");
        }
    }

    @FunctionalInterface
    private interface Handler {
        Answer handle(HttpExchange exchange, Map<String, String> query) throws IOException;
    }

    private void route(String path, String method, Handler handler) {
        http.createContext(path, exchange -> {
            long start = System.nanoTime();
            Answer answer;
            try {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    answer = Answer.json(404, OffersJson.error("no such endpoint", null));
                } else if (!exchange.getRequestMethod().equals(method)) {
                    exchange.getResponseHeaders().set("Allow", method);
                    answer = Answer.json(405, OffersJson.error("use " + method + " here", null));
                } else {
                    answer = handler.handle(exchange, query(exchange.getRequestURI().getRawQuery()));
                }
            } catch (OffersJson.BadInput e) {
                answer = Answer.json(e.getMessage().startsWith("the body is larger") ? 413 : 400,
                        OffersJson.error(e.getMessage(), e.field()));
            } catch (IllegalArgumentException e) {
                answer = Answer.json(400, OffersJson.error(e.getMessage(), null));
            } catch (IllegalStateException e) {
                answer = Answer.json(503, OffersJson.error(e.getMessage(), null));
            } catch (IOException | RuntimeException e) {
                // The client sees no stack trace; the log keeps the kind of failure, not the request's ids.
                LOG.warn("{} failed: {}", path, e.getClass().getSimpleName());
                LOG.debug("{} failed", path, e);
                answer = Answer.json(500, OffersJson.error("the server could not answer (" + e.getClass().getSimpleName()
                        + ")", null));
            }
            send(exchange, answer);
            metrics.record(path, answer.status(), System.nanoTime() - start);
        });
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.type());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Answer offers(HttpExchange exchange, Map<String, String> query) {
        allowOnly(query, OFFER_PARAMETERS);
        String customer = requiredId(query, "customer");
        Instant asOf = instant(query, "asOf");
        OfferRequest.Builder request = OfferRequest.builder(asOf);
        if (query.containsKey("n")) {
            request.n(integer(query, "n", 1, OfferRequest.MAX_OFFERS));
        }
        optionalText(query, "category").ifPresent(request::category);
        optionalText(query, "occasion").ifPresent(request::occasion);
        optionalText(query, "channel").ifPresent(request::channel);
        if (query.containsKey("basket")) {
            List<String> basket = List.of(query.get("basket").split(",", -1));
            if (basket.size() > OfferRequest.MAX_OFFERS) {
                throw new OffersJson.BadInput("basket", "basket: at most " + OfferRequest.MAX_OFFERS + " items");
            }
            for (String item : basket) {
                checkId("basket", item);
            }
            request.basket(basket);
        }
        if (query.containsKey("minPrice") || query.containsKey("maxPrice")) {
            double min = query.containsKey("minPrice") ? decimal(query, "minPrice") : 0;
            double max = query.containsKey("maxPrice") ? decimal(query, "maxPrice") : Double.MAX_VALUE;
            try {
                request.priceBand(min, max);
            } catch (IllegalArgumentException e) {
                throw new OffersJson.BadInput("minPrice", e.getMessage());
            }
        }
        OfferRequest built;
        try {
            built = request.build();
        } catch (IllegalArgumentException e) {
            throw new OffersJson.BadInput(null, e.getMessage());
        }
        List<Offer> offers;
        try {
            offers = live.offers(customer, built);
        } catch (IllegalArgumentException e) {
            throw new OffersJson.BadInput("asOf", e.getMessage());
        }
        return Answer.json(200, OffersJson.offers(customer, offers));
    }

    private Answer events(HttpExchange exchange, Map<String, String> query) throws IOException {
        allowOnly(query, Set.of());
        String body = body(exchange);
        List<Event> events = OffersJson.events(body, clock.instant(), maxEventsPerRequest);
        int recorded = 0;
        for (Event event : events) {
            live.record(event);
            recorded++;
        }
        return Answer.json(200, OffersJson.object(Map.of("recorded", recorded)));
    }

    private Answer reminders(HttpExchange exchange, Map<String, String> query) {
        allowOnly(query, Set.of("customer", "horizonDays", "leadDays", "minProbability"));
        String customer = requiredId(query, "customer");
        int horizon = query.containsKey("horizonDays") ? integer(query, "horizonDays", 0, 3650) : 14;
        int lead = query.containsKey("leadDays") ? integer(query, "leadDays", 0, 365) : 3;
        double minProbability = query.containsKey("minProbability") ? decimal(query, "minProbability") : 0.3;
        if (minProbability > 1) {
            throw new OffersJson.BadInput("minProbability", "minProbability: from 0 to 1");
        }
        List<Reminder> due = live.reminders(customer, Duration.ofDays(horizon), Duration.ofDays(lead), minProbability);
        return Answer.json(200, OffersJson.reminders(customer, due));
    }

    private Answer size(HttpExchange exchange, Map<String, String> query) {
        allowOnly(query, Set.of("customer", "item", "occasion", "asOf"));
        String customer = requiredId(query, "customer");
        String item = requiredId(query, "item");
        Optional<SizeAdvice> advice = live.size(customer, item, optionalText(query, "occasion"), instant(query, "asOf"));
        if (advice.isEmpty()) {
            return Answer.json(404, OffersJson.error("no size advice for this item: the model has no fit model, or the item "
                    + "no sizes in stock", "item"));
        }
        return Answer.json(200, OffersJson.size(customer, item, advice.get()));
    }

    private Answer reload(HttpExchange exchange, Map<String, String> query) throws IOException {
        allowOnly(query, Set.of());
        body(exchange);
        try {
            reloadNow();
        } catch (IOException e) {
            // The message names the file and what is wrong with it; the running model stays.
            return Answer.json(500, OffersJson.error("the model file failed to load, the running model stays: "
                    + e.getMessage(), null));
        } catch (IllegalArgumentException e) {
            return Answer.json(409, OffersJson.error(e.getMessage(), null));
        }
        return Answer.json(200, status());
    }

    private synchronized void reloadNow() throws IOException {
        String fingerprint = fingerprint(modelFile);
        live.reload(modelFile);
        seenFile = fingerprint;
    }

    private void reloadIfChanged() {
        try {
            if (!fingerprint(modelFile).equals(seenFile)) {
                reloadNow();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("offers: the changed model file did not load, the running model stays ({})", e.getMessage());
        }
    }

    /** The file's size and time of change: a file replaced atomically by a new save changes both or the second. */
    private static String fingerprint(Path file) throws IOException {
        return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    }

    private Answer health(HttpExchange exchange, Map<String, String> query) {
        allowOnly(query, Set.of());
        return Answer.json(200, status());
    }

    private String status() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", "ok");
        fields.put("generation", live.generation());
        fields.put("trainedUntil", live.trainedUntil().toString());
        fields.put("recordedEvents", live.statistics().heldEvents());
        return OffersJson.object(fields);
    }

    private Answer metricsText(HttpExchange exchange, Map<String, String> query) {
        allowOnly(query, Set.of());
        return new Answer(200, metrics.prometheus(live), "text/plain; version=0.0.4; charset=utf-8");
    }

    private String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw new OffersJson.BadInput(null, "the body is larger than " + maxBodyBytes + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OffersJson.BadInput(null, "the query is not valid URL encoding");
            }
            if (query.put(name, value) != null) {
                throw new OffersJson.BadInput(name, "parameter '" + OffersJson.printable(name) + "' is given twice");
            }
        }
        return query;
    }

    private static void allowOnly(Map<String, String> query, Set<String> known) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw new OffersJson.BadInput(name, "unknown parameter '" + OffersJson.printable(name) + "'"
                        + (known.isEmpty() ? "" : "; known: " + new java.util.TreeSet<>(known)));
            }
        }
    }

    private static String requiredId(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new OffersJson.BadInput(name, name + " is required");
        }
        checkId(name, value);
        return value;
    }

    private static void checkId(String name, String value) {
        String problem = IdIndex.problemWith(value);
        if (problem != null) {
            throw new OffersJson.BadInput(name, name + ": " + problem);
        }
    }

    private static Optional<String> optionalText(Map<String, String> query, String name) {
        if (!query.containsKey(name)) {
            return Optional.empty();
        }
        checkId(name, query.get(name));
        return Optional.of(query.get(name));
    }

    private Instant instant(Map<String, String> query, String name) {
        if (!query.containsKey(name)) {
            return clock.instant();
        }
        try {
            return Instant.parse(query.get(name));
        } catch (DateTimeParseException e) {
            throw new OffersJson.BadInput(name, name + ": not an ISO-8601 instant (e.g. 2026-12-01T10:15:30Z)");
        }
    }

    private static int integer(Map<String, String> query, String name, int min, int max) {
        try {
            int value = Integer.parseInt(query.get(name));
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new OffersJson.BadInput(name, name + ": a whole number from " + min + " to " + max);
        }
    }

    private static double decimal(Map<String, String> query, String name) {
        try {
            double value = Double.parseDouble(query.get(name));
            if (!Double.isFinite(value) || value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new OffersJson.BadInput(name, name + ": a finite number >= 0");
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings of a server; each is checked when set. */
    public static final class Builder {
        private final Path modelFile;
        private String host = "127.0.0.1";
        private int port = 8080;
        private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private int maxBodyBytes = 1 << 20;
        private int maxEventsPerRequest = 10_000;
        private Duration watchEvery;
        private Duration grace = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private java.util.function.UnaryOperator<LiveOffers.Builder> live = b -> b;

        private Builder(Path modelFile) {
            this.modelFile = Objects.requireNonNull(modelFile, "modelFile");
        }

        /** The address to bind (default 127.0.0.1: loopback only). */
        public Builder host(String address) {
            this.host = Objects.requireNonNull(address, "host");
            return this;
        }

        /** The port (default 8080; 0 picks a free one). @throws IllegalArgumentException if outside 0 to 65535 */
        public Builder port(int number) {
            if (number < 0 || number > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + number);
            }
            this.port = number;
            return this;
        }

        /** Request threads (default twice the cores, at least 4). @throws IllegalArgumentException if below 1 */
        public Builder threads(int count) {
            if (count < 1 || count > 1024) {
                throw new IllegalArgumentException("threads must be 1 to 1024, was " + count);
            }
            this.threads = count;
            return this;
        }

        /** The largest request body (default 1 MiB). @throws IllegalArgumentException if below 1 KiB or above 1 GiB */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024 || bytes > 1 << 30) {
                throw new IllegalArgumentException("maxBodyBytes must be 1 KiB to 1 GiB, was " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** The most events one request records (default 10,000). @throws IllegalArgumentException if below 1 */
        public Builder maxEventsPerRequest(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("maxEventsPerRequest must be >= 1, was " + events);
            }
            this.maxEventsPerRequest = events;
            return this;
        }

        /**
         * Reload automatically when the model file changes, looking this often (default: only on request).
         *
         * @throws IllegalArgumentException if shorter than 100 ms
         */
        public Builder watchEvery(Duration interval) {
            if (interval.toMillis() < 100) {
                throw new IllegalArgumentException("watchEvery must be at least 100 ms, was " + interval);
            }
            this.watchEvery = interval;
            return this;
        }

        /** How long requests in flight may finish at shutdown (default 10 s). */
        public Builder grace(Duration period) {
            if (period.isNegative()) {
                throw new IllegalArgumentException("grace must be >= 0, was " + period);
            }
            this.grace = period;
            return this;
        }

        /** The clock of request times and event arrivals (default the system's). */
        public Builder clock(Clock time) {
            this.clock = Objects.requireNonNull(time, "clock");
            return this;
        }

        /** Settings of the live offers (cache, limits, rules), applied to the builder the server makes. */
        public Builder live(java.util.function.UnaryOperator<LiveOffers.Builder> settings) {
            this.live = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Loads the model and starts serving.
         *
         * @throws IOException if the model file cannot be loaded (the message names it) or the port cannot be bound
         */
        public OffersServer start() throws IOException {
            return new OffersServer(this);
        }
    }
}
