package dev.tailor.replenish;

import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
/**
 * The empirical-Bayes prior of every key: μ_k, τ_k² (between customers), σ_k² (within a customer), the
 * repeat-customer rate (bought twice, of those who bought once) and the continuation rate (bought a third
 * time, of those who bought twice), both Laplace-smoothed. Method of moments; keys with fewer than {@value #MIN_CUSTOMERS} customers with
 * intervals (or {@value #MIN_DOF} within-customer degrees of freedom) borrow the values pooled over all keys.
 */
final class KeyPriors {
    private static final double MIN_VARIANCE = Replenishment.MIN_VARIANCE;
    static final int MIN_CUSTOMERS = 5;
    static final int MIN_DOF = 5;

    final double[] mu;
    final double[] tau2;
    final double[] sigma2;
    final double[] repeatRate;
    final double[] continuationRate;
    final double[] meanIntervalDays;

    private KeyPriors(int keys) {
        mu = new double[keys];
        tau2 = new double[keys];
        sigma2 = new double[keys];
        repeatRate = new double[keys];
        continuationRate = new double[keys];
        meanIntervalDays = new double[keys];
    }

    void writeTo(DataOutputStream out) throws IOException {
        for (double[] column : new double[][] {mu, tau2, sigma2, repeatRate, continuationRate, meanIntervalDays}) {
            ArrayCodec.writeDoubles(column, out);
        }
    }

    /** Reads priors of {@code keys} keys, checking every value is one {@link #fit} can give. */
    static KeyPriors readFrom(DataInputStream in, int keys) throws IOException {
        KeyPriors priors = new KeyPriors(keys);
        double[][] columns = {priors.mu, priors.tau2, priors.sigma2, priors.repeatRate, priors.continuationRate,
            priors.meanIntervalDays};
        for (double[] column : columns) {
            double[] read = ArrayCodec.readDoubles(in, keys);
            if (read.length != keys) {
                throw new IOException("replenishment priors: " + read.length + " values for " + keys + " keys");
            }
            System.arraycopy(read, 0, column, 0, keys);
        }
        for (int k = 0; k < keys; k++) {
            boolean valid = Double.isFinite(priors.mu[k]) && Math.abs(priors.mu[k]) < 100
                    && priors.tau2[k] >= MIN_VARIANCE && priors.tau2[k] < 1e6
                    && priors.sigma2[k] >= MIN_VARIANCE && priors.sigma2[k] < 1e6
                    && priors.repeatRate[k] > 0 && priors.repeatRate[k] < 1
                    && priors.continuationRate[k] > 0 && priors.continuationRate[k] < 1
                    && Double.isFinite(priors.meanIntervalDays[k]);
            if (!valid) {
                throw new IOException("replenishment priors: key " + k + " has values no fit gives");
            }
        }
        return priors;
    }

    static KeyPriors fit(PairTable pairs, int keys) {
        KeyPriors priors = new KeyPriors(keys);
        double[] customers = new double[keys];
        double[] repeaters = new double[keys];
        double[] thirdTimers = new double[keys];
        double[] withIntervals = new double[keys];
        double[] sumMeans = new double[keys];
        double[] sumMeans2 = new double[keys];
        double[] sumInverseM = new double[keys];
        double[] withinSs = new double[keys];
        double[] withinDof = new double[keys];
        double[] sumY = new double[keys];
        double[] countY = new double[keys];
        double[] sumDays = new double[keys];
        for (int p = 0; p < pairs.size; p++) {
            int k = pairs.key[p];
            customers[k]++;
            if (pairs.purchases[p] >= 2) {
                repeaters[k]++;
            }
            if (pairs.purchases[p] >= 3) {
                thirdTimers[k]++;
            }
            int m = pairs.intervals[p];
            if (m >= 1) {
                double mean = pairs.sumY[p] / m;
                withIntervals[k]++;
                sumMeans[k] += mean;
                sumMeans2[k] += mean * mean;
                sumInverseM[k] += 1.0 / m;
                withinSs[k] += Math.max(0, pairs.sumY2[p] - m * mean * mean);
                withinDof[k] += m - 1;
                sumY[k] += pairs.sumY[p];
                countY[k] += m;
                sumDays[k] += m * Math.exp(mean);
            }
        }
        double pooledWithin = sum(withinSs) / Math.max(1, sum(withinDof));
        double pooledSigma2 = Math.max(MIN_VARIANCE, sum(withinDof) > 0 ? pooledWithin : 0.25);
        double totalCustomers = sum(withIntervals);
        double pooledMu = totalCustomers > 0 ? sum(sumY) / Math.max(1, sum(countY)) : Math.log(30);
        double pooledBetween = totalCustomers > 1
                ? sum(sumMeans2) / totalCustomers - Math.pow(sum(sumMeans) / totalCustomers, 2)
                        - pooledSigma2 * sum(sumInverseM) / totalCustomers
                : 0.25;
        double pooledTau2 = Math.max(MIN_VARIANCE, pooledBetween);
        for (int k = 0; k < keys; k++) {
            priors.repeatRate[k] = (repeaters[k] + 1) / (customers[k] + 2);
            priors.continuationRate[k] = (thirdTimers[k] + 1) / (repeaters[k] + 2);
            priors.sigma2[k] = withinDof[k] >= MIN_DOF ? Math.max(MIN_VARIANCE, withinSs[k] / withinDof[k]) : pooledSigma2;
            if (withIntervals[k] >= MIN_CUSTOMERS) {
                double n = withIntervals[k];
                priors.mu[k] = sumY[k] / countY[k];
                double between = sumMeans2[k] / n - Math.pow(sumMeans[k] / n, 2) - priors.sigma2[k] * sumInverseM[k] / n;
                priors.tau2[k] = Math.max(MIN_VARIANCE, between);
            } else {
                priors.mu[k] = pooledMu;
                priors.tau2[k] = pooledTau2;
            }
            priors.meanIntervalDays[k] = countY[k] > 0 ? sumDays[k] / countY[k] : Math.exp(pooledMu);
        }
        return priors;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
