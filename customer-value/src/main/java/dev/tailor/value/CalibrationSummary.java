package dev.tailor.value;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.UnsuitableDataException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-customer repeat-buying summaries for a calibration period, in a chosen time unit (weeks in the
 * literature), as the models of this package need them:
 * <ul>
 *   <li>{@code x}: repeat transactions in the calibration period (transactions after the first);</li>
 *   <li>{@code t_x}: time of the last transaction since the first (0 when x = 0);</li>
 *   <li>{@code T}: time from the first transaction to the end of the calibration period;</li>
 *   <li>mean repeat spend: the mean amount of the x repeat transactions (NaN when x = 0);</li>
 *   <li>holdout transactions: transactions after the calibration end, up to the holdout end.</li>
 * </ul>
 * A transaction is a customer's PURCHASE events on one UTC day, their amounts added up. Customers whose
 * first transaction is after the calibration end are not in the summary. Times are whole days divided by
 * the unit: CDNOW's customer 1 (purchases 1997-01-01, 01-18 and 08-02, calibration end 1997-09-30, weeks)
 * has x = 2, t_x = 213/7, T = 272/7.
 *
 * <p>Thread-safety: immutable.
 */
public final class CalibrationSummary {
    private final String[] customers;
    private final int[] x;
    private final double[] tx;
    private final double[] bigT;
    private final double[] meanRepeatSpend;
    private final double[] meanSpend;
    private final int[] holdout;
    private final double unitDays;
    private final LocalDate calibrationEnd;
    private final LocalDate holdoutEnd;

    private CalibrationSummary(String[] customers, int[] x, double[] tx, double[] bigT, double[] meanRepeatSpend,
            double[] meanSpend,
            int[] holdout, double unitDays, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        this.customers = customers;
        this.x = x;
        this.tx = tx;
        this.bigT = bigT;
        this.meanRepeatSpend = meanRepeatSpend;
        this.meanSpend = meanSpend;
        this.holdout = holdout;
        this.unitDays = unitDays;
        this.calibrationEnd = calibrationEnd;
        this.holdoutEnd = holdoutEnd;
    }

    /**
     * Summarizes an event log.
     *
     * @param calibrationEnd last day of the calibration period (inclusive)
     * @param holdoutEnd last day of the holdout period (inclusive), or null for none
     * @param unitDays days per time unit (7 for weeks)
     * @throws IllegalArgumentException if the unit is not positive, or the holdout ends before the calibration
     * @throws UnsuitableDataException if no customer bought in the calibration period
     */
    public static CalibrationSummary of(EventLog log, LocalDate calibrationEnd, LocalDate holdoutEnd, double unitDays) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        if (!(unitDays > 0) || Double.isInfinite(unitDays)) {
            throw new IllegalArgumentException("unitDays must be positive, was " + unitDays);
        }
        if (holdoutEnd != null && holdoutEnd.isBefore(calibrationEnd)) {
            throw new IllegalArgumentException("the holdout ends (" + holdoutEnd + ") before the calibration (" + calibrationEnd + ")");
        }
        long calEnd = calibrationEnd.toEpochDay();
        long holdEnd = holdoutEnd == null ? calEnd : holdoutEnd.toEpochDay();
        // (customer, day) keys of purchases, sorted, so each customer's transactions are consecutive.
        long[] keys = new long[log.size()];
        int n = 0;
        for (int e = 0; e < log.size(); e++) {
            if (log.kind(e) == EventKind.PURCHASE) {
                long day = Math.floorDiv(log.epochSecond(e), 86_400L);
                keys[n++] = ((long) log.customer(e) << 32) | (day - Integer.MIN_VALUE);
            }
        }
        // Amount per (customer, day): sort event positions by key.
        Integer[] order = new Integer[n];
        int[] position = new int[n];
        for (int e = 0, m = 0; e < log.size(); e++) {
            if (log.kind(e) == EventKind.PURCHASE) {
                position[m++] = e;
            }
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] k = keys;
        Arrays.sort(order, (a, b) -> Long.compare(k[a], k[b]));
        List<String> ids = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int customer = (int) (keys[order[i]] >>> 32);
            long first = Long.MIN_VALUE;
            long last = Long.MIN_VALUE;
            int repeats = 0;
            int inHoldout = 0;
            double repeatSpend = 0;
            double firstSpend = 0;
            while (i < n && (int) (keys[order[i]] >>> 32) == customer) {
                long day = (keys[order[i]] & 0xFFFFFFFFL) + Integer.MIN_VALUE;
                double amount = 0;
                while (i < n && keys[order[i]] == ((long) customer << 32 | (day - Integer.MIN_VALUE))) {
                    amount += log.amount(position[order[i]]);
                    i++;
                }
                if (day <= calEnd) {
                    if (first == Long.MIN_VALUE) {
                        first = day;
                        firstSpend = amount;
                    } else {
                        repeats++;
                        repeatSpend += amount;
                    }
                    last = day;
                } else if (day <= holdEnd && first != Long.MIN_VALUE) {
                    inHoldout++;
                }
            }
            if (first != Long.MIN_VALUE) {
                ids.add(log.customers().externalId(customer));
                counts.add(new int[] {repeats, inHoldout});
                times.add(new double[] {(last - first) / unitDays, (calEnd - first) / unitDays,
                    repeats == 0 ? Double.NaN : repeatSpend / repeats, (firstSpend + repeatSpend) / (repeats + 1)});
            }
        }
        if (ids.isEmpty()) {
            throw new UnsuitableDataException("no customer made a PURCHASE on or before " + calibrationEnd);
        }
        int size = ids.size();
        int[] x = new int[size];
        int[] holdout = new int[size];
        double[] tx = new double[size];
        double[] bigT = new double[size];
        double[] spend = new double[size];
        double[] allSpend = new double[size];
        for (int c = 0; c < size; c++) {
            x[c] = counts.get(c)[0];
            holdout[c] = counts.get(c)[1];
            tx[c] = times.get(c)[0];
            bigT[c] = times.get(c)[1];
            spend[c] = times.get(c)[2];
            allSpend[c] = times.get(c)[3];
        }
        return new CalibrationSummary(ids.toArray(new String[0]), x, tx, bigT, spend, allSpend, holdout, unitDays, calibrationEnd,
                holdoutEnd);
    }

    /** Number of customers. */
    public int size() {
        return x.length;
    }

    /** External id of customer c. */
    public String customer(int c) {
        return customers[c];
    }

    /** Repeat transactions of customer c in the calibration period. */
    public int x(int c) {
        return x[c];
    }

    /** Time of customer c's last calibration transaction since their first. */
    public double tx(int c) {
        return tx[c];
    }

    /** Time from customer c's first transaction to the calibration end. */
    public double bigT(int c) {
        return bigT[c];
    }

    /** Mean amount of customer c's repeat transactions (NaN when x = 0). */
    public double meanRepeatSpend(int c) {
        return meanRepeatSpend[c];
    }

    /** Mean amount of all of customer c's calibration transactions, the first included. */
    public double meanSpend(int c) {
        return meanSpend[c];
    }

    /** Customer c's transactions in the holdout period (0 without one). */
    public int holdoutTransactions(int c) {
        return holdout[c];
    }

    /** Days per time unit. */
    public double unitDays() {
        return unitDays;
    }

    /** Last day of the calibration period. */
    public LocalDate calibrationEnd() {
        return calibrationEnd;
    }

    /** Last day of the holdout period, when there is one. */
    public java.util.Optional<LocalDate> holdoutEnd() {
        return java.util.Optional.ofNullable(holdoutEnd);
    }

    /** Length of the holdout period in units (0 without one). */
    public double holdoutLength() {
        return holdoutEnd == null ? 0 : (holdoutEnd.toEpochDay() - calibrationEnd.toEpochDay()) / unitDays;
    }

}
