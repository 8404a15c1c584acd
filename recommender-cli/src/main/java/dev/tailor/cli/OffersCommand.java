package dev.tailor.cli;

import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OffersModel;
import dev.tailor.offer.Reason;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor offers}: individual offers for one customer, with sizes and reasons. */
@Command(name = "offers", mixinStandardHelpOptions = true,
        description = "One customer's individual offers (or every customer's, --all), with the size to send and the "
                + "reasons, as text or JSON: from a model file that 'train' wrote (--model), or trained here on all events "
                + "of a data source.")
final class OffersCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Data (without --model):%n")
    DataOptions data;

    @Option(names = "--model", paramLabel = "FILE", description = "An offers model saved by 'train': answers without "
            + "reading or training on any events.")
    java.nio.file.Path model;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The moment the offers are for (yyyy-MM-dd: the end of "
            + "that day, or an ISO instant); default: just after the latest event, or the model's cut-off.")
    String asOf;

    @Option(names = "--customer", paramLabel = "ID", description = "External customer id (an unknown one gets "
            + "the cold-start answer).")
    String customer;

    @Option(names = "--all", description = "Every customer's offers (the nightly job), written to --out.")
    boolean all;

    @Option(names = "--out", paramLabel = "FILE", description = "With --all: the file to write, CSV "
            + "(customer,rank,item,size,score,sources,reasons) or JSON Lines when it ends in .jsonl; written atomically.")
    java.nio.file.Path out;

    @Option(names = "--basket", paramLabel = "ITEM", split = ",", description = "Items in the cart, comma-separated.")
    List<String> basket = List.of();

    @Option(names = "--category", paramLabel = "NAME", description = "Only items of this category.")
    String category;

    @Option(names = "--occasion", paramLabel = "TEXT", description = "What the customer shops for, e.g. wedding.")
    String occasion;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "How many offers (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--json", description = "Print JSON (one object with an array of offers) for a service.")
    boolean json;

    @Override
    public Integer call() throws java.io.IOException {
        if (all == (customer != null)) {
            throw new IllegalArgumentException("give either --customer ID or --all (with --out FILE)");
        }
        if (all && out == null) {
            throw new IllegalArgumentException("--all needs --out FILE");
        }
        if ((model == null) == (data == null)) {
            throw new IllegalArgumentException("give either --model FILE or a data source (--dataset NAME or --events FILE)");
        }
        if (n < 1 || n > OfferRequest.MAX_OFFERS) {
            throw new IllegalArgumentException("-n must be 1 to " + OfferRequest.MAX_OFFERS + ", was " + n);
        }
        Instant moment = asOf == null ? null : SplitSpec.instantOrEndOfDay("--as-of", asOf);
        TerminalProgress progress = TerminalProgress.of(spec);
        OffersModel offers;
        Instant when;
        if (model != null) {
            offers = OffersModel.load(model);
            when = moment != null ? moment : offers.trainedUntil();
        } else {
            Dataset dataset = progress.indeterminate("reading", () -> data.load(spec.commandLine().getErr()));
            EventLog events = dataset.events();
            offers = TrainCommand.train(data, dataset, dev.tailor.engines.Trainers.parse("knn-cosine", data.seed), moment, "auto",
                    java.util.Map.of(), progress, spec.commandLine().getErr());
            when = moment != null ? moment : Instant.ofEpochSecond(events.maxEpochSecond() + 1);
        }
        OfferRequest.Builder request = OfferRequest.builder(when).n(n).basket(basket);
        if (category != null) {
            request.category(category);
        }
        if (occasion != null) {
            request.occasion(occasion);
        }
        List<String> customers = java.util.stream.IntStream.range(0, offers.customers().size())
                .mapToObj(c -> offers.customers().externalId(c)).toList();
        PrintWriter terminal = spec.commandLine().getOut();
        if (all) {
            boolean lines = out.getFileName().toString().endsWith(".jsonl");
            long start = System.nanoTime();
            long[] written = {0};
            dev.tailor.internal.AtomicFiles.writeText(out, file -> {
                if (!lines) {
                    file.write("customer,rank,item,size,score,sources,reasons\n");
                }
                offers.offersForAll(customers, request.build(),
                        dev.tailor.concurrent.Workers.defaults(), progress, (id, list) -> {
                            try {
                                if (lines) {
                                    file.write(toJson(id, list));
                                    file.write('\n');
                                } else {
                                    for (int rank = 0; rank < list.size(); rank++) {
                                        Offer o = list.get(rank);
                                        file.write(csv(id) + ',' + (rank + 1) + ',' + csv(o.item()) + ',' + csv(o.size().orElse(""))
                                                + ',' + String.format(Locale.ROOT, "%.6g", o.score()) + ',' + csv(String.join(" ", o.sources()))
                                                + ',' + csv(String.join(" | ", o.reasons().stream().map(Reason::text).toList())) + '\n');
                                    }
                                }
                                written[0]++;
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            terminal.printf(Locale.ROOT, "wrote offers for %d customers to %s in %.1f s (%.0f customers/s)%n", written[0], out,
                    seconds, written[0] / seconds);
            return 0;
        }
        List<Offer> answer = offers.offers(customer, request.build());
        if (json) {
            terminal.println(toJson(customer, answer));
        } else {
            print(terminal, customer, answer);
        }
        return 0;
    }

    /**
     * Prints offers for a terminal. Every value from the data (ids, categories, sizes, choices, reasons) is shown with
     * what a terminal would obey escaped: a catalog is not allowed to move the cursor or reorder the text.
     */
    static void print(PrintWriter out, String customer, List<Offer> offers) {
        out.printf("offers for customer %s:%n", shown(customer));
        if (offers.isEmpty()) {
            out.println("  (nothing to offer under these rules)");
        }
        for (int rank = 0; rank < offers.size(); rank++) {
            Offer o = offers.get(rank);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d. %-20s %-18s", rank + 1, shown(o.item()),
                    shown(o.category().orElse("-"))));
            o.price().ifPresent(p -> line.append(String.format(Locale.ROOT, " %8.2f", p)));
            o.size().ifPresent(s -> line.append("  size ").append(shown(s)));
            o.fitProbability().ifPresent(p -> line.append(String.format(Locale.ROOT, " (fits %.0f%%)", 100 * p)));
            if (o.incentive()) {
                line.append("  [incentive: their value pays for it]");
            }
            out.println(line);
            o.configuration().ifPresent(c -> out.println("       configuration: " + shown(c.choices().toString())));
            for (Reason reason : o.reasons()) {
                out.println("       - " + shown(reason.text()));
            }
        }
    }

    /** A value from the data as a terminal may show it. */
    static String shown(String text) {
        return dev.tailor.internal.PrintableText.escape(text, false);
    }

    /** The offers as one JSON object: the server's vocabulary ({@link dev.tailor.server.OffersJson}). */
    static String toJson(String customer, List<Offer> offers) {
        return dev.tailor.server.OffersJson.offers(customer, offers);
    }

    /** A CSV field, quoted when it holds a comma, quote or line break. */
    static String csv(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
