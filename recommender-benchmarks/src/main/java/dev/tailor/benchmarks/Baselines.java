package dev.tailor.benchmarks;

/** The same-run baselines several benchmarks compare against. */
final class Baselines {
    private Baselines() {
    }

    /**
     * The plain sum of a float array with four independent sums (so the baseline is not slowed by a chain of
     * dependent additions): reading the array once, the memory-bandwidth bound of an exact scan over it.
     */
    static float sum(float[] a) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
