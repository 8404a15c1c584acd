package dev.tailor.value;

import java.util.HashMap;
import java.util.Map;

/**
 * Customers with identical (x, t_x, T) collapsed into weighted rows, and the distinct x values: the
 * log-likelihoods then evaluate each distinct row once and each Γ-ratio once per distinct x.
 */
final class CompressedRows {
    final int[] x;
    final double[] tx;
    final double[] bigT;
    final double[] weight;
    final int[] xIndex;
    final int[] distinctX;

    CompressedRows(CalibrationSummary s) {
        Map<String, Integer> rowOf = new HashMap<>();
        Map<Integer, Integer> xOf = new HashMap<>();
        int[] rx = new int[s.size()];
        double[] rtx = new double[s.size()];
        double[] rT = new double[s.size()];
        double[] rw = new double[s.size()];
        int rows = 0;
        for (int c = 0; c < s.size(); c++) {
            String key = s.x(c) + "|" + s.tx(c) + "|" + s.bigT(c);
            Integer row = rowOf.get(key);
            if (row == null) {
                row = rows++;
                rowOf.put(key, row);
                rx[row] = s.x(c);
                rtx[row] = s.tx(c);
                rT[row] = s.bigT(c);
                xOf.putIfAbsent(s.x(c), xOf.size());
            }
            rw[row]++;
        }
        x = java.util.Arrays.copyOf(rx, rows);
        tx = java.util.Arrays.copyOf(rtx, rows);
        bigT = java.util.Arrays.copyOf(rT, rows);
        weight = java.util.Arrays.copyOf(rw, rows);
        distinctX = new int[xOf.size()];
        xOf.forEach((value, index) -> distinctX[index] = value);
        xIndex = new int[rows];
        for (int r = 0; r < rows; r++) {
            xIndex[r] = xOf.get(x[r]);
        }
    }
}
