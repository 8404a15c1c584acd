package dev.tailor.cli;

import dev.tailor.datasets.Dataset;
import dev.tailor.replenish.Reminder;
import dev.tailor.replenish.Replenishment;
import dev.tailor.replenish.ReplenishmentModel;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor remind}: who is due for what, and when. */
@Command(name = "remind", mixinStandardHelpOptions = true,
        description = "Learn each customer's repurchase cycles from purchases up to --as-of and list who is due to buy "
                + "what again within the horizon, most probable first, with the last item for a one-click reorder.")
final class RemindCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSourceMixin data;

    @Option(names = "--as-of", paramLabel = "DATE", required = true, description = "The day reminders are computed for (yyyy-MM-dd).")
    String asOf;

    @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "14", description = "Reminders to send within this many days (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--lead", paramLabel = "DAYS", defaultValue = "3", description = "Remind this many days before the due date (default: ${DEFAULT-VALUE}).")
    int leadDays;

    @Option(names = "--min-probability", paramLabel = "P", defaultValue = "0.3", description = "Least purchase probability (default: ${DEFAULT-VALUE}).")
    double minProbability;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "item", description = "item or category (needs a catalog) (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "-n", paramLabel = "N", defaultValue = "20", description = "Reminders to print (default: ${DEFAULT-VALUE}).")
    int shown;

    @Override
    public Integer call() {
        LocalDate day;
        try {
            day = LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of: cannot read '" + asOf + "' as a date (expected yyyy-MM-dd)", e);
        }
        if (horizonDays < 0 || leadDays < 0 || shown < 0) {
            throw new IllegalArgumentException("--horizon, --lead and -n must be >= 0");
        }
        Replenishment trainer = switch (level) {
            case "item" -> Replenishment.perItem();
            case "category" -> Replenishment.perCategory();
            default -> throw new IllegalArgumentException("--level must be item or category, was '" + level + "'");
        };
        TerminalProgress progress = TerminalProgress.of(spec);
        Dataset dataset = progress.indeterminate("reading", () -> data.options.load(spec.commandLine().getErr()));
        if (trainer.level() == dev.tailor.replenish.Level.CATEGORY && dataset.catalog().size() == 0) {
            throw new IllegalArgumentException("--level category needs a catalog, and " + dataset.name() + " has none");
        }
        ReplenishmentModel model = progress.indeterminate("fitting cycles", () -> trainer.fit(dataset.events(),
                dataset.catalog(), day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1)));
        List<Reminder> reminders = progress.indeterminate("computing reminders", () -> model.reminders(
                Duration.ofDays(horizonDays), Duration.ofDays(leadDays), minProbability,
                dev.tailor.concurrent.Workers.defaults()));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d reminders to send by %s (lead %d days, probability >= %.2f)%n", reminders.size(),
                day.plusDays(horizonDays), leadDays, minProbability);
        out.println("| remind on | customer | what | due | probability | reorder |");
        out.println("|---|---|---|---|---|---|");
        for (Reminder r : reminders.subList(0, Math.min(shown, reminders.size()))) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s%s x%d |%n", r.remindOn(), r.customer(), r.key(), r.dueDate(),
                    r.probability(), r.lastItem(), r.lastSize().map(size -> " size " + size).orElse(""), r.lastQuantity());
        }
        return 0;
    }
}
