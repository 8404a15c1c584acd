package dev.tailor.internal;

import java.util.SplittableRandom;

/** The one seeded shuffle (Fisher–Yates, from the last position down), so that equal seeds give equal orders everywhere. */
public final class Shuffle {
    private Shuffle() {
    }

    /** Shuffles the values in place, the same way for the same seed. */
    public static void seeded(int[] values, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** 0 … n − 1 in a seeded random order. */
    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        seeded(order, seed);
        return order;
    }
}
