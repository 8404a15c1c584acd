package dev.tailor.cli;

import dev.tailor.fit.FitData;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.SizeAdvice;
import dev.tailor.fit.SizeFit;
import dev.tailor.fit.SizeScale;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor size}: which size of an item to send a customer. */
@Command(name = "size", mixinStandardHelpOptions = true,
        description = "Train the fit model on all fit feedback and show, for one customer and item, every size with its "
                + "probabilities of small / fit / large and the size to send.")
final class SizeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSourceMixin data;

    @Option(names = "--customer", paramLabel = "ID", required = true,
            description = "External customer id (an unknown customer gets the population's answer).")
    String customer;

    @Option(names = "--item", paramLabel = "ID", required = true, description = "External item id.")
    String item;

    @Option(names = "--sizes", paramLabel = "SIZE,...", split = ",",
            description = "The sizes to choose from (default: every size the item is known in).")
    List<String> sizes;

    @Option(names = "--occasion", paramLabel = "TEXT", description = "What the item is for, e.g. wedding.")
    String occasion;

    @Override
    public Integer call() {
        if (sizes != null && sizes.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("--sizes has an empty size: " + sizes);
        }
        if (sizes != null) {
            sizes.forEach(SizeScale.standard()::require);
        }
        TerminalProgress progress = TerminalProgress.of(spec);
        FitData fit = progress.indeterminate("reading", () -> data.options.fitData(spec.commandLine().getErr()));
        int itemId = fit.items().find(item);
        if (itemId < 0 && sizes == null) {
            throw new IllegalArgumentException("item '" + item + "' is not in the data; give its sizes with --sizes");
        }
        FitModel model = progress.indeterminate("training the fit model", () -> SizeFit.builder().build().train(fit));
        int customerId = fit.customers().find(customer);
        List<String> choices = sizes != null ? sizes : model.sizesOf(itemId);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("item '" + item + "' has no known sizes; give them with --sizes");
        }
        SizeAdvice advice = occasion == null ? model.advise(customerId, itemId, choices)
                : model.advise(customerId, itemId, choices, occasion);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("item %s for customer %s%s (%s):%n", item, customer, customerId < 0 ? " (unknown: population answer)" : "",
                model.feedbackCount(customerId) + " fit observations of hers");
        out.printf("%-8s %8s %8s %8s%n", "size", "small", "fit", "large");
        for (SizeAdvice.SizeOption o : advice.options()) {
            out.printf(Locale.ROOT, "%-8s %8.3f %8.3f %8.3f%s%n", o.size(), o.fit().small(), o.fit().fits(), o.fit().large(),
                    o.size().equals(advice.size()) ? "   <- send this size" : "");
        }
        return 0;
    }

}
