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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor remind}: who is due for what, and when. */
@Command(name = "remind", mixinStandardHelpOptions = true,
        description = "Learn each customer's repurchase cycles from purchases up to --as-of (or take them from a model "
                + "file, --model) and list who is due to buy what again within the horizon, most probable first, with the "
                + "last item for a one-click reorder.")
final class RemindCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Data (without --model):%n")
    DataOptions data;

    @Option(names = "--model", paramLabel = "FILE", description = "An offers model ('train') or a replenishment model "
            + "(--save) to take the cycles from, as of the day it was trained to, without reading any events.")
    java.nio.file.Path modelFile;

    @Option(names = "--save", paramLabel = "FILE", description = "With a data source: also save the fitted cycles (a "
            + "replenishment model) here.")
    java.nio.file.Path save;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The day reminders are computed for (yyyy-MM-dd); "
            + "needed with a data source.")
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
    public Integer call() throws java.io.IOException {
        if ((modelFile == null) == (data == null)) {
            throw new IllegalArgumentException("give either --model FILE or a data source (--dataset NAME or --events FILE)");
        }
        if (modelFile != null && (asOf != null || save != null || !"item".equals(level))) {
            throw new IllegalArgumentException("--as-of, --save and --level describe training from data; a --model holds "
                    + "its cycles as of the day it was trained to");
        }
        LocalDate day = null;
        if (modelFile == null) {
            if (asOf == null) {
                throw new IllegalArgumentException("--as-of DATE is needed with a data source");
            }
            try {
                day = LocalDate.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--as-of: cannot read '" + asOf + "' as a date (expected yyyy-MM-dd)", e);
            }
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
        ReplenishmentModel model;
        String dataSpan = null;
        if (modelFile != null) {
            Object loaded = dev.tailor.io.ModelRegistry.load(modelFile);
            if (loaded instanceof dev.tailor.offer.OffersModel offers) {
                model = offers.replenishment().orElseThrow(() -> new IllegalArgumentException(modelFile
                        + ": this offers model has no replenishment source (its weight was 0)"));
            } else if (loaded instanceof ReplenishmentModel cycles) {
                model = cycles;
            } else {
                throw new IllegalArgumentException(modelFile + ": holds a " + loaded.getClass().getSimpleName()
                        + ", not an offers or replenishment model");
            }
            day = LocalDate.ofEpochDay((long) Math.floor(model.fittedAsOfDay()));
        } else {
            LocalDate until = day;
            Dataset dataset = progress.indeterminate("reading", () -> data.load(spec.commandLine().getErr()));
            if (trainer.level() == dev.tailor.replenish.Level.ITEM) {
                DataProblem.requireItemsToRemindOf(dataset.events(), dataset.name());
            }
            dataSpan = span(dataset.events());
            if (trainer.level() == dev.tailor.replenish.Level.CATEGORY && dataset.catalog().size() == 0) {
                throw new IllegalArgumentException("--level category needs a catalog, and " + dataset.name() + " has none");
            }
            model = progress.indeterminate("fitting cycles", () -> trainer.fit(dataset.events(),
                    dataset.catalog(), until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1)));
            if (save != null) {
                model.save(save);
                spec.commandLine().getOut().println("saved the cycles to " + save);
            }
        }
        ReplenishmentModel cycles = model;
        List<Reminder> reminders = progress.indeterminate("computing reminders", () -> cycles.reminders(
                Duration.ofDays(horizonDays), Duration.ofDays(leadDays), minProbability,
                dev.tailor.concurrent.Workers.defaults()));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d reminders to send by %s (lead %d days, probability >= %.2f)%n", reminders.size(),
                day.plusDays(horizonDays), leadDays, minProbability);
        if (reminders.isEmpty()) {
            out.println(whyNone(cycles, day, dataSpan));
            return 0;
        }
        out.println("| remind on | customer | what | due | probability | reorder |");
        out.println("|---|---|---|---|---|---|");
        for (Reminder r : reminders.subList(0, Math.min(shown, reminders.size()))) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s%s x%d |%n", r.remindOn(), OffersCommand.shown(r.customer()),
                    OffersCommand.shown(r.key()), r.dueDate(), r.probability(), OffersCommand.shown(r.lastItem()),
                    r.lastSize().map(size -> " size " + OffersCommand.shown(size)).orElse(""), r.lastQuantity());
        }
        return 0;
    }

    /** The first and last day of a log's events, for messages. */
    private static String span(dev.tailor.data.EventLog events) {
        return events.size() == 0 ? "no events" : "events from " + LocalDate.ofEpochDay(Math.floorDiv(events.minEpochSecond(),
                86_400L)) + " to " + LocalDate.ofEpochDay(Math.floorDiv(events.maxEpochSecond(), 86_400L));
    }

    /**
     * Why no reminder is due: nothing bought before the as-of day, no one bought anything twice (no cycle to learn),
     * or cycles that fall due later or less surely than asked — then when the first one would be, so the user knows
     * which setting to move.
     */
    private String whyNone(ReplenishmentModel cycles, LocalDate day, String dataSpan) {
        String data = dataSpan == null ? "" : " (the data hold " + dataSpan + ")";
        if (cycles.historyCount() == 0) {
            return "why none: no purchase, rental or wear by " + day + data + " — cycles are learned from those (ratings and"
                    + " views are not purchases)";
        }
        List<Reminder> any = cycles.reminders(Duration.ofDays(3650), Duration.ofDays(leadDays), 0,
                dev.tailor.concurrent.Workers.defaults());
        if (any.isEmpty()) {
            return "why none: " + cycles.historyCount() + " customer-" + level + " histories by " + day + data
                    + ", none with a purchase expected within ten years (no one bought the same " + level
                    + " again, so there is no cycle to learn; --level category pools items of a category)";
        }
        Reminder earliest = any.stream().min(java.util.Comparator.comparing(Reminder::remindOn)).orElseThrow();
        Reminder likeliest = any.get(0);
        return String.format(Locale.ROOT, "why none: the earliest reminder would be on %s (%d days after %s, probability %.2f),"
                + " the likeliest purchase within ten years has probability %.2f; a longer --horizon or a lower"
                + " --min-probability shows them", earliest.remindOn(), java.time.temporal.ChronoUnit.DAYS.between(day,
                earliest.remindOn()), day, earliest.probability(), likeliest.probability());
    }
}
