package dev.tailor.replenish;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

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
 * Purchases of one customer and key on one UTC day are one purchase (quantities add up). A key whose last
 * event before the as-of time is a RETURN gets no forecast. Keys with too few customers for their own
 * prior borrow the prior pooled over all keys.
 *
 * <p>Thread-safety: immutable.
 */
public final class Replenishment {
    static final double MIN_VARIANCE = 0.005;

    private final Level level;

    private Replenishment(Level level) {
        this.level = level;
    }

    /** Cycles per item. */
    public static Replenishment perItem() {
        return new Replenishment(Level.ITEM);
    }

    /** Cycles per catalog category. */
    public static Replenishment perCategory() {
        return new Replenishment(Level.CATEGORY);
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
