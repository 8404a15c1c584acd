package dev.tailor.cli;

import dev.tailor.data.EventLog;
import dev.tailor.datasets.cdnow.Cdnow;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.generator.ShopFiles;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.value.BgNbd;
import dev.tailor.value.CalibrationSummary;
import dev.tailor.value.CustomerValue;
import dev.tailor.value.GammaGamma;
import dev.tailor.value.HoldoutCheck;
import dev.tailor.value.LifetimeValue;
import dev.tailor.value.ParetoNbd;
import dev.tailor.value.RepeatBuyingModel;
import dev.tailor.value.Rfm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor value}: BG/NBD, Pareto/NBD, Gamma-Gamma and lifetime value from a transaction log. */
@Command(name = "value", mixinStandardHelpOptions = true,
        description = "Fit BG/NBD, Pareto/NBD and Gamma-Gamma on a calibration period, check them on a holdout "
                + "period, and rank customers by lifetime value. Transactions are PURCHASE events; a customer's "
                + "purchases on one day are one transaction.")
final class ValueCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--transactions", paramLabel = "FILE",
                description = "Events in Tailor's CSV layout (customer,item,time,kind,quantity,amount,...).")
        Path transactions;

        @Option(names = "--dataset", paramLabel = "NAME", description = "cdnow or cdnow-sample.")
        String dataset;
    }

    @Option(names = "--calibration-end", paramLabel = "DATE", required = true,
            description = "Last day of the calibration period (yyyy-MM-dd).")
    String calibrationEnd;

    @Option(names = "--holdout-end", paramLabel = "DATE", description = "Last day of the holdout period, for the check.")
    String holdoutEnd;

    @Option(names = "--unit-days", paramLabel = "D", defaultValue = "7", description = "Days per time unit (default: ${DEFAULT-VALUE}, weeks).")
    double unitDays;

    @Option(names = "--horizon", paramLabel = "UNITS", defaultValue = "52", description = "CLV horizon in units (default: ${DEFAULT-VALUE}).")
    double horizon;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "12", description = "Discounting periods in the horizon (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--discount", paramLabel = "RATE", defaultValue = "0.01", description = "Discount rate per period (default: ${DEFAULT-VALUE}).")
    double discount;

    @Option(names = "--out", paramLabel = "FILE", description = "Write every customer's value, ranked, as CSV.")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE", description = "Write the holdout check as a PNG chart (needs --holdout-end).")
    Path plot;

    @Option(names = "--lenient", description = "Skip bad records and report them.")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        LocalDate calEnd = date(calibrationEnd, "--calibration-end");
        LocalDate holdEnd = holdoutEnd == null ? null : date(holdoutEnd, "--holdout-end");
        if (plot != null && holdEnd == null) {
            throw new IllegalArgumentException("--plot needs --holdout-end");
        }
        // Every setting is checked before the transactions are read and the models fitted.
        if (!(unitDays > 0) || !(horizon > 0) || steps < 1 || steps > dev.tailor.value.LifetimeValue.MAX_STEPS) {
            throw new IllegalArgumentException("--unit-days and --horizon must be above 0 and --steps from 1 to "
                    + dev.tailor.value.LifetimeValue.MAX_STEPS + ", were " + unitDays + ", " + horizon + ", " + steps);
        }
        if (!(discount > -1) || Double.isInfinite(discount)) {
            throw new IllegalArgumentException("--discount must be a rate above -1 (e.g. 0.01 for 1 % per period), was "
                    + discount);
        }
        ParseMode mode = lenient ? ParseMode.LENIENT : ParseMode.STRICT;
        PrintWriter err = spec.commandLine().getErr();
        EventLog events;
        if (source.transactions != null) {
            EventLog.Builder builder = EventLog.builder();
            IngestReport report = ShopFiles.readEvents(source.transactions, mode, builder);
            if (!TerminalProgress.quiet || report.skipped() > 0) {
                err.println(report.summary());
            }
            events = builder.build();
        } else if (source.dataset.equals("cdnow")) {
            events = Cdnow.readMaster(DatasetPaths.require(Cdnow.NAME), mode).events();
        } else if (source.dataset.equals("cdnow-sample")) {
            events = Cdnow.readSample(DatasetPaths.require(Cdnow.NAME), mode).events();
        } else {
            throw new IllegalArgumentException("unknown dataset '" + source.dataset + "'; known: cdnow, cdnow-sample");
        }
        String holdoutNote = null;
        if (holdEnd != null && events.size() > 0) {
            LocalDate lastDay = LocalDate.ofEpochDay(Math.floorDiv(events.maxEpochSecond(), 86_400L));
            if (!calEnd.isBefore(lastDay)) {
                // Every actual count would be zero: a holdout of days the data do not cover.
                throw new DataProblem("--calibration-end " + calEnd + " is not before the last transaction of the data ("
                        + lastDay + "): no holdout is left to check against");
            }
            if (holdEnd.isAfter(lastDay)) {
                holdoutNote = "note: the last transaction of the data is on " + lastDay + ", "
                        + java.time.temporal.ChronoUnit.DAYS.between(lastDay, holdEnd) + " days before --holdout-end: if the"
                        + " data end there, the actual counts miss those days";
            }
        }
        CalibrationSummary summary = CalibrationSummary.of(events, calEnd, holdEnd, unitDays);
        TerminalProgress progress = TerminalProgress.of(spec);
        BgNbd.Parameters bg = progress.indeterminate("fitting BG/NBD", () -> BgNbd.fit(summary));
        ParetoNbd.Parameters pn = progress.indeterminate("fitting Pareto/NBD", () -> ParetoNbd.fit(summary));
        GammaGamma.Parameters gg = progress.indeterminate("fitting Gamma-Gamma", () -> GammaGamma.fit(summary));
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d customers, calibration to %s, unit %s days%n", summary.size(), calEnd, unitDays);
        o.printf(Locale.ROOT, "BG/NBD      r = %.4f  alpha = %.4f  a = %.4f  b = %.4f  log-likelihood %.2f%n", bg.r(), bg.alpha(),
                bg.a(), bg.b(), bg.logLikelihood());
        o.printf(Locale.ROOT, "Pareto/NBD  r = %.4f  alpha = %.4f  s = %.4f  beta = %.4f  log-likelihood %.2f%n", pn.r(),
                pn.alpha(), pn.s(), pn.beta(), pn.logLikelihood());
        o.printf(Locale.ROOT, "Gamma-Gamma p = %.4f  q = %.4f  gamma = %.4f  (fitted on %d customers with repeat purchases%s)%n",
                gg.p(), gg.q(), gg.gamma(), gg.fittedOn(), gg.leftOut() == 0 ? ""
                        : "; " + gg.leftOut() + (gg.leftOut() == 1 ? " whose repeat purchases are worth 0 or less was" : " whose repeat purchases are worth 0 or less were") + " left out of the fit and valued"
                                + " by the model's conditional mean");
        if (holdEnd != null) {
            HoldoutCheck check = HoldoutCheck.of(summary, List.<RepeatBuyingModel>of(bg, pn), 7);
            o.println();
            o.printf(Locale.ROOT, "holdout check, %.1f units after %s:%n", summary.holdoutLength(), calEnd);
            o.print(check.toMarkdown());
            if (holdoutNote != null) {
                o.println(holdoutNote);
            }
            if (plot != null) {
                check.writePng(plot, "Holdout transactions by calibration frequency");
                o.println("wrote " + plot);
            }
        }
        java.util.Map<String, Long> segments = new java.util.TreeMap<>();
        for (Rfm.Score score : Rfm.score(summary)) {
            segments.merge(score.segment(), 1L, Long::sum);
        }
        o.println();
        o.println("RFM segments (quintile scores): " + segments);
        List<CustomerValue> values = LifetimeValue.compute(summary, bg, gg, horizon, steps, discount);
        o.println();
        o.printf(Locale.ROOT, "top customers by lifetime value over %.0f units (BG/NBD x Gamma-Gamma, %.2f%% per period):%n",
                horizon, 100 * discount);
        o.println("| rank | customer | x | P(alive) | expected transactions | expected spend | CLV |");
        o.println("|---|---|---|---|---|---|---|");
        List<CustomerValue> top = new ArrayList<>(values.subList(0, Math.min(10, values.size())));
        for (int i = 0; i < top.size(); i++) {
            CustomerValue v = top.get(i);
            o.printf(Locale.ROOT, "| %d | %s | %d | %.3f | %.2f | %.2f | %.2f |%n", i + 1, v.customer(), v.x(), v.probabilityAlive(),
                    v.expectedTransactions(), v.expectedSpend(), v.lifetimeValue());
        }
        if (out != null) {
            LifetimeValue.writeCsv(values, out);
            o.println("wrote " + out);
        }
        return 0;
    }

    private static LocalDate date(String text, String option) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": cannot read '" + text + "' as a date (expected yyyy-MM-dd)", e);
        }
    }
}
