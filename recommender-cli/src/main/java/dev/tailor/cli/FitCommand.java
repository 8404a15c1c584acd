package dev.tailor.cli;

import dev.tailor.fit.FitData;
import dev.tailor.fit.FitEvaluation;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.FitSignal;
import dev.tailor.fit.SizeFit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor fit}: evaluate fit prediction and size advice against baselines. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Learn how sizes fit from fit feedback (small / fit / large) and evaluate it on held-out feedback: "
                + "average AUC, per-outcome AUC, accuracy, macro-F1 (warm and cold customers and items) of the size-fit "
                + "model against the class prior, the smoothed item-size prior, the true-size signal alone and the "
                + "observational model (not monotone in size, no advice); then size advice against each customer's most "
                + "frequent size.")
final class FitCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSourceMixin data;

    @Option(names = "--split", paramLabel = "SPEC", defaultValue = "random:0.1",
            description = "random:F (seeded split: test and validation F each, the paper's 80/10/10 at 0.1) or "
                    + "temporal-at:DATE (test from DATE on; the latest 10 %% before it for validation) (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--save", paramLabel = "FILE", description = "Also train on all feedback and save the model here.")
    Path save;

    @Override
    public Integer call() throws IOException {
        Split chosen = Split.parse(split);
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = TerminalProgress.of(spec);
        FitData fit = progress.indeterminate("reading", () -> data.options.fitData(spec.commandLine().getErr()));
        if (fit.size() == 0) {
            throw new DataProblem("the data hold no fit feedback (events with a size and small / fits / large)");
        }
        FitEvaluation.Split parts = chosen.apply(fit, data.options.seed);
        out.printf(Locale.ROOT, "%s: train %d, validation %d, test %d%n%n", fit, parts.train().length,
                parts.validation().length, parts.test().length);
        Map<String, SizeFit> trainers = new LinkedHashMap<>();
        trainers.put("class prior", SizeFit.builder().signals(Set.of()).build());
        // The baselines are the logistic stage over their signals alone, without trees or size response.
        trainers.put("item-size prior", SizeFit.builder().signals(EnumSet.of(FitSignal.ITEM_SIZE)).monotoneInSize(false)
                .boostedTrees(false).build());
        trainers.put("true-size only", SizeFit.builder().signals(EnumSet.of(FitSignal.TRUE_SIZE)).boostedTrees(false)
                .sizeResponse(0).build());
        trainers.put("observational", SizeFit.builder().monotoneInSize(false).progress(progress).build());
        trainers.put("tailor size-fit", SizeFit.builder().progress(progress).build());
        int[] train = parts.trainAndValidation();
        out.printf("%-16s %8s %8s %8s %8s %8s %8s %14s %14s%n", "model", "avgAUC", "small", "fit", "large", "accuracy",
                "macroF1", "warm/cold cust", "warm/cold item");
        FitModel model = null;
        for (Map.Entry<String, SizeFit> entry : trainers.entrySet()) {
            model = progress.indeterminate("training " + entry.getKey(), () -> entry.getValue().train(fit, train));
            FitEvaluation.Report r = FitEvaluation.evaluate(model, fit, parts.test());
            out.printf(Locale.ROOT, "%-16s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %6.4f/%6.4f %6.4f/%6.4f%n", entry.getKey(),
                    r.all().averageAuc(), r.all().aucSmall(), r.all().aucFits(), r.all().aucLarge(), r.all().accuracy(),
                    r.all().macroF1(), r.warmCustomers().averageAuc(), r.coldCustomers().averageAuc(),
                    r.warmItems().averageAuc(), r.coldItems().averageAuc());
        }
        FitEvaluation.AdviceMetrics ours = FitEvaluation.advice(model, fit, parts.test());
        FitEvaluation.AdviceMetrics baseline = FitEvaluation.mostFrequentSizeAdvice(fit, train, parts.test());
        out.printf(Locale.ROOT, "%nsize advice on %d held-out rentals marked fit (advised = rented, within one size), "
                + "%d marked small (advice larger), %d marked large (advice smaller):%n", ours.fitted(), ours.tooSmall(),
                ours.tooLarge());
        out.printf(Locale.ROOT, "  tailor size-fit        %.4f  %.4f  %.4f  %.4f%n", ours.exact(), ours.withinOne(),
                ours.largerAfterSmall(), ours.smallerAfterLarge());
        out.printf(Locale.ROOT, "  most frequent size     %.4f  %.4f  %.4f  %.4f%n", baseline.exact(), baseline.withinOne(),
                baseline.largerAfterSmall(), baseline.smallerAfterLarge());
        if (save != null) {
            FitModel all = progress.indeterminate("training on all feedback", () -> SizeFit.builder().build().train(fit));
            all.save(save);
            out.println("saved the model trained on all " + fit.size() + " observations to " + save);
        }
        return 0;
    }

    /** A parsed {@code --split}. */
    private record Split(double fraction, Instant cut) {
        static Split parse(String spec) {
            if (spec.startsWith("random:")) {
                double f;
                try {
                    f = Double.parseDouble(spec.substring("random:".length()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--split random:F needs a number F, was '" + spec + "'");
                }
                if (!(f > 0 && f < 0.5)) {
                    throw new IllegalArgumentException("--split random:F needs 0 < F < 0.5, was " + f);
                }
                return new Split(f, null);
            }
            if (spec.startsWith("temporal-at:")) {
                String date = spec.substring("temporal-at:".length());
                try {
                    return new Split(0, LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--split temporal-at:DATE needs a date such as 2017-01-01, was '" + date + "'");
                }
            }
            throw new IllegalArgumentException("--split must be random:F or temporal-at:DATE, was '" + spec + "'");
        }

        FitEvaluation.Split apply(FitData data, long seed) {
            return cut == null ? FitEvaluation.randomSplit(data, 1 - 2 * fraction, fraction, seed)
                    : FitEvaluation.temporalSplit(data, cut, 0.1);
        }
    }
}
