package dev.tailor.replenish;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Fits a {@link ReplenishmentModel} from purchases up to an as-of time.
 *
 * <p>The model, per item or category k (the key):
 * <ul>
 *   <li>Which keys are rebought at all: the repeat-customer rate, the share of customers who bought k more
 *       than once among those who bought it (as in Bhagat, Muralidharan, Lobzhanidze &amp; Vishwanath, "Buy It
 *       Again", KDD 2018), and for customers who already rebought, the continuation rate (bought a third time
 *       among those who bought twice); both Laplace-smoothed.</li>
 *   <li>Each customer's cycle: per-unit log intervals {@code y = ln(days between purchases / quantity bought
 *       at the first of them)} are Normal(μ_c, σ_k²) with μ_c ~ Normal(μ_k, τ_k²). μ_k, σ_k², τ_k² are
 *       fitted by empirical Bayes (method of moments over all customers of k: σ_k² the pooled within-customer
 *       variance, τ_k² the variance of customer means less its sampling part), so a customer's own
 *       intervals move the estimate in proportion to how many there are, and a single purchase gets the
 *       prior alone. Two pairs of socks last twice as long: the next interval is scaled by the last
 *       quantity.</li>
 *   <li>Right-censoring: at forecast time the time since the last purchase is evidence that the cycle is
 *       longer (the posterior of the cycle is multiplied by the survival probability of that elapsed time)
 *       and that the customer may have stopped: the repeat probability p becomes pS / (pS + 1 − p), S being
 *       the probability of that much silence for a rebuyer.</li>
 * </ul>
 * <p>Calibration: the censoring evidence and the repeat rates are model assumptions, and on real data
 * they can make the forecast too sure that a silent customer has stopped (Online Retail: predicted 4 %,
 * observed 37 %). So the fit holds out the last {@link #calibration} window before the as-of time, fits the
 * model on what came before it, and learns on that window how far to trust the evidence:
 * {@code logit r = shift + logit(prior) + temper · ln S} by maximum likelihood of the window's rebuys (the
 * Bayes update is shift 0, temper 1; Platt's scaling, on the repeat probability rather than on the output,
 * so that forecasts for any window length stay consistent). The final model is fitted on everything up to
 * the as-of time with those two numbers.
 *
 * <p>Purchases of one customer and key on one UTC day are one purchase (quantities add up). A key whose last
 * event before the as-of time is a RETURN gets no forecast. Keys with too few customers for their own
 * prior borrow the prior pooled over all keys.
 *
 * <p>Thread-safety: immutable.
 */
public final class Replenishment {
    static final double MIN_VARIANCE = 0.005;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Replenishment.class);

    /** The default calibration window. */
    public static final Duration DEFAULT_CALIBRATION = Duration.ofDays(90);

    private final Level level;
    private final Duration calibration;

    private Replenishment(Level level, Duration calibration) {
        this.level = level;
        this.calibration = calibration;
    }

    /** Cycles per item, calibrated on the last {@link #DEFAULT_CALIBRATION} before the as-of time. */
    public static Replenishment perItem() {
        return new Replenishment(Level.ITEM, DEFAULT_CALIBRATION);
    }

    /** Cycles per catalog category, calibrated on the last {@link #DEFAULT_CALIBRATION} before the as-of time. */
    public static Replenishment perCategory() {
        return new Replenishment(Level.CATEGORY, DEFAULT_CALIBRATION);
    }

    /**
     * The same trainer with another calibration window ({@link java.time.Duration#ZERO} for none: the plain
     * Bayes update). Choose about the horizon forecasts are used for.
     *
     * @throws IllegalArgumentException if the window is negative
     */
    public Replenishment calibration(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the calibration window must not be negative, was " + window);
        }
        return new Replenishment(level, window);
    }

    /** The level cycles are learned at. */
    public Level level() {
        return level;
    }

    /**
     * Fits the model on the events at or before {@code asOf}.
     *
     * @param catalog required for {@link Level#CATEGORY}; may be null for {@link Level#ITEM}
     * @throws IllegalArgumentException if the level is CATEGORY and no catalog is given
     */
    public ReplenishmentModel fit(EventLog log, Catalog catalog, Instant asOf) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(asOf, "asOf");
        if (level == Level.CATEGORY && catalog == null) {
            throw new IllegalArgumentException("category-level replenishment needs a catalog");
        }
        ReplenishmentModel model = fitUncalibrated(log, catalog, asOf);
        if (calibration.isZero()) {
            return model;
        }
        Instant validationCut = asOf.minus(calibration);
        double[] shiftAndTemper = calibrate(fitUncalibrated(log, catalog, validationCut), log, catalog, validationCut, asOf);
        if (shiftAndTemper == null) {
            LOG.info("replenishment: too little history before {} to calibrate on the {} before {}; uncalibrated",
                    validationCut, calibration, asOf);
            return model;
        }
        LOG.info("replenishment: calibrated on {} to {}: shift {}, temper {}", validationCut, asOf,
                String.format(Locale.ROOT, "%.3f", shiftAndTemper[0]),
                String.format(Locale.ROOT, "%.3f", shiftAndTemper[1]));
        return model.calibrated(shiftAndTemper[0], shiftAndTemper[1]);
    }

    /**
     * Fits shift and temper by Fisher scoring on the window's outcomes: for each pair forecast at the
     * window's start, P(rebuy in the window) = σ(shift + logit(prior) + temper · ln S) · q, q being the
     * chance a rebuyer's cycle ends in the window. Returns null when the window holds too few pairs or no
     * rebuy.
     */
    private double[] calibrate(ReplenishmentModel early, EventLog log, Catalog catalog, Instant from, Instant to) {
        long fromSecond = from.getEpochSecond();
        long toSecond = to.getEpochSecond();
        Set<Long> bought = new HashSet<>();
        for (int e = 0; e < log.size(); e++) {
            long t = log.epochSecond(e);
            if (log.kind(e) == EventKind.PURCHASE && t > fromSecond && t <= toSecond) {
                int key = level == Level.ITEM ? log.item(e) : catalog.category(log.item(e));
                if (key >= 0) {
                    bought.add(((long) log.customer(e) << 21) | key);
                }
            }
        }
        double fromDay = fromSecond / 86_400.0;
        double toDay = toSecond / 86_400.0;
        int n = early.pairCount();
        double[] logitPrior = new double[n];
        double[] logSilence = new double[n];
        double[] inWindow = new double[n];
        boolean[] outcome = new boolean[n];
        int used = 0;
        int positives = 0;
        for (int p = 0; p < n; p++) {
            if (early.pairReturnedLast(p)) {
                continue;
            }
            CycleForecast plain = early.forecast(p, fromDay);
            double rPrior = plain.priorRepeat();
            double silence = plain.silence();
            double q = plain.rebuyerProbabilityWithin(fromDay, toDay);
            if (!(rPrior > 0 && rPrior < 1 && silence > 0) || !(q > 0) || q > 1 + 1e-9) {
                continue;
            }
            logitPrior[used] = Math.log(rPrior / (1 - rPrior));
            logSilence[used] = Math.log(silence);
            inWindow[used] = Math.min(1, q);
            outcome[used] = bought.contains(((long) early.pairCustomer(p) << 21) | early.pairKey(p));
            positives += outcome[used] ? 1 : 0;
            used++;
        }
        if (used < 50 || positives == 0) {
            return null;
        }
        double shift = 0;
        double temper = 1;
        for (int iteration = 0; iteration < 100; iteration++) {
            double g0 = 0;
            double g1 = 0;
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            for (int i = 0; i < used; i++) {
                double r = 1 / (1 + Math.exp(-(shift + logitPrior[i] + temper * logSilence[i])));
                double prob = Math.min(1 - 1e-9, Math.max(1e-12, r * inWindow[i]));
                double dz = inWindow[i] * r * (1 - r); // dP/dz
                double w = (outcome[i] ? 1 : 0) - prob;
                double info = dz * dz / (prob * (1 - prob));
                double score = w * dz / (prob * (1 - prob));
                g0 += score;
                g1 += score * logSilence[i];
                h00 += info;
                h01 += info * logSilence[i];
                h11 += info * logSilence[i] * logSilence[i];
            }
            double det = h00 * h11 - h01 * h01;
            if (!(Math.abs(det) > 1e-12)) {
                break;
            }
            double d0 = (h11 * g0 - h01 * g1) / det;
            double d1 = (h00 * g1 - h01 * g0) / det;
            // Damped steps keep the iteration inside the region where the model is sane.
            double scale = Math.min(1, 2 / Math.max(Math.abs(d0), Math.abs(d1)));
            shift += scale * d0;
            temper = Math.max(0, temper + scale * d1);
            if (Math.abs(d0) < 1e-7 && Math.abs(d1) < 1e-7) {
                break;
            }
        }
        return Double.isFinite(shift) && Double.isFinite(temper) ? new double[] {shift, temper} : null;
    }

    private ReplenishmentModel fitUncalibrated(EventLog log, Catalog catalog, Instant asOf) {
        long asOfSecond = asOf.getEpochSecond();
        int keyCount = level == Level.ITEM ? log.items().size() : catalog.categoryCount();
        String[] keyNames = new String[keyCount];
        for (int k = 0; k < keyCount; k++) {
            keyNames[k] = level == Level.ITEM ? log.items().externalId(k) : catalog.categoryName(k);
        }
        // Counting sort of the relevant events by customer, then a primitive sort of (key, day, index) per customer.
        int customerCount = log.customers().size();
        int[] start = new int[customerCount + 1];
        int[] keyOfEvent = new int[log.size()];
        for (int e = 0; e < log.size(); e++) {
            keyOfEvent[e] = -1;
            EventKind kind = log.kind(e);
            if ((kind != EventKind.PURCHASE && kind != EventKind.RETURN) || log.epochSecond(e) > asOfSecond) {
                continue;
            }
            int key = level == Level.ITEM ? log.item(e) : catalog.category(log.item(e));
            if (key >= 0) {
                keyOfEvent[e] = key;
                start[log.customer(e) + 1]++;
            }
        }
        for (int c = 0; c < customerCount; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, customerCount);
        int[] byCustomer = new int[start[customerCount]];
        for (int e = 0; e < log.size(); e++) {
            if (keyOfEvent[e] >= 0) {
                byCustomer[fill[log.customer(e)]++] = e;
            }
        }
        // Sort key per event: key (20 bits) | day offset (21 bits) | return flag (1 bit) | index in the run (21 bits),
        // the sign bit left clear so signed order is the intended order.
        if (keyCount >= (1 << 20)) {
            throw new IllegalArgumentException("more than 1,048,575 items or categories for replenishment");
        }
        PairTable pairs = new PairTable(customerCount);
        long[] sorted = new long[16];
        for (int c = 0; c < customerCount; c++) {
            int from = start[c];
            int len = start[c + 1] - from;
            if (len == 0) {
                continue;
            }
            if (sorted.length < len) {
                sorted = new long[Math.max(len, 2 * sorted.length)];
            }
            long firstDay = Long.MAX_VALUE;
            for (int i = 0; i < len; i++) {
                firstDay = Math.min(firstDay, Math.floorDiv(log.epochSecond(byCustomer[from + i]), 86_400L));
            }
            for (int i = 0; i < len; i++) {
                int e = byCustomer[from + i];
                long dayOffset = Math.floorDiv(log.epochSecond(e), 86_400L) - firstDay;
                if (dayOffset >= (1L << 21) || len >= (1 << 21)) {
                    throw new IllegalArgumentException("customer " + log.customers().externalId(c)
                            + ": history longer than 5,700 years or more than 2M events");
                }
                // A purchase sorts before a return of the same day, so a same-day return is the last word.
                long returnBit = log.kind(e) == EventKind.RETURN ? 1 : 0;
                sorted[i] = ((long) keyOfEvent[e] << 43) | (dayOffset << 22) | (returnBit << 21) | i;
            }
            Arrays.sort(sorted, 0, len);
            int i = 0;
            while (i < len) {
                int key = (int) (sorted[i] >>> 43);
                int purchases = 0;
                int intervals = 0;
                double sumY = 0;
                double sumY2 = 0;
                long lastDay = Long.MIN_VALUE;
                int lastQuantity = 0;
                int lastItem = -1;
                String lastSize = null;
                boolean returnedLast = false;
                double lastInterval = Double.NaN;
                while (i < len && (int) (sorted[i] >>> 43) == key) {
                    int e = byCustomer[from + (int) (sorted[i] & 0x1FFFFF)];
                    i++;
                    long day = Math.floorDiv(log.epochSecond(e), 86_400L);
                    if (log.kind(e) == EventKind.RETURN) {
                        returnedLast = true;
                        continue;
                    }
                    returnedLast = false;
                    int quantity = Math.max(1, log.quantity(e));
                    if (day == lastDay) {
                        lastQuantity += quantity;
                        continue;
                    }
                    if (lastDay != Long.MIN_VALUE) {
                        lastInterval = day - lastDay;
                        double y = Math.log((day - lastDay) / (double) lastQuantity);
                        sumY += y;
                        sumY2 += y * y;
                        intervals++;
                    }
                    purchases++;
                    lastDay = day;
                    lastQuantity = quantity;
                    lastItem = log.item(e);
                    lastSize = log.sizeLabel(e);
                }
                if (purchases > 0) {
                    pairs.add(c, key, purchases, intervals, sumY, sumY2, lastDay, lastQuantity, lastItem, lastSize,
                            returnedLast, lastInterval);
                }
            }
        }
        pairs.freeze();
        KeyPriors priors = KeyPriors.fit(pairs, keyCount);
        return new ReplenishmentModel(level, keyNames, pairs, priors, log.customers(), log.items(), asOfSecond);
    }
}
