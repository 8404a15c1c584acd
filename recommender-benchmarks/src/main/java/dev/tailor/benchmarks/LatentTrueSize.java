package dev.tailor.benchmarks;

import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.fit.FitData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The one-dimensional latent true-size model of Sembium, Rastogi, Saroop &amp; Merugu, "Recommending Product Sizes
 * to Customers" (RecSys 2017) — the 1-LV baseline of Misra, Wan &amp; McAuley (RecSys 2018) — as a yardstick for
 * the fit models: every customer c has a true size u_c and every product p (an item in one size, a "child
 * product") its own true size v_p; the fit score is f = w (u_c − v_p), and the outcome is ordinal in it, "too
 * small" above the upper threshold and "too large" below the lower (w is fixed at 1: the sizes carry the scale). The paper minimises a hinge loss; this
 * version minimises the ordinal logistic loss (P(small) = σ(f − b₂), P(large) = σ(b₁ − f)) so that it gives the
 * probabilities AUC and calibration are measured on, as Misra et al.'s logistic variant does. Trained by
 * stochastic gradient descent, from 0 or from u_c = the mean size she rented and v_p = the product's size label
 * (chosen on validation), with an L2 pull of both back to where they started (which also places customers and
 * products without feedback).
 */
final class LatentTrueSize {
    private final Map<String, Integer> customers = new HashMap<>();
    private final Map<String, Integer> products = new HashMap<>();
    private final double[] u;
    private final double[] v;
    private final double meanSize;
    private final boolean fromLabels;
    /** The scale of the fit score; fixed, since the true sizes' own scale can absorb it. */
    private final double w = 1;
    private double lower = -1;
    private double upper = 1;

    private LatentTrueSize(int customerCount, int productCount, double meanSize, boolean fromLabels) {
        this.fromLabels = fromLabels;
        this.u = new double[customerCount];
        this.v = new double[productCount];
        this.meanSize = meanSize;
    }

    /**
     * Trains on the given observations.
     *
     * @param l2 the pull of each true size back to its start
     * @param epochs passes over the observations, each in a fresh seeded order
     * @param rate the gradient step
     * @param fromLabels whether the true sizes start from the sizes (customers: the mean size rented; products:
     *     their label) or from 0
     */
    static LatentTrueSize train(FitData data, int[] rows, double l2, int epochs, double rate, boolean fromLabels) {
        EventLog log = data.log();
        Map<String, Integer> customerIds = new HashMap<>();
        Map<String, Integer> productIds = new HashMap<>();
        int[] customerOf = new int[rows.length];
        int[] productOf = new int[rows.length];
        double[] sizeSum = new double[rows.length];
        int[] sizeCount = new int[rows.length];
        double total = 0;
        for (int r = 0; r < rows.length; r++) {
            int e = data.eventOf(rows[r]);
            customerOf[r] = customerIds.computeIfAbsent(log.customers().externalId(log.customer(e)), k -> customerIds.size());
            productOf[r] = productIds.computeIfAbsent(product(data, rows[r]), k -> productIds.size());
            double size = size(data.sizeLabel(rows[r]));
            sizeSum[customerOf[r]] += size;
            sizeCount[customerOf[r]]++;
            total += size;
        }
        LatentTrueSize model = new LatentTrueSize(customerIds.size(), productIds.size(), total / rows.length, fromLabels);
        model.customers.putAll(customerIds);
        model.products.putAll(productIds);
        if (fromLabels) {
            for (int c = 0; c < model.u.length; c++) {
                model.u[c] = sizeSum[c] / sizeCount[c];
            }
            for (Map.Entry<String, Integer> p : productIds.entrySet()) {
                model.v[p.getValue()] = size(p.getKey().substring(p.getKey().indexOf('\u0000') + 1));
            }
        }
        double[] u0 = model.u.clone();
        double[] v0 = model.v.clone();
        byte[] y = new byte[rows.length];
        for (int r = 0; r < rows.length; r++) {
            FitFeedback fit = data.outcome(rows[r]);
            y[r] = (byte) (fit == FitFeedback.TOO_SMALL ? 0 : fit == FitFeedback.FITS ? 1 : 2);
        }
        int[] order = new int[rows.length];
        Arrays.setAll(order, r -> r);
        Random random = new Random(31);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int j = order.length - 1; j > 0; j--) {
                int k = random.nextInt(j + 1);
                int swap = order[j];
                order[j] = order[k];
                order[k] = swap;
            }
            for (int r : order) {
                int c = customerOf[r];
                int p = productOf[r];
                double gap = model.u[c] - model.v[p];
                double f = model.w * gap;
                double dF;
                double dLower = 0;
                double dUpper = 0;
                if (y[r] == 0) {
                    double s = sigmoid(f - model.upper);
                    dF = -(1 - s);
                    dUpper = 1 - s;
                } else if (y[r] == 2) {
                    double s = sigmoid(model.lower - f);
                    dF = 1 - s;
                    dLower = -(1 - s);
                } else {
                    double a = sigmoid(model.upper - f);
                    double b = sigmoid(model.lower - f);
                    double fit = Math.max(a - b, 1e-12);
                    dF = (a * (1 - a) - b * (1 - b)) / fit;
                    dUpper = -a * (1 - a) / fit;
                    dLower = b * (1 - b) / fit;
                }
                double du = dF * model.w + l2 * (model.u[c] - u0[c]);
                double dv = -dF * model.w + l2 * (model.v[p] - v0[p]);
                model.u[c] -= rate * du;
                model.v[p] -= rate * dv;
                model.lower -= rate * dLower;
                model.upper -= rate * dUpper;
                if (model.upper < model.lower + 1e-3) {
                    model.upper = model.lower + 1e-3;
                }
            }
        }
        return model;
    }

    /** P(small), P(fits), P(large) of each held-out observation, in rows of three. */
    double[] probabilities(FitData data, int[] heldOut) {
        EventLog log = data.log();
        double[] out = new double[3 * heldOut.length];
        for (int j = 0; j < heldOut.length; j++) {
            int o = heldOut[j];
            Integer c = customers.get(log.customers().externalId(log.customer(data.eventOf(o))));
            Integer p = products.get(product(data, o));
            double customerSize = c != null ? u[c] : fromLabels ? meanSize : 0;
            double productSize = p != null ? v[p] : fromLabels ? size(data.sizeLabel(o)) : 0;
            double f = w * (customerSize - productSize);
            double small = sigmoid(f - upper);
            double large = sigmoid(lower - f);
            out[3 * j] = small;
            out[3 * j + 1] = Math.max(0, 1 - small - large);
            out[3 * j + 2] = large;
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "LatentTrueSize[w %.3f, thresholds %.3f / %.3f, %d customers, %d products]",
                w, lower, upper, u.length, v.length);
    }

    private static String product(FitData data, int o) {
        EventLog log = data.log();
        return log.items().externalId(log.item(data.eventOf(o))) + '\u0000' + data.sizeLabel(o);
    }

    /** A size label as a number (RentTheRunway's sizes are numbers); letters are refused. */
    private static double size(String label) {
        try {
            return Double.parseDouble(label);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the latent true-size yardstick needs numeric size labels, got '" + label + "'", e);
        }
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
