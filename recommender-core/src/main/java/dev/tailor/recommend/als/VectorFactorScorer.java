package dev.tailor.recommend.als;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Factor scoring with explicit SIMD (the incubating Vector API): four items at a time, one fused multiply-add
 * per {@code SPECIES.length()} factors and item, so the scan runs at memory speed instead of at the speed of
 * scalar multiply-adds. Loaded only when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * ({@link FactorModel} checks before it touches this class); otherwise the scalar code serves.
 *
 * <p>The summation order differs from the scalar code's (lanes, fused multiply-adds), so scores differ from it in
 * the last bits; within one JVM every scoring path of a model uses the same code.
 */
final class VectorFactorScorer {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as {@link #SPECIES} has floats. */
    private static final VectorSpecies<Byte> CODES = VectorSpecies.of(byte.class, VectorShape.forBitSize(SPECIES.length() * 8));

    private VectorFactorScorer() {
    }

    /** Scores the four items whose row-major factors start at {@code base}, {@code base + k}, ... into {@code out}. */
    static void score4(float[] vector, int offset, float[] y, int base, int k, float[] out) {
        int b0 = base;
        int b1 = base + k;
        int b2 = base + 2 * k;
        int b3 = base + 3 * k;
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int bound = SPECIES.loopBound(k);
        int f = 0;
        for (; f < bound; f += SPECIES.length()) {
            FloatVector u = FloatVector.fromArray(SPECIES, vector, offset + f);
            a0 = FloatVector.fromArray(SPECIES, y, b0 + f).fma(u, a0);
            a1 = FloatVector.fromArray(SPECIES, y, b1 + f).fma(u, a1);
            a2 = FloatVector.fromArray(SPECIES, y, b2 + f).fma(u, a2);
            a3 = FloatVector.fromArray(SPECIES, y, b3 + f).fma(u, a3);
        }
        float s0 = a0.reduceLanes(VectorOperators.ADD);
        float s1 = a1.reduceLanes(VectorOperators.ADD);
        float s2 = a2.reduceLanes(VectorOperators.ADD);
        float s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; f < k; f++) {
            float u = vector[offset + f];
            s0 += u * y[b0 + f];
            s1 += u * y[b1 + f];
            s2 += u * y[b2 + f];
            s3 += u * y[b3 + f];
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** Items per block of {@link QuantizedItems}' interleaved codes: the floats of one SIMD register. */
    static int lanes() {
        return SPECIES.length();
    }

    /**
     * Approximate scores of one block of {@link QuantizedItems}: u·q of each of the block's items, from codes
     * interleaved as that class describes, times the item's scale, into {@code out[start..start + lanes)}. Each
     * customer factor is broadcast and multiplied into every lane, so each lane ends with its item's sum and
     * nothing is summed across lanes; four chains of multiply-adds keep the FMA units busy.
     */
    static void scoreBlockOfCodes(float[] vector, int offset, byte[] codes, int base, int k, float[] scales, float[] out,
            int start) {
        int lanes = SPECIES.length();
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int f = 0;
        for (int at = base; f + 3 < k; f += 4, at += 4 * lanes) {
            a0 = widen(codes, at).fma(FloatVector.broadcast(SPECIES, vector[offset + f]), a0);
            a1 = widen(codes, at + lanes).fma(FloatVector.broadcast(SPECIES, vector[offset + f + 1]), a1);
            a2 = widen(codes, at + 2 * lanes).fma(FloatVector.broadcast(SPECIES, vector[offset + f + 2]), a2);
            a3 = widen(codes, at + 3 * lanes).fma(FloatVector.broadcast(SPECIES, vector[offset + f + 3]), a3);
        }
        for (; f < k; f++) {
            a0 = widen(codes, base + f * lanes).fma(FloatVector.broadcast(SPECIES, vector[offset + f]), a0);
        }
        a0.add(a1).add(a2.add(a3)).mul(FloatVector.fromArray(SPECIES, scales, start)).intoArray(out, start);
    }

    /**
     * Whether a lane of the block at {@code start} has a lower bound {@code approximate − norm · slack} above the
     * threshold: the same float operations as the scalar expression, so the same bounds. (A yes/no, not the lanes:
     * on Java 17 only a mask's any-true test is compiled to one instruction; its bits are not.)
     */
    static boolean anyLowerBoundAbove(float[] approximate, float[] slack, int start, float norm, float threshold) {
        FloatVector lower = FloatVector.fromArray(SPECIES, approximate, start)
                .sub(FloatVector.fromArray(SPECIES, slack, start).mul(norm));
        return lower.compare(VectorOperators.GT, threshold).anyTrue();
    }

    /** Whether a lane of the block at {@code start} has an upper bound {@code approximate + norm · slack} reaching the floor. */
    static boolean anyUpperBoundReaching(float[] approximate, float[] slack, int start, float norm, float floor) {
        FloatVector upper = FloatVector.fromArray(SPECIES, approximate, start)
                .add(FloatVector.fromArray(SPECIES, slack, start).mul(norm));
        return upper.compare(VectorOperators.GE, floor).anyTrue();
    }

    private static FloatVector widen(byte[] codes, int at) {
        return (FloatVector) ByteVector.fromArray(CODES, codes, at).convertShape(VectorOperators.B2F, SPECIES, 0);
    }

    /** One item's score, with the same summation as {@link #score4}. */
    static float dot(float[] vector, int offset, float[] y, int base, int k) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(k);
        int f = 0;
        for (; f < bound; f += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, y, base + f).fma(FloatVector.fromArray(SPECIES, vector, offset + f), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; f < k; f++) {
            s += vector[offset + f] * y[base + f];
        }
        return s;
    }
}
