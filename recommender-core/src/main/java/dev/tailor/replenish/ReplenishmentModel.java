package dev.tailor.replenish;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.Configuration;
import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.data.TrainedModel;
import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fitted replenishment cycles (see {@link Replenishment}): per-key priors and per-(customer, key)
 * sufficient statistics, from which forecasts are computed on demand for any as-of day.
 *
 * <p>A forecast integrates over the posterior of the customer's mean log cycle on a fixed grid of
 * {@value #GRID} points: prior × likelihood of their own intervals × survival of the time since their
 * last purchase. Cost: about 100 normal-CDF evaluations for a probability, a few thousand for a due date.
 *
 * <p>Thread-safety: immutable.
 */
public final class ReplenishmentModel implements TrainedModel {
    static final int GRID = 33;

    private final Level level;
    private final String[] keyNames;
    private final PairTable pairs;
    private final KeyPriors priors;
    private final IdIndex customers;
    private final IdIndex items;
    private final long fittedAsOfSecond;
    private final double calibrationShift;
    private final double calibrationTemper;

    ReplenishmentModel(Level level, String[] keyNames, PairTable pairs, KeyPriors priors, IdIndex customers,
            IdIndex items, long fittedAsOfSecond) {
        this(level, keyNames, pairs, priors, customers, items, fittedAsOfSecond, 0, 1);
    }

    private ReplenishmentModel(Level level, String[] keyNames, PairTable pairs, KeyPriors priors, IdIndex customers,
            IdIndex items, long fittedAsOfSecond, double calibrationShift, double calibrationTemper) {
        this.calibrationShift = calibrationShift;
        this.calibrationTemper = calibrationTemper;
        this.level = level;
        this.keyNames = keyNames;
        this.pairs = pairs;
        this.priors = priors;
        // The model's own ids: ingesting more events into the log's index cannot reach them.
        this.customers = customers.frozenCopy();
        this.items = items.frozenCopy();
        this.fittedAsOfSecond = fittedAsOfSecond;
    }

    static final String FORMAT = "tailor.replenishment-model";
    static final int VERSION = 1;

    void writeTo(DataOutputStream out) throws IOException {
        out.writeByte(level.ordinal());
        customers.writeTo(out);
        items.writeTo(out);
        out.writeInt(keyNames.length);
        for (String name : keyNames) {
            out.writeUTF(name);
        }
        out.writeLong(fittedAsOfSecond);
        out.writeDouble(calibrationShift);
        out.writeDouble(calibrationTemper);
        priors.writeTo(out);
        pairs.writeTo(out);
    }

    static ReplenishmentModel readFrom(DataInputStream in) throws IOException {
        int levelOrdinal = in.readByte();
        if (levelOrdinal < 0 || levelOrdinal >= Level.values().length) {
            throw new IOException("replenishment model: unknown level " + levelOrdinal);
        }
        IdIndex customers = IdIndex.readFrom(in);
        IdIndex items = IdIndex.readFrom(in);
        int keys = in.readInt();
        if (keys < 0 || keys >= (1 << 20)) {
            throw new IOException("replenishment model: " + keys + " keys");
        }
        ArrayCodec.requireBytes(in, 2L * keys, keys + " key names");
        String[] keyNames = new String[keys];
        for (int k = 0; k < keys; k++) {
            keyNames[k] = in.readUTF();
        }
        long asOf = in.readLong();
        double shift = in.readDouble();
        double temper = in.readDouble();
        if (asOf < EventLog.MIN_EPOCH_SECOND || asOf > EventLog.MAX_EPOCH_SECOND
                || !(Math.abs(shift) < 1e3) || !(temper >= 0 && temper < 1e3)) {
            throw new IOException("replenishment model: as-of time or calibration out of range");
        }
        KeyPriors priors = KeyPriors.readFrom(in, keys);
        PairTable pairs = PairTable.readFrom(in, customers.size(), keys, items.size());
        return new ReplenishmentModel(Level.values()[levelOrdinal], keyNames, pairs, priors, customers, items, asOf, shift,
                temper);
    }

    /** {@code "replenishment-item"} or {@code "replenishment-category"}, after the level of its keys. */
    @Override
    public String name() {
        return "replenishment-" + level.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public IdIndex customers() {
        return customers;
    }

    /** The items of the training log (the keys are {@link #keyName(int)}: items or categories). */
    @Override
    public IdIndex items() {
        return items;
    }

    /** The same model with the repeat probability recalibrated (see {@link Replenishment#calibration}). */
    ReplenishmentModel calibrated(double shift, double temper) {
        return new ReplenishmentModel(level, keyNames, pairs, priors, customers, items, fittedAsOfSecond, shift, temper);
    }

    /**
     * The calibration of the repeat probability, {@code logit r = shift + logit(prior) + temper · ln S}: shift 0
     * and temper 1 when the model is not recalibrated.
     */
    public double[] calibration() {
        return new double[] {calibrationShift, calibrationTemper};
    }

    /** Number of (customer, key) pairs with history. */
    int pairCount() {
        return pairs.size;
    }

    int pairCustomer(int p) {
        return pairs.customer[p];
    }

    int pairKey(int p) {
        return pairs.key[p];
    }

    boolean pairReturnedLast(int p) {
        return pairs.returnedLast[p];
    }

    /** The level cycles were learned at. */
    public Level level() {
        return level;
    }

    /** Number of keys (items or categories). */
    public int keyCount() {
        return keyNames.length;
    }

    /** Name of a key (external item id or category name). */
    public String keyName(int key) {
        return keyNames[key];
    }

    /** The smoothed share of a key's customers who bought it more than once. */
    public double repeatRate(int key) {
        return priors.repeatRate[key];
    }

    /** The population's typical per-unit cycle of a key, in days (e^μ_k). */
    public double typicalCycleDays(int key) {
        return Math.exp(priors.mu[key]);
    }

    /** The mean per-unit interval of a key over all its customers, in days (a baseline's prediction). */
    public double meanIntervalDays(int key) {
        return priors.meanIntervalDays[key];
    }

    /** Number of (customer, key) histories. */
    public int historyCount() {
        return pairs.size;
    }

    /** The keys customer c has a history with, ascending. */
    public int[] keysOf(int customer) {
        if (customer < 0 || customer >= pairs.customerStart.length - 1) {
            return new int[0];
        }
        int from = pairs.customerStart[customer];
        int to = pairs.customerStart[customer + 1];
        int[] keys = new int[to - from];
        for (int p = from; p < to; p++) {
            keys[p - from] = pairs.key[p];
        }
        return keys;
    }

    /** Number of purchases customer c made of key k (0 without a history). */
    public int purchases(int customer, int key) {
        int p = pair(customer, key);
        return p < 0 ? 0 : pairs.purchases[p];
    }

    /** Day (since the epoch) of customer c's last purchase of key k, or {@link Long#MIN_VALUE} without one. */
    public long lastPurchaseDay(int customer, int key) {
        int p = pair(customer, key);
        return p < 0 ? Long.MIN_VALUE : pairs.lastDay[p];
    }

    /** The interval between customer c's last two purchases of k in days, or NaN with fewer than two. */
    public double lastIntervalDays(int customer, int key) {
        int p = pair(customer, key);
        return p < 0 ? Double.NaN : pairs.lastIntervalDays(p);
    }

    private int pair(int customer, int key) {
        if (customer < 0 || customer >= pairs.customerStart.length - 1) {
            return -1;
        }
        for (int p = pairs.customerStart[customer]; p < pairs.customerStart[customer + 1]; p++) {
            if (pairs.key[p] == key) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Customer c's estimated per-unit cycle of key k in days: e to the posterior mean of their log cycle
     * from the prior and their own intervals (no censoring), or NaN without a history.
     */
    public double estimatedCycleDays(int customer, int key) {
        int p = pair(customer, key);
        if (p < 0) {
            return Double.NaN;
        }
        double sigma2 = priors.sigma2[key];
        double precision = 1 / priors.tau2[key] + pairs.intervals[p] / sigma2;
        return Math.exp((priors.mu[key] / priors.tau2[key] + pairs.sumY[p] / sigma2) / precision);
    }

    /**
     * Customer c's next purchase of key k as seen on {@code asOfDay} (days since the epoch, at or after the
     * fit's as-of day); empty when they have no history with it or returned it last.
     */
    public Optional<CycleForecast> forecast(int customer, int key, double asOfDay) {
        int p = pair(customer, key);
        return p < 0 || pairs.returnedLast[p] ? Optional.empty() : Optional.of(forecast(p, asOfDay));
    }

    CycleForecast forecast(int p, double asOfDay) {
        int k = pairs.key[p];
        double sigma2 = priors.sigma2[k];
        double sigma = Math.sqrt(sigma2);
        int m = pairs.intervals[p];
        double precision = 1 / priors.tau2[k] + m / sigma2;
        double mean = (priors.mu[k] / priors.tau2[k] + pairs.sumY[p] / sigma2) / precision;
        double sd = Math.sqrt(1 / precision);
        double q = pairs.lastQuantity[p];
        double elapsed = asOfDay - pairs.lastDay[p];
        double[] mu = new double[GRID];
        double[] weight = new double[GRID];
        // The grid spans the prior-and-intervals posterior, extended to the cycles the elapsed time makes
        // plausible: far past every cycle in ±4 sd, the censoring would otherwise pile all mass on the edge.
        double low = mean - 4 * sd;
        double high = mean + 4 * sd;
        if (elapsed > 0) {
            high = Math.max(high, Math.log(elapsed / q) + 2 * sigma);
        }
        double step = (high - low) / (GRID - 1);
        double total = 0;
        double uncensored = 0;
        for (int g = 0; g < GRID; g++) {
            mu[g] = low + step * g;
            double z = (mu[g] - mean) / sd;
            double prior = Math.exp(-0.5 * z * z);
            double survival = elapsed > 0 ? 1 - Normal.cdf((Math.log(elapsed / q) - mu[g]) / sigma) : 1;
            weight[g] = prior * survival;
            total += weight[g];
            uncensored += prior;
        }
        // No purchase so far is also evidence on whether the customer rebuys at all: with prior p and
        // S = P(no purchase yet | rebuyer), P(rebuyer | no purchase yet) = pS / (pS + 1 − p).
        double silence = total / uncensored;
        if (!(total > 0)) {
            // Far past every plausible cycle: the survival underflowed everywhere, so keep the longest cycle.
            Arrays.fill(weight, 0);
            weight[GRID - 1] = 1;
            total = 1;
        }
        for (int g = 0; g < GRID; g++) {
            weight[g] /= total;
        }
        double prior = pairs.purchases[p] >= 2 ? priors.continuationRate[k] : priors.repeatRate[k];
        // Bayes: logit r = logit(prior) + ln S; recalibrated: shift + logit(prior) + temper · ln S.
        double repeat;
        if (calibrationShift == 0 && calibrationTemper == 1) {
            repeat = prior * silence / (prior * silence + 1 - prior);
        } else {
            double logit = calibrationShift + Math.log(prior / (1 - prior)) + calibrationTemper * Math.log(silence);
            repeat = Double.isNaN(logit) ? 0 : 1 / (1 + Math.exp(-logit));
        }
        return new CycleForecast(pairs.lastDay[p], q, asOfDay, sigma, mu, weight, repeat, prior, silence);
    }

    /**
     * Who is due for what: every (customer, key) whose reminder day — the due date minus the lead time —
     * falls within the horizon from the fit's as-of date, with a purchase probability of at least
     * {@code minProbability} between the as-of date and horizon + lead; most probable first.
     *
     * @param workers the threads that compute them (the customers are split in chunks)
     * @throws IllegalArgumentException if horizon or lead are negative, or the probability is outside [0, 1]
     */
    public List<Reminder> reminders(Duration horizon, Duration leadTime, double minProbability, Workers workers) {
        return reminders(horizon, leadTime, minProbability, workers, List.of());
    }

    /**
     * The same, attaching to each reminder the customer's latest configuration (at or before the as-of
     * time) of the product they bought last, so a made-to-measure reorder is one click.
     *
     * @param configurations configuration orders; those without a customer are ignored
     */
    public List<Reminder> reminders(Duration horizon, Duration leadTime, double minProbability, Workers workers,
            List<Configuration> configurations) {
        Objects.requireNonNull(configurations, "configurations");
        Map<String, Configuration> latest = new HashMap<>();
        for (Configuration c : configurations) {
            if (!c.hasCustomer() || (c.time() != null && c.time().getEpochSecond() > fittedAsOfSecond)) {
                continue;
            }
            latest.merge(c.customer() + '\u0000' + c.product(), c, (a, b) -> b.time() == null || a.time() != null
                    && a.time().isAfter(b.time()) ? a : b);
        }
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(leadTime, "leadTime");
        if (horizon.isNegative() || leadTime.isNegative() || !(minProbability >= 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("horizon and lead time must be >= 0 and minProbability in [0, 1]");
        }
        double horizonDays = horizon.getSeconds() / 86_400.0;
        double leadDays = leadTime.getSeconds() / 86_400.0;
        int customerCount = pairs.customerStart.length - 1;
        int chunks = Math.max(1, Math.min(customerCount, workers.threads() * 16));
        List<List<Reminder>> parts = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            parts.add(new ArrayList<>());
        }
        workers.forEach("reminders", chunks, chunk -> remindersIn((int) ((long) customerCount * chunk / chunks),
                (int) ((long) customerCount * (chunk + 1) / chunks), horizonDays, leadDays, minProbability, latest,
                parts.get(chunk)));
        List<Reminder> all = new ArrayList<>();
        parts.forEach(all::addAll);
        all.sort(Comparator.comparingDouble(Reminder::probability).reversed().thenComparing(Reminder::customer)
                .thenComparing(Reminder::key));
        return all;
    }

    /**
     * The reminders of the customers with dense ids in {@code [from, to)}, in customer order, with the rules of
     * {@link #reminders(Duration, Duration, double, Workers)}: engines that split the customers over machines
     * (Spark) call this per slice, so every slice is decided by the same code.
     *
     * @throws IllegalArgumentException if the range is outside the model's customers, or the settings are invalid
     */
    public List<Reminder> remindersOf(int from, int to, Duration horizon, Duration leadTime, double minProbability) {
        int customerCount = pairs.customerStart.length - 1;
        if (from < 0 || to < from || to > customerCount) {
            throw new IllegalArgumentException("customers [" + from + ", " + to + ") are not within [0, " + customerCount + ")");
        }
        if (horizon.isNegative() || leadTime.isNegative() || !(minProbability >= 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("horizon and lead time must be >= 0 and minProbability in [0, 1]");
        }
        List<Reminder> out = new ArrayList<>();
        remindersIn(from, to, horizon.getSeconds() / 86_400.0, leadTime.getSeconds() / 86_400.0, minProbability,
                Map.of(), out);
        return out;
    }

    private void remindersIn(int from, int to, double horizonDays, double leadDays, double minProbability,
            Map<String, Configuration> latest, List<Reminder> out) {
        double asOfDay = fittedAsOfSecond / 86_400.0;
        for (int p = pairs.customerStart[from]; p < pairs.customerStart[to]; p++) {
            if (pairs.returnedLast[p]) {
                continue;
            }
            CycleForecast f = forecast(p, asOfDay);
            double probability = f.probabilityWithin(asOfDay, asOfDay + horizonDays + leadDays);
            if (probability < minProbability || probability <= 0) {
                continue;
            }
            double due = f.dueDay();
            double remind = Math.max(asOfDay, due - leadDays);
            if (remind > asOfDay + horizonDays) {
                continue;
            }
            String customer = customers.externalId(pairs.customer[p]);
            String lastItem = items.externalId(pairs.lastItem[p]);
            out.add(new Reminder(customer, keyNames[pairs.key[p]], LocalDate.ofEpochDay((long) Math.floor(due)),
                    LocalDate.ofEpochDay((long) Math.floor(remind)), probability, lastItem,
                    Optional.ofNullable(pairs.lastSize[p]), pairs.lastQuantity[p],
                    Optional.ofNullable(latest.get(customer + '\u0000' + lastItem))));
        }
    }

    /** The as-of day the model was fitted at (days since the epoch). */
    public double fittedAsOfDay() {
        return fittedAsOfSecond / 86_400.0;
    }
}
