package dev.tailor.recommend.als;

import dev.tailor.internal.Pacing;

/**
 * Item factors rounded to one signed byte each, with a scale per item and a bound on how far the rounding can
 * move a score. A scan over them reads a quarter of the memory of the float factors; every item whose score
 * could still reach the top n under the bound is then scored exactly, so the answer is the exact top n
 * (see {@link FactorModel}'s selection). Used with the Vector API only, and only for catalogs of at least
 * {@value #MIN_ITEMS} items, where the scan is what a request costs.
 *
 * <p>For item i with factors y, scale s = max|y_f| / 127 and codes q_f = round(y_f / s), the score of a
 * customer vector u is u·y = s (u·q) + u·(y − s q), and |u·(y − s q)| ≤ ‖u‖ ‖y − s q‖ (Cauchy–Schwarz).
 * {@link #slack} holds ‖y − s q‖ plus a relative 1e-4 of ‖y‖ for the rounding of float sums.
 *
 * <p>The codes are interleaved in blocks of {@link #lanes} items (one SIMD register of floats): factor f of item
 * {@code b · lanes + j} is at {@code (b · k + f) · lanes + j}, so the scan multiplies one customer factor into a
 * whole block at once and ends with one score per lane, no horizontal sums. The last block is padded with items
 * whose codes and scale are zero.
 */
final class QuantizedItems {
    static final int MIN_ITEMS = 4096;

    final int lanes;
    final byte[] codes;
    final float[] scales;
    final float[] slack;

    private QuantizedItems(int lanes, byte[] codes, float[] scales, float[] slack) {
        this.lanes = lanes;
        this.codes = codes;
        this.scales = scales;
        this.slack = slack;
    }

    /** The number of items rounded up to whole blocks: the length of {@link #scales} and {@link #slack}. */
    int paddedItems() {
        return scales.length;
    }

    static QuantizedItems of(float[] factors, int items, int k, int lanes) {
        int padded = (items + lanes - 1) / lanes * lanes;
        byte[] codes = new byte[padded * k];
        float[] scales = new float[padded];
        float[] slack = new float[padded];
        for (int i = 0; i < items; i++) {
            if ((i & 1023) == 0) {
                Pacing.pace(); // a paced load (a service's reload) pauses here too
            }
            int block = i / lanes * k * lanes;
            int lane = i % lanes;
            int base = i * k;
            float largest = 0;
            for (int f = 0; f < k; f++) {
                largest = Math.max(largest, Math.abs(factors[base + f]));
            }
            float scale = largest / 127f;
            double error = 0;
            double norm = 0;
            for (int f = 0; f < k; f++) {
                double y = factors[base + f];
                int code = scale == 0 ? 0 : Math.max(-127, Math.min(127, Math.round(factors[base + f] / scale)));
                codes[block + f * lanes + lane] = (byte) code;
                double left = y - (double) scale * code;
                error += left * left;
                norm += y * y;
            }
            scales[i] = scale;
            // Rounded up, so that float arithmetic on the bound never makes it smaller than the truth.
            slack[i] = (float) ((Math.sqrt(error) + 1e-4 * Math.sqrt(norm)) * 1.0001 + Float.MIN_NORMAL);
        }
        return new QuantizedItems(lanes, codes, scales, slack);
    }
}
