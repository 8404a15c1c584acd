package dev.tailor.value;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Customer lifetime value over a horizon: the horizon is cut into {@code steps} equal periods; period i
 * contributes its expected transactions {@code E[X(t_i)] − E[X(t_{i−1})]} times the expected spend per
 * transaction, discounted by {@code (1 + rate)^i}:
 * {@code CLV = Σ_i (E[X(t_i)] − E[X(t_{i−1})]) · E[M] / (1 + rate)^i}.
 *
 * <p>Thread-safety: stateless.
 */
public final class LifetimeValue {
    /**
     * The most discounting periods: each costs one expected-transactions evaluation per customer, so the work is
     * bounded (a century of months, or 23 years of weeks).
     */
    public static final int MAX_STEPS = 1_200;

    private LifetimeValue() {
    }

    /**
     * Every customer's value, highest first.
     *
     * @param horizon length of the horizon in the summary's units
     * @param steps number of discounting periods in the horizon (e.g. 12 for monthly over a year)
     * @param ratePerStep discount rate per period (e.g. 0.01 a month)
     * @throws IllegalArgumentException if horizon or steps are not positive, steps exceed {@value #MAX_STEPS}, or the
     *     rate is not above −1
     */
    public static List<CustomerValue> compute(CalibrationSummary summary, RepeatBuyingModel transactions,
            GammaGamma.Parameters spend, double horizon, int steps, double ratePerStep) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(spend, "spend");
        if (!(horizon > 0) || steps < 1 || steps > MAX_STEPS || !(ratePerStep > -1)) {
            throw new IllegalArgumentException("horizon must be positive, steps in [1, " + MAX_STEPS + "] and the rate above"
                    + " -1, were " + horizon + ", " + steps + ", " + ratePerStep);
        }
        List<CustomerValue> values = new ArrayList<>(summary.size());
        for (int c = 0; c < summary.size(); c++) {
            int x = summary.x(c);
            double tx = summary.tx(c);
            double bigT = summary.bigT(c);
            double perTransaction = spend.expectedSpend(x, summary.meanRepeatSpend(c));
            double clv = 0;
            double previous = 0;
            for (int i = 1; i <= steps; i++) {
                double cumulative = transactions.expectedTransactions(horizon * i / steps, x, tx, bigT);
                clv += (cumulative - previous) * perTransaction / Math.pow(1 + ratePerStep, i);
                previous = cumulative;
            }
            values.add(new CustomerValue(summary.customer(c), x, tx, bigT, transactions.probabilityAlive(x, tx, bigT),
                    previous, perTransaction, clv));
        }
        values.sort(Comparator.comparingDouble(CustomerValue::lifetimeValue).reversed()
                .thenComparing(CustomerValue::customer));
        return values;
    }

    /**
     * Whom to send an offer that costs {@code costPerOffer}, within {@code budget}: the most valuable
     * customers whose lifetime value exceeds the cost, as many as the budget pays for.
     *
     * @param ranked values, highest first (as {@link #compute} returns them)
     * @throws IllegalArgumentException if the cost is not positive or the budget is negative
     */
    public static List<CustomerValue> chooseWithinBudget(List<CustomerValue> ranked, double costPerOffer, double budget) {
        if (!(costPerOffer > 0) || !(budget >= 0)) {
            throw new IllegalArgumentException("costPerOffer must be > 0 and budget >= 0, were " + costPerOffer + ", " + budget);
        }
        List<CustomerValue> chosen = new ArrayList<>();
        double spent = 0;
        for (CustomerValue value : ranked) {
            if (value.lifetimeValue() <= costPerOffer || spent + costPerOffer > budget) {
                break;
            }
            chosen.add(value);
            spent += costPerOffer;
        }
        return chosen;
    }

    /** Writes the values as CSV, one row per customer, in the given order. */
    public static void writeCsv(List<CustomerValue> values, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("rank,customer,x,t_x,T,p_alive,expected_transactions,expected_spend,clv\n");
            int rank = 1;
            for (CustomerValue v : values) {
                out.write(String.format(Locale.ROOT, "%d,%s,%d,%.4f,%.4f,%.6f,%.6f,%.4f,%.4f%n", rank++, v.customer(), v.x(),
                        v.tx(), v.bigT(), v.probabilityAlive(), v.expectedTransactions(), v.expectedSpend(), v.lifetimeValue()));
            }
        }
    }
}
