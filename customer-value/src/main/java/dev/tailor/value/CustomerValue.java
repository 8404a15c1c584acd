package dev.tailor.value;

/**
 * One customer's value over a horizon.
 *
 * @param customer external customer id
 * @param x repeat transactions in calibration
 * @param tx time of the last calibration transaction since the first
 * @param bigT time from the first transaction to the calibration end
 * @param probabilityAlive P(alive) at the calibration end
 * @param expectedTransactions expected transactions over the horizon
 * @param expectedSpend expected value of a future transaction (Gamma-Gamma)
 * @param lifetimeValue discounted expected revenue over the horizon
 */
public record CustomerValue(String customer, int x, double tx, double bigT, double probabilityAlive,
        double expectedTransactions, double expectedSpend, double lifetimeValue) {
}
