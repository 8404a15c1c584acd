package dev.tailor.cli;

import dev.tailor.configure.CompletionMethod;
import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.configure.Configurator;
import dev.tailor.configure.FrequentCombinations;
import dev.tailor.configure.Suggestion.RankedValue;
import dev.tailor.configure.SolutionSpace;
import dev.tailor.configure.Suggestion;
import dev.tailor.datasets.orders.OrderCsvReader;
import dev.tailor.datasets.renault.XcspReader;
import dev.tailor.ingest.ParseMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor configure}: complete, prefill and analyse configuration orders. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = "Learn from a CSV of configuration orders (customer,time,product and one column per attribute) and "
                + "complete a partial configuration (--partial), prefill a customer's repeat order (--prefill), or list "
                + "the combinations that sell and their trends (--combinations). With --model (XCSP 2.1), only values of "
                + "complete valid configurations are offered.")
final class ConfigureCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--orders", paramLabel = "FILE", required = true, description = "Orders CSV (e.g. configurations.csv of tailor generate).")
    Path orders;

    @Option(names = "--product", paramLabel = "NAME", description = "Read only rows of this product (when the file has a product column).")
    String productName;

    @Option(names = "--model", paramLabel = "XML", description = "XCSP 2.1 constraint model of the product (values are its integer codes).")
    Path model;

    @Option(names = "--space", paramLabel = "FILE", description = "A solution space saved by --save-space, loaded instead of compiling --model.")
    Path spaceFile;

    @Option(names = "--save-space", paramLabel = "FILE", description = "Save the compiled solution space (projected on the orders' attributes).")
    Path saveSpace;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "chow-liu",
            description = "chow-liu, nearest, naive-bayes or frequencies (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--customer", paramLabel = "ID", description = "Blend in this customer's own orders from the file.")
    String customer;

    @Option(names = "--partial", paramLabel = "CHOICES", description = "Choices made so far: attribute=value,attribute=value.")
    String partial;

    @Option(names = "--prefill", description = "Print a complete configuration for the customer's repeat order (needs --customer).")
    boolean prefill;

    @Option(names = "--combinations", description = "Print the combinations that sell, their trend per period and valid pairs no one buys.")
    boolean combinations;

    @Option(names = "--min-share", paramLabel = "S", defaultValue = "0.05", description = "Least share of sales of a combination (default: ${DEFAULT-VALUE}).")
    double minShare;

    @Option(names = "--max-size", paramLabel = "K", defaultValue = "3", description = "Most choices in a combination (default: ${DEFAULT-VALUE}).")
    int maxSize;

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "P3M", description = "Trend period, ISO-8601 (default: ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--lenient", description = "Skip bad lines and report them instead of stopping at the first.")
    boolean lenient;

    @Option(names = "-n", paramLabel = "N", defaultValue = "3", description = "Values (or combinations x 5) to print (default: ${DEFAULT-VALUE}).")
    int shown;

    @Override
    public Integer call() throws java.io.IOException {
        // Every setting is checked before the orders are read or a model compiled.
        if (shown < 0) {
            throw new IllegalArgumentException("-n must be at least 0, was " + shown);
        }
        if (!(minShare > 0 && minShare <= 1)) {
            throw new IllegalArgumentException("--min-share must be above 0 and at most 1, was " + minShare);
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("--max-size must be at least 1, was " + maxSize);
        }
        method();
        if (model == null && (spaceFile != null || saveSpace != null)) {
            throw new IllegalArgumentException("--space and --save-space need --model (the values are the model's codes)");
        }
        ConfigurableProduct product = model == null ? null : XcspReader.read(model);
        ParseMode mode = lenient ? ParseMode.LENIENT : ParseMode.STRICT;
        PrintWriter out = spec.commandLine().getOut();
        OrderCsvReader.Orders read;
        SolutionSpace space = null;
        if (product != null) {
            // With a model, values are its integer codes: the file is read once, against the model's variables
            // named by the file's header.
            List<String> attributes = OrderCsvReader.attributes(orders);
            ConfigurableProduct columns = new ConfigurableProduct(product.name(), attributes,
                    attributes.stream().map(v -> domainOf(product, v)).toArray(int[][]::new), List.of());
            read = OrderCsvReader.read(orders, columns, productName, mode);
        } else {
            read = OrderCsvReader.read(orders, null, productName, mode);
        }
        ConfigurationHistory history = read.history();
        ConfigurableProduct labels = read.product();
        if (product != null) {
            List<String> variables = history.variables();
            TerminalProgress progress = TerminalProgress.of(spec);
            // Compiling is told constraint by constraint, and stops at SolutionSpace.DEFAULT_MAX_TIME.
            space = spaceFile != null ? SolutionSpace.load(spaceFile)
                    : SolutionSpace.compile(product, SolutionSpace.DEFAULT_MAX_NODES, SolutionSpace.DEFAULT_MAX_TIME, progress)
                            .project(variables);
            if (!space.variables().equals(history.variables())) {
                space = space.project(history.variables());
            }
            if (saveSpace != null) {
                space.save(saveSpace);
                spec.commandLine().getErr().println("saved the solution space to " + saveSpace);
            }
        } else if (spaceFile != null || saveSpace != null) {
            throw new IllegalArgumentException("--space and --save-space need --model (the values are the model's codes)");
        }
        // Reported once, from the one read: with a model, lines whose values are not the model's are skipped.
        dev.tailor.ingest.IngestReport report = read.history().report();
        if (report.skipped() > 0) {
            spec.commandLine().getErr().printf("%d lines skipped (%d of %d records read), first: %s%n", report.skipped(),
                    report.eventsAdded(), report.records(), report.firstProblems().get(0).message());
        }
        if (history.size() == 0) {
            throw new IllegalArgumentException(orders + " has no orders" + (productName == null ? "" : " of " + productName));
        }
        Configurator.Builder builder = Configurator.builder(method().train(history)).labels(labels);
        if (space != null) {
            builder.solutionSpace(space);
        }
        Configurator configurator = builder.build();
        List<int[]> own = customerOrders(history);
        if (prefill) {
            if (customer == null) {
                throw new IllegalArgumentException("--prefill needs --customer");
            }
            if (own.isEmpty()) {
                throw new IllegalArgumentException("customer " + customer + " has no orders in " + orders);
            }
            int[] configuration = configurator.prefill(own).orElseThrow();
            int[] last = own.get(own.size() - 1);
            out.printf("repeat order for %s (%d previous orders):%n", customer, own.size());
            for (int c = 0; c < configuration.length; c++) {
                out.printf("  %s = %s%s%n", history.variables().get(c), labels.label(c, configuration[c]),
                        configuration[c] == last[c] ? "" : "   (was " + labels.label(c, last[c]) + ", no longer valid with the rest)");
            }
        }
        if (partial != null || !prefill && !combinations) {
            int[] chosen = parsePartial(history, labels);
            for (Suggestion s : configurator.complete(chosen, own)) {
                StringBuilder line = new StringBuilder(s.variable()).append(':');
                for (RankedValue v : s.values().subList(0, Math.min(shown, s.values().size()))) {
                    line.append(String.format(Locale.ROOT, "  %s %.3f", v.label(), v.probability()));
                }
                if (s.values().size() > shown) {
                    line.append("  (+").append(s.values().size() - shown).append(" more)");
                }
                out.println(line);
            }
        }
        if (combinations) {
            printCombinations(out, history, labels, space);
        }
        return 0;
    }

    private void printCombinations(PrintWriter out, ConfigurationHistory history, ConfigurableProduct labels, SolutionSpace space) {
        List<FrequentCombinations.Combination> found = FrequentCombinations.mine(history, minShare, maxSize);
        out.printf(Locale.ROOT, "%d combinations in at least %.1f%% of %d sales; the most sold:%n", found.size(), 100 * minShare, history.sales());
        for (FrequentCombinations.Combination c : found.stream().filter(c -> c.columns().length > 1).limit(5L * shown).toList()) {
            out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100 * c.share(), c.describe(history.variables(), labels));
        }
        if (history.times() != null) {
            Period p;
            try {
                p = Period.parse(period);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--period: cannot read '" + period + "' (expected ISO-8601, e.g. P3M)", e);
            }
            List<FrequentCombinations.Trend> trends = FrequentCombinations.trends(history, found, p);
            out.printf("rising (share change per %s):%n", period);
            trends.stream().limit(shown).forEach(t -> out.printf(Locale.ROOT, "  %+6.2f pts  %s%n", 100 * t.slope(),
                    t.combination().describe(history.variables(), labels)));
            out.println("falling:");
            trends.subList(Math.max(0, trends.size() - shown), trends.size()).forEach(t -> out.printf(Locale.ROOT,
                    "  %+6.2f pts  %s%n", 100 * t.slope(), t.combination().describe(history.variables(), labels)));
        }
        if (space != null) {
            List<FrequentCombinations.Combination> unchosen = FrequentCombinations.unchosenPairs(history, space, minShare);
            out.printf("%d valid pairs of selling values that no one bought together%s%n", unchosen.size(), unchosen.isEmpty() ? "" : ", e.g.:");
            unchosen.stream().limit(5L * shown).forEach(c -> out.println("  " + c.describe(history.variables(), labels)));
        }
    }

    private CompletionMethod method() {
        return switch (method) {
            case "chow-liu" -> CompletionMethod.chowLiuTree();
            case "nearest" -> CompletionMethod.nearestConfigurations();
            case "naive-bayes" -> CompletionMethod.naiveBayes();
            case "frequencies" -> CompletionMethod.conditionalFrequencies();
            default -> throw new IllegalArgumentException("--method must be chow-liu, nearest, naive-bayes or frequencies, was '" + method + "'");
        };
    }

    private List<int[]> customerOrders(ConfigurationHistory history) {
        if (customer == null) {
            return List.of();
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < history.size(); r++) {
            if (customer.equals(history.customers()[r])) {
                rows.add(r);
            }
        }
        if (history.times() != null) {
            rows.sort((a, b) -> history.times()[a].compareTo(history.times()[b]));
        }
        return rows.stream().map(r -> history.rows()[r]).toList();
    }

    private int[] parsePartial(ConfigurationHistory history, ConfigurableProduct labels) {
        int[] chosen = new int[history.variables().size()];
        Arrays.fill(chosen, ConfigurableProduct.UNSET);
        if (partial == null || partial.isBlank()) {
            return chosen;
        }
        for (String choice : partial.split(",")) {
            String[] parts = choice.split("=", 2);
            int column = history.variables().indexOf(parts[0].strip());
            if (parts.length != 2 || column < 0) {
                throw new IllegalArgumentException("--partial: '" + choice + "' is not attribute=value with an attribute of "
                        + history.variables());
            }
            chosen[column] = labels.valueOf(column, parts[1].strip());
            if (chosen[column] == ConfigurableProduct.UNSET) {
                throw new IllegalArgumentException("--partial: '" + parts[1].strip() + "' is not a value of " + parts[0].strip());
            }
        }
        return chosen;
    }

    private static int[] domainOf(ConfigurableProduct product, String variable) {
        int v = product.indexOf(variable);
        if (v < 0) {
            throw new IllegalArgumentException("the orders' attribute " + variable + " is not a variable of the model " + product.name());
        }
        return product.domain(v);
    }
}
