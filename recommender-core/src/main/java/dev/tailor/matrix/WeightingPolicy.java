package dev.tailor.matrix;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How events become the weight of a (customer, item) pair in an {@link InteractionMatrix}.
 *
 * <p>Each event contributes {@code kindWeight(kind) × decay(age)}, where
 * {@code decay(age) = 2^(−age / halfLife)} and {@code age = asOf − time} (no decay without a half-life).
 * A {@link EventKind#RETURN RETURN} whose fit feedback says the size was wrong contributes
 * {@link #badFitReturnWeight()} instead of the return weight: a bad fit is evidence about the size,
 * not about the taste. Contributions of a pair add up to {@code S}; the stored weight is
 * {@code log2(1 + S)} when repeats are log-scaled (so one full-weight event weighs 1, three weigh 2),
 * else {@code S}; a negative sum keeps its sign ({@code −log2(1 − S)}). Pairs whose sum is 0 are not
 * stored. Events after {@code asOf} are left out, so a matrix can be built "as it was" on a date.
 *
 * <p>Defaults: VIEW 0.25, CART 0.5, RENT 1, WEAR 1, PURCHASE 1, RATING 1, RETURN −1, bad-fit return 0,
 * log-scaled repeats, no decay, no as-of cut.
 *
 * <p>Thread-safety: immutable.
 */
public final class WeightingPolicy {
    private final double[] kindWeights;
    private final double badFitReturnWeight;
    private final boolean logScaleRepeats;
    private final Duration halfLife;
    private final Instant asOf;

    private WeightingPolicy(Builder b) {
        this.kindWeights = b.kindWeights.clone();
        this.badFitReturnWeight = b.badFitReturnWeight;
        this.logScaleRepeats = b.logScaleRepeats;
        this.halfLife = b.halfLife;
        this.asOf = b.asOf;
    }

    /** The default policy (see the class description). */
    public static WeightingPolicy defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The weight of one event of this kind. */
    public double kindWeight(EventKind kind) {
        return kindWeights[kind.ordinal()];
    }

    double kindWeightByOrdinal(int ordinal) {
        return kindWeights[ordinal];
    }

    /** The weight of a return whose fit feedback says the size was wrong. */
    public double badFitReturnWeight() {
        return badFitReturnWeight;
    }

    /** Whether repeated evidence is log-scaled. */
    public boolean logScaleRepeats() {
        return logScaleRepeats;
    }

    /** The half-life of time decay, when events decay. */
    public Optional<Duration> halfLife() {
        return Optional.ofNullable(halfLife);
    }

    /** The as-of time, when set (without one, decay, if any, is relative to the latest event). */
    public Optional<Instant> asOf() {
        return Optional.ofNullable(asOf);
    }

    /**
     * One event's contribution to its pair's sum: {@code kindWeight(kind)} (or {@link #badFitReturnWeight()} for a
     * return with bad-fit feedback) times the decay at its age. Engines that build the matrix elsewhere (Spark)
     * call this, so their weights are the core's.
     *
     * @param kindOrdinal the event's {@link EventKind#ordinal()}
     * @param asOfSecond the as-of time: {@link #asOf()} when set, else the latest event's time
     */
    public double contribution(int kindOrdinal, boolean badFit, long epochSecond, long asOfSecond) {
        double w = kindOrdinal == EventKind.RETURN.ordinal() && badFit ? badFitReturnWeight : kindWeights[kindOrdinal];
        if (halfLife != null) {
            double halfLifeSeconds = halfLife.toMillis() / 1000.0;
            w *= Math.pow(2.0, -Math.max(0, asOfSecond - epochSecond) / halfLifeSeconds);
        }
        return w;
    }

    /** The stored weight of a pair whose contributions sum to {@code sum} (0 means the pair is not stored). */
    public double pairWeight(double sum) {
        return scale(sum);
    }

    /**
     * The sum of contributions behind a stored pair weight: the inverse of {@link #pairWeight(double)}, so a live
     * event can be added to a stored pair as retraining would add it ({@code pairWeight(sumOf(w) + c)}).
     */
    public double sumOf(double pairWeight) {
        if (!logScaleRepeats) {
            return pairWeight;
        }
        return pairWeight >= 0 ? Math.pow(2, pairWeight) - 1 : 1 - Math.pow(2, -pairWeight);
    }

    /**
     * The factor by which every contribution shrinks when the reference time moves from {@code fromSecond} to
     * {@code toSecond}: {@code 2^(−(to − from) / halfLife)}, or 1 without decay (or when the time does not move on).
     */
    public double decayBetween(long fromSecond, long toSecond) {
        if (halfLife == null || toSecond <= fromSecond) {
            return 1;
        }
        return Math.pow(2.0, -(toSecond - fromSecond) / (halfLife.toMillis() / 1000.0));
    }

    double scale(double sum) {
        if (!logScaleRepeats) {
            return sum;
        }
        return sum >= 0 ? log2(1 + sum) : -log2(1 - sum);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Writes the policy (for model files). */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(kindWeights.length);
        for (double w : kindWeights) {
            out.writeDouble(w);
        }
        out.writeDouble(badFitReturnWeight);
        out.writeBoolean(logScaleRepeats);
        out.writeLong(halfLife == null ? -1 : halfLife.getSeconds());
        out.writeBoolean(asOf != null);
        out.writeLong(asOf == null ? 0 : asOf.getEpochSecond());
    }

    /**
     * Reads a policy written by {@link #writeTo}.
     *
     * @throws IOException if the stream ends early or holds invalid settings
     */
    public static WeightingPolicy readFrom(DataInputStream in) throws IOException {
        int kinds = in.readInt();
        if (kinds != EventKind.values().length) {
            throw new IOException("weighting policy: " + kinds + " kind weights, expected " + EventKind.values().length);
        }
        Builder b = builder();
        try {
            for (EventKind kind : EventKind.values()) {
                b.kindWeight(kind, in.readDouble());
            }
            b.badFitReturnWeight(in.readDouble());
            b.logScaleRepeats(in.readBoolean());
            long halfLifeSeconds = in.readLong();
            if (halfLifeSeconds >= 0) {
                b.halfLife(Duration.ofSeconds(halfLifeSeconds));
            }
            boolean hasAsOf = in.readBoolean();
            long asOfSecond = in.readLong();
            if (hasAsOf) {
                if (asOfSecond < EventLog.MIN_EPOCH_SECOND || asOfSecond > EventLog.MAX_EPOCH_SECOND) {
                    throw new IOException("weighting policy: as-of epoch second " + asOfSecond + " is outside the years 1 to 9999");
                }
                b.asOf(Instant.ofEpochSecond(asOfSecond));
            }
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new IOException("weighting policy: " + e.getMessage(), e);
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightingPolicy p && Arrays.equals(kindWeights, p.kindWeights)
                && badFitReturnWeight == p.badFitReturnWeight && logScaleRepeats == p.logScaleRepeats
                && Objects.equals(halfLife, p.halfLife) && Objects.equals(asOf, p.asOf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(kindWeights), badFitReturnWeight, logScaleRepeats, halfLife, asOf);
    }

    @Override
    public String toString() {
        return "WeightingPolicy[kinds=" + Arrays.toString(kindWeights) + ", badFitReturn=" + badFitReturnWeight
                + ", logScaleRepeats=" + logScaleRepeats + ", halfLife=" + halfLife + ", asOf=" + asOf + "]";
    }

    /** Builds a policy; every setting is validated when it is set. */
    public static final class Builder {
        private final double[] kindWeights = new double[EventKind.values().length];
        private double badFitReturnWeight = 0.0;
        private boolean logScaleRepeats = true;
        private Duration halfLife;
        private Instant asOf;

        private Builder() {
            kindWeights[EventKind.VIEW.ordinal()] = 0.25;
            kindWeights[EventKind.CART.ordinal()] = 0.5;
            kindWeights[EventKind.RENT.ordinal()] = 1.0;
            kindWeights[EventKind.WEAR.ordinal()] = 1.0;
            kindWeights[EventKind.PURCHASE.ordinal()] = 1.0;
            kindWeights[EventKind.RATING.ordinal()] = 1.0;
            kindWeights[EventKind.RETURN.ordinal()] = -1.0;
        }

        /** The weight of one event of a kind. @throws IllegalArgumentException if not finite */
        public Builder kindWeight(EventKind kind, double weight) {
            Objects.requireNonNull(kind, "kind");
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("kindWeight for " + kind + " must be finite, was " + weight);
            }
            kindWeights[kind.ordinal()] = weight;
            return this;
        }

        /**
         * The weight of a return with bad-fit feedback: 0 (the default) counts it as no evidence, a
         * negative value as evidence against the item.
         *
         * @throws IllegalArgumentException if positive or not finite
         */
        public Builder badFitReturnWeight(double weight) {
            if (!(weight <= 0.0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("badFitReturnWeight must be finite and <= 0, was " + weight);
            }
            this.badFitReturnWeight = weight;
            return this;
        }

        /** Whether to log-scale repeated evidence (default true). */
        public Builder logScaleRepeats(boolean logScale) {
            this.logScaleRepeats = logScale;
            return this;
        }

        /** Exponential time decay with this half-life. @throws IllegalArgumentException if not positive */
        public Builder halfLife(Duration halfLife) {
            Objects.requireNonNull(halfLife, "halfLife");
            if (halfLife.isNegative() || halfLife.isZero()) {
                throw new IllegalArgumentException("halfLife must be positive, was " + halfLife);
            }
            this.halfLife = halfLife;
            return this;
        }

        /** Only events at or before this time count; decay is measured from it. */
        public Builder asOf(Instant asOf) {
            this.asOf = Objects.requireNonNull(asOf, "asOf");
            return this;
        }

        /** Builds the policy. */
        public WeightingPolicy build() {
            return new WeightingPolicy(this);
        }
    }
}
