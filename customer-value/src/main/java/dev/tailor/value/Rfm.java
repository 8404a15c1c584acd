package dev.tailor.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Recency, frequency and monetary scores (Hughes; the quintile method): each customer gets a score 1–5
 * per dimension, 5 best, by quintile of recency (time since the last transaction, shorter is better),
 * frequency (number of calibration transactions) and monetary value (mean transaction amount). Equal
 * values get the same score (the score of their first position in the ranking).
 *
 * <p>Segments from the recency (R) and frequency (F) scores:
 * <table>
 *   <caption>segments</caption>
 *   <tr><th>segment</th><th>R</th><th>F</th></tr>
 *   <tr><td>champions</td><td>4–5</td><td>4–5</td></tr>
 *   <tr><td>loyal</td><td>2–5</td><td>3–5 (not champions)</td></tr>
 *   <tr><td>promising</td><td>4–5</td><td>1–2</td></tr>
 *   <tr><td>needs attention</td><td>3</td><td>1–2</td></tr>
 *   <tr><td>cannot lose</td><td>1</td><td>4–5</td></tr>
 *   <tr><td>at risk</td><td>1</td><td>3</td></tr>
 *   <tr><td>hibernating</td><td>1–2</td><td>1–2</td></tr>
 * </table>
 */
public final class Rfm {
    private Rfm() {
    }

    /**
     * One customer's scores.
     *
     * @param customer external id
     * @param recency time since the last calibration transaction, in the summary's units
     * @param frequency calibration transactions
     * @param monetary mean transaction amount
     * @param r recency score 1–5
     * @param f frequency score 1–5
     * @param m monetary score 1–5
     * @param segment the named segment
     */
    public record Score(String customer, double recency, int frequency, double monetary, int r, int f, int m,
            String segment) {
    }

    /** Scores every customer of the summary, in summary order. */
    public static List<Score> score(CalibrationSummary summary) {
        int n = summary.size();
        double[] recency = new double[n];
        double[] frequency = new double[n];
        double[] monetary = new double[n];
        for (int c = 0; c < n; c++) {
            recency[c] = -(summary.bigT(c) - summary.tx(c)); // negated: more recent is better
            frequency[c] = summary.x(c) + 1;
            monetary[c] = summary.meanSpend(c);
        }
        int[] r = quintiles(recency);
        int[] f = quintiles(frequency);
        int[] m = quintiles(monetary);
        List<Score> scores = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            scores.add(new Score(summary.customer(c), -recency[c], (int) frequency[c], monetary[c], r[c], f[c], m[c],
                    segment(r[c], f[c])));
        }
        return scores;
    }

    /** The segment of an (R, F) pair, per the table in the class description. */
    static String segment(int r, int f) {
        if (r >= 4 && f >= 4) {
            return "champions";
        }
        if (r >= 2 && f >= 3) {
            return "loyal";
        }
        if (r >= 4) {
            return "promising";
        }
        if (r == 3) {
            return "needs attention";
        }
        if (r == 1 && f >= 4) {
            return "cannot lose";
        }
        if (r == 1 && f == 3) {
            return "at risk";
        }
        return "hibernating";
    }

    /** Score 1–5 by the quintile of each value's first position in ascending order. */
    static int[] quintiles(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        int[] scores = new int[n];
        int firstOfTie = 0;
        for (int rank = 0; rank < n; rank++) {
            if (rank > 0 && values[order[rank]] != values[order[rank - 1]]) {
                firstOfTie = rank;
            }
            scores[order[rank]] = 1 + (int) Math.min(4, (5L * firstOfTie) / n);
        }
        return scores;
    }
}
