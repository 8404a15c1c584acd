package dev.tailor.server;

import dev.tailor.offer.LiveOffers;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Requests, errors and latency per endpoint, and the live offers' own counts, in the Prometheus text format.
 * Latency percentiles are over each endpoint's last {@value #WINDOW} requests (a ring of nanosecond timings), so
 * they follow the service as it is now rather than since the start.
 *
 * <p>Thread-safety: recording is lock-free; a scrape copies the rings.
 */
final class Metrics {
    static final int WINDOW = 8192;

    private static final class Endpoint {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong clientErrors = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong next = new AtomicLong();
        final AtomicLongArray nanos = new AtomicLongArray(WINDOW);
    }

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    void record(String path, int status, long nanos) {
        Endpoint endpoint = endpoints.computeIfAbsent(path, p -> new Endpoint());
        endpoint.requests.incrementAndGet();
        if (status >= 500) {
            endpoint.serverErrors.incrementAndGet();
        } else if (status >= 400) {
            endpoint.clientErrors.incrementAndGet();
        }
        endpoint.nanos.set((int) (endpoint.next.getAndIncrement() % WINDOW), nanos);
    }

    String prometheus(LiveOffers live) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP tailor_requests_total Requests answered, by endpoint.\n# TYPE tailor_requests_total counter\n");
        Map<String, Endpoint> sorted = new TreeMap<>(endpoints);
        sorted.forEach((path, e) -> line(out, "tailor_requests_total{endpoint=\"" + path + "\"}", e.requests.get()));
        out.append("# HELP tailor_errors_total Requests answered with an error status, by endpoint and class.\n")
                .append("# TYPE tailor_errors_total counter\n");
        sorted.forEach((path, e) -> {
            line(out, "tailor_errors_total{endpoint=\"" + path + "\",class=\"4xx\"}", e.clientErrors.get());
            line(out, "tailor_errors_total{endpoint=\"" + path + "\",class=\"5xx\"}", e.serverErrors.get());
        });
        out.append("# HELP tailor_latency_seconds Latency over the last ").append(WINDOW)
                .append(" requests of an endpoint.\n# TYPE tailor_latency_seconds summary\n");
        sorted.forEach((path, e) -> {
            int size = (int) Math.min(WINDOW, e.next.get());
            long[] copy = new long[size];
            for (int i = 0; i < size; i++) {
                copy[i] = e.nanos.get(i);
            }
            Arrays.sort(copy);
            for (double q : new double[] {0.5, 0.9, 0.99}) {
                double seconds = size == 0 ? 0 : copy[Math.min(size - 1, (int) Math.ceil(q * size) - 1)] / 1e9;
                out.append(String.format(Locale.ROOT, "tailor_latency_seconds{endpoint=\"%s\",quantile=\"%s\"} %.6f%n", path,
                        q, seconds));
            }
        });
        LiveOffers.CacheStatistics cache = live.cacheStatistics();
        LiveOffers.Statistics recorded = live.statistics();
        gauge(out, "tailor_model_generation", "Models swapped in since the start.", live.generation());
        gauge(out, "tailor_model_trained_until_seconds", "The running model's cut-off, epoch seconds.",
                live.trainedUntil().getEpochSecond());
        gauge(out, "tailor_cache_hit_ratio", "Answers served from the cache over all answers.", cache.hitRate());
        gauge(out, "tailor_cache_entries", "Answers held in the cache.", cache.size());
        gauge(out, "tailor_recorded_events", "Recorded events the running model does not hold.", recorded.heldEvents());
        gauge(out, "tailor_recorded_customers", "Customers with recorded events held.", recorded.customers());
        gauge(out, "tailor_dropped_events_total", "Events dropped beyond the per-customer limit.", recorded.droppedEvents());
        gauge(out, "tailor_refused_events_total", "Events refused at the total limit.", recorded.refusedEvents());
        return out.toString();
    }

    private static void line(StringBuilder out, String name, long value) {
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.6f", value)).append('\n');
    }
}
