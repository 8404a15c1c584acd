package dev.tailor.cli;

import dev.tailor.server.OffersServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor serve}: offers over HTTP from a saved offers model, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve individual offers over HTTP from an offers model file ('train' writes it): offers, recorded "
                + "events, reminders, sizes, reloads, health and Prometheus metrics (endpoints in the README). Runs until "
                + "SIGTERM or Ctrl-C, then stops accepting and lets requests in flight finish.",
            "",
            "Behind a service manager (systemd, a container): java -Xmx4g --add-modules jdk.incubator.vector -jar tailor.jar "
                + "serve --model /srv/offers.tailor --port 8080 --watch; the heap needs about twice the model file, the "
                + "flag turns on the SIMD scoring; bind --host 0.0.0.0 only behind a proxy or in a private network."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The offers model to serve.")
    Path model;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", paramLabel = "N", description = "Request threads (default: twice the cores, at least 4).")
    Integer threads;

    @Option(names = "--watch", description = "Reload when the model file changes (checked every 5 seconds).")
    boolean watch;

    @Option(names = "--reload-share", paramLabel = "SHARE", defaultValue = "0.25",
            description = "The share of one core a reload may take, in (0, 1]: below 1 the requests answered meanwhile keep "
                    + "their latency and the reload takes longer (default: ${DEFAULT-VALUE}).")
    double reloadShare;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "The largest request body (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Override
    public Integer call() throws Exception {
        if (!(reloadShare > 0 && reloadShare <= 1)) {
            throw new IllegalArgumentException("--reload-share must be in (0, 1], was " + reloadShare);
        }
        OffersServer.Builder server = OffersServer.builder(model).host(host).port(port).maxBodyBytes(maxBody)
                .live(live -> live.reloadShare(reloadShare));
        if (threads != null) {
            server.threads(threads);
        }
        if (watch) {
            server.watchEvery(Duration.ofSeconds(5));
        }
        OffersServer running = server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "tailor-shutdown"));
        spec.commandLine().getOut().printf("serving %s on http://%s:%d (trained until %s); SIGTERM or Ctrl-C stops%n", model,
                host, running.port(), running.live().trainedUntil());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
