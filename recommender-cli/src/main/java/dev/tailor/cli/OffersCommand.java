package dev.tailor.cli;

import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.OfferTraining;
import dev.tailor.offer.Offers;
import dev.tailor.offer.Reason;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor offers}: individual offers for one customer, with sizes and reasons. */
@Command(name = "offers", mixinStandardHelpOptions = true,
        description = "Train every offer source on all events and show one customer's individual offers, with the size "
                + "to send and the reasons, as text or JSON.")
final class OffersCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSourceMixin data;

    @Option(names = "--customer", paramLabel = "ID", required = true, description = "External customer id (an unknown one gets "
            + "the cold-start answer).")
    String customer;

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
    public Integer call() {
        TerminalProgress progress = TerminalProgress.of(spec);
        Dataset dataset = progress.indeterminate("reading", () -> data.options.load(spec.commandLine().getErr()));
        EventLog events = dataset.events();
        DataProblem.requireItemsToRank(events, dataset.name());
        Offers offers = progress.indeterminate("training the offer sources",
                () -> OfferTraining.builder(events, dataset.catalog()).train().build());
        OfferRequest.Builder request = OfferRequest.builder(Instant.ofEpochSecond(events.maxEpochSecond() + 1)).n(n)
                .basket(basket);
        if (category != null) {
            request.category(category);
        }
        if (occasion != null) {
            request.occasion(occasion);
        }
        List<Offer> answer = offers.offers(customer, request.build());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(customer, answer));
        } else {
            print(out, customer, answer);
        }
        return 0;
    }

    /** Prints offers for a terminal. */
    static void print(PrintWriter out, String customer, List<Offer> offers) {
        out.printf("offers for customer %s:%n", customer);
        if (offers.isEmpty()) {
            out.println("  (nothing to offer under these rules)");
        }
        for (int rank = 0; rank < offers.size(); rank++) {
            Offer o = offers.get(rank);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d. %-20s %-18s", rank + 1, o.item(),
                    o.category().orElse("-")));
            o.price().ifPresent(p -> line.append(String.format(Locale.ROOT, " %8.2f", p)));
            o.size().ifPresent(s -> line.append("  size ").append(s));
            o.fitProbability().ifPresent(p -> line.append(String.format(Locale.ROOT, " (fits %.0f%%)", 100 * p)));
            if (o.incentive()) {
                line.append("  [incentive: their value pays for it]");
            }
            out.println(line);
            o.configuration().ifPresent(c -> out.println("       configuration: " + c.choices()));
            for (Reason reason : o.reasons()) {
                out.println("       - " + reason.text());
            }
        }
    }

    /** The offers as one JSON object. */
    static String toJson(String customer, List<Offer> offers) {
        StringBuilder json = new StringBuilder("{\"customer\":").append(quote(customer)).append(",\"offers\":[");
        for (int i = 0; i < offers.size(); i++) {
            Offer o = offers.get(i);
            json.append(i > 0 ? "," : "").append("{\"item\":").append(quote(o.item()));
            o.category().ifPresent(c -> json.append(",\"category\":").append(quote(c)));
            o.price().ifPresent(p -> json.append(",\"price\":").append(number(p)));
            o.size().ifPresent(s -> json.append(",\"size\":").append(quote(s)));
            o.fitProbability().ifPresent(p -> json.append(",\"fitProbability\":").append(number(p)));
            o.configuration().ifPresent(c -> {
                json.append(",\"configuration\":{");
                int j = 0;
                for (var choice : c.choices().entrySet()) {
                    json.append(j++ > 0 ? "," : "").append(quote(choice.getKey())).append(':').append(quote(choice.getValue()));
                }
                json.append('}');
            });
            json.append(",\"score\":").append(number(o.score())).append(",\"incentive\":").append(o.incentive())
                    .append(",\"sources\":[");
            for (int j = 0; j < o.sources().size(); j++) {
                json.append(j > 0 ? "," : "").append(quote(o.sources().get(j)));
            }
            json.append("],\"reasons\":[");
            for (int j = 0; j < o.reasons().size(); j++) {
                Reason r = o.reasons().get(j);
                json.append(j > 0 ? "," : "").append("{\"kind\":").append(quote(r.kind().name())).append(",\"evidence\":[");
                for (int e = 0; e < r.evidence().size(); e++) {
                    json.append(e > 0 ? "," : "").append(quote(r.evidence().get(e)));
                }
                json.append("],\"text\":").append(quote(r.text())).append('}');
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    /** A JSON string literal (RFC 8259 escapes). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
