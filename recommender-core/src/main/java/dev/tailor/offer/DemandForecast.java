package dev.tailor.offer;

import dev.tailor.internal.ArrayCodec;
import dev.tailor.internal.NewtonMinimizer;
import dev.tailor.recommend.kit.TopN;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each item's expected takes in the coming step (a week, say), named {@code "forecast"}: a Poisson regression of
 * the takes in a step on the item's recent counts (7 to 365 days), takes ever, age since launch, days since its last
 * take, the same weeks a year before (season) and its weekly rate since launch, fitted on the steps before the
 * model's cut-off (each step's features from the takes before it only). The same list for everyone, filtered by the
 * rules — what a shop shows when it knows nothing of the customer, and what recent counts alone do not find: new
 * items climbing, old ones fading.
 */
final class DemandForecast implements OfferSource {
    private static final Logger LOG = LoggerFactory.getLogger(DemandForecast.class);
    private static final int CACHED_DAYS = 8;

    private final TakeHistory history;
    private final Duration step;
    /** Intercept, then one coefficient per standardized item feature. */
    private final double[] coefficients;
    private final double[] mean;
    private final double[] scale;
    private final DayCache<double[]> ratesByDay;

    DemandForecast(TakeHistory history, Duration step, double[] coefficients, double[] mean, double[] scale) {
        this.history = history;
        this.ratesByDay = new DayCache<>(CACHED_DAYS, day -> expectedTakes(history.demandAt(day * TakeHistory.DAY)));
        this.step = step;
        this.coefficients = coefficients;
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Fits the forecast on {@code steps} steps before {@code cutSecond} (the first second not trained on).
     *
     * @throws IllegalArgumentException if no step has an item taken before it
     */
    static DemandForecast train(TakeHistory history, long cutSecond, Duration step, int steps) {
        int f = TakeHistory.ITEM_FEATURES.length;
        List<double[]> rows = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            long from = cutSecond - s * step.getSeconds();
            TakeHistory.State state = history.demandAt(from);
            // What a list is judged on: takes of items new to a customer who had taken something before.
            int[] takes = new int[state.itemCount];
            for (int t = history.lowerBound(from); t < history.time.length && history.time[t] < from + step.getSeconds(); t++) {
                int c = history.taker[t];
                boolean known = state.takenStart[c + 1] > state.takenStart[c];
                if (known && Arrays.binarySearch(state.taken, state.takenStart[c], state.takenStart[c + 1], history.item[t]) < 0) {
                    takes[history.item[t]]++;
                }
            }
            for (int it = 0; it < state.itemCount; it++) {
                if (state.seen[it]) {
                    rows.add(Arrays.copyOfRange(state.itemFeatures, it * f, (it + 1) * f));
                    counts.add(takes[it]);
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no item was taken before the " + steps + " steps of " + step
                    + " before the cut-off: nothing to forecast from");
        }
        double[][] x = rows.toArray(double[][]::new);
        double[] mean = new double[f];
        double[] scale = new double[f];
        Standardize.fit(x, mean, scale);
        double[] y = counts.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] beta = poisson(x, y, mean, scale, 1.0);
        LOG.info("demand forecast over {} item-steps: coefficients {}", x.length, Arrays.toString(beta));
        return new DemandForecast(history, step, beta, mean, scale);
    }

    /** Ridge-penalized Poisson regression by Newton's method (intercept unpenalized); standardized features. */
    private static double[] poisson(double[][] x, double[] y, double[] mean, double[] scale, double ridge) {
        int d = mean.length + 1;
        double[] beta = new double[d];
        double average = Arrays.stream(y).average().orElse(0);
        beta[0] = Math.log(Math.max(average, 1e-6));
        double[] z = new double[d];
        return NewtonMinimizer.minimize((point, descent, hessian) -> {
            double loss = 0;
            for (int r = 0; r < x.length; r++) {
                Standardize.row(x[r], mean, scale, z);
                double eta = 0;
                for (int j = 0; j < d; j++) {
                    eta += point[j] * z[j];
                }
                double mu = Math.exp(Math.min(eta, 30));
                loss += mu - y[r] * eta;
                double residual = y[r] - mu;
                for (int j = 0; j < d; j++) {
                    descent[j] += residual * z[j];
                    double w = mu * z[j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j * d + k] += w * z[k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                if (j > 0) {
                    loss += 0.5 * ridge * point[j] * point[j];
                    descent[j] -= ridge * point[j];
                    hessian[j * d + j] += ridge;
                }
                for (int k = 0; k < j; k++) {
                    hessian[k * d + j] = hessian[j * d + k];
                }
            }
            return loss;
        }, beta, 1e-10, 100);
    }

    @Override
    public String name() {
        return "forecast";
    }

    /** The step the forecast looks ahead. */
    Duration step() {
        return step;
    }

    TakeHistory history() {
        return history;
    }

    /** Expected takes of every item in the step from the start of the request's day (0 for items never taken). */
    double[] expectedTakes(long asOfSecond) {
        return ratesByDay.at(asOfSecond);
    }

    double[] expectedTakes(TakeHistory.State state) {
        int f = TakeHistory.ITEM_FEATURES.length;
        double[] rates = new double[state.itemCount];
        double[] z = new double[f + 1];
        double[] row = new double[f];
        for (int it = 0; it < state.itemCount; it++) {
            if (state.seen[it]) {
                System.arraycopy(state.itemFeatures, it * f, row, 0, f);
                Standardize.row(row, mean, scale, z);
                double eta = 0;
                for (int j = 0; j < z.length; j++) {
                    eta += coefficients[j] * z[j];
                }
                rates[it] = Math.exp(Math.min(eta, 30));
            }
        }
        return rates;
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        double[] rates = expectedTakes(request.asOf().getEpochSecond());
        TopN top = new TopN(n);
        for (int it = 0; it < rates.length; it++) {
            if (rates[it] > 0 && !customer.excluded(history.items, it)) {
                top.offer(it, (float) rates[it]);
            }
        }
        List<Candidate> out = new ArrayList<>();
        double days = step.getSeconds() / (double) TakeHistory.DAY;
        for (int it : top.drain(0).items()) {
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("expectedTakes", rates[it]);
            figures.put("stepDays", days);
            out.add(Candidate.of(history.items.externalId(it), rates[it], new Reason(Reason.Kind.IN_DEMAND, List.of(),
                    String.format(Locale.ROOT, "expected to be in demand (%.1f takes forecast for the next %.0f days)",
                            rates[it], days), figures)));
        }
        return out;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(step.getSeconds());
        ArrayCodec.writeDoubles(coefficients, out);
        ArrayCodec.writeDoubles(mean, out);
        ArrayCodec.writeDoubles(scale, out);
    }

    static DemandForecast readFrom(DataInputStream in, TakeHistory history) throws IOException {
        long seconds = in.readLong();
        int f = TakeHistory.ITEM_FEATURES.length;
        double[] coefficients = ArrayCodec.readDoubles(in, f + 1);
        double[] mean = ArrayCodec.readDoubles(in, f);
        double[] scale = ArrayCodec.readDoubles(in, f);
        if (seconds <= 0 || coefficients.length != f + 1 || mean.length != f || scale.length != f) {
            throw new IOException("demand forecast: a step of " + seconds + " s and " + coefficients.length
                    + " coefficients for " + f + " features");
        }
        Standardize.requireFinite(coefficients, mean, scale);
        return new DemandForecast(history, Duration.ofSeconds(seconds), coefficients, mean, scale);
    }
}
