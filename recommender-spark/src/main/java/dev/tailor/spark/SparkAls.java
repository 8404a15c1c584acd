package dev.tailor.spark;

import dev.tailor.data.IdIndex;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.als.FactorModel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Implicit ALS trained by Spark MLlib on weighted pairs and exported as a core {@link FactorModel}, which
 * serves, saves and hot-swaps like one trained by {@code ImplicitAls}.
 *
 * <p>How the settings map: rank k, α and the iterations mean the same in both (Spark's implicit ALS gives a pair
 * of weight w the confidence 1 + α|w| and the preference 1 if w &gt; 0, else 0 — Hu, Koren &amp; Volinsky 2008, as the
 * core does). Regularization differs: Spark solves each row with {@code regParam × n} where n is the row's number
 * of positive entries, the core with a flat λ. {@link Builder#lambda} therefore sets
 * {@code regParam = λ / (mean positive entries per customer)}, so a customer with an average history is
 * regularized as by the core; {@link Builder#regParam} sets Spark's parameter directly. Fold-in of the exported
 * model uses the flat λ.
 *
 * <p>Ids: customers and items get dense ids in Spark's sort order of their external ids; the exported model
 * carries both indexes, and its history matrix (owned items, cold customers) is the weighted pairs, collected
 * to the driver (12 bytes a pair).
 */
public final class SparkAls {
    private static final Logger LOG = LoggerFactory.getLogger(SparkAls.class);

    private final int factors;
    private final double lambda;
    private final double regParam;
    private final double alpha;
    private final int iterations;
    private final long seed;
    private final int blocks;

    private SparkAls(Builder b) {
        this.factors = b.factors;
        this.lambda = b.lambda;
        this.regParam = b.regParam;
        this.alpha = b.alpha;
        this.iterations = b.iterations;
        this.seed = b.seed;
        this.blocks = b.blocks;
    }

    /** A builder with the core's defaults: k = 64, λ = 30, α = 2, 15 iterations, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** The trained model and Spark's own model, for scoring in Spark. */
    public record Trained(FactorModel model, ALSModel sparkModel, Dataset<Row> indexedPairs) {
    }

    /**
     * Trains on weighted pairs of {@link SparkWeighting#SCHEMA}.
     *
     * @param policy the policy the weights came from (stored in the model for fold-in)
     * @throws IllegalArgumentException if there are no pairs
     */
    public Trained train(Dataset<Row> pairs, WeightingPolicy policy) {
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(policy, "policy");
        IndexedPairs indexed = IndexedPairs.of(pairs, policy, "Spark ALS");
        return fit(indexed.pairs(), indexed.history());
    }

    /**
     * Trains on pairs already on dense ids ({@code cid}, {@code iid}, {@code weight}) of {@code history}'s indexes,
     * e.g. the core's own training matrix, so both engines see the same pairs.
     */
    Trained fit(Dataset<Row> indexed, InteractionMatrix history) {
        int customers = history.customerCount();
        int items = history.itemCount();
        double param = regParam;
        if (Double.isNaN(param)) {
            long positive = indexed.filter(functions.col("weight").gt(0)).count();
            param = lambda / Math.max(1.0, positive / (double) customers);
        }
        String name = String.format(Locale.ROOT, "spark-als(k=%d,lambda=%s,regParam=%.6g,alpha=%s,it=%d)", factors,
                lambda, param, alpha, iterations);
        LOG.info("{}: {} customers, {} items", name, customers, items);
        ALS als = new ALS().setImplicitPrefs(true).setRank(factors).setRegParam(param).setAlpha(alpha)
                .setMaxIter(iterations).setSeed(seed).setUserCol("cid").setItemCol("iid").setRatingCol("weight")
                .setNonnegative(false);
        if (blocks > 0) {
            als.setNumUserBlocks(blocks).setNumItemBlocks(blocks);
        }
        ALSModel sparkModel = als.fit(indexed);
        float[] customerFactors = factorsOf(sparkModel.userFactors(), customers);
        float[] itemFactors = factorsOf(sparkModel.itemFactors(), items);
        FactorModel model = FactorModel.fromFactors(name, factors, customerFactors, itemFactors, history, lambda, alpha);
        return new Trained(model, sparkModel, indexed);
    }

    private float[] factorsOf(Dataset<Row> sparkFactors, int rows) {
        float[] out = new float[rows * factors];
        for (Row row : sparkFactors.collectAsList()) {
            int id = row.getInt(0);
            List<Float> features = row.getList(1);
            for (int f = 0; f < factors; f++) {
                out[id * factors + f] = features.get(f);
            }
        }
        return out;
    }

    /** Builds a {@link SparkAls}; every setting is validated when set. */
    public static final class Builder {
        private int factors = 64;
        private double lambda = 30;
        private double regParam = Double.NaN;
        private double alpha = 2;
        private int iterations = 15;
        private long seed = 42;
        private int blocks;

        private Builder() {
        }

        /** Rank k (default 64), 1 to 1024. */
        public Builder factors(int factors) {
            if (factors < 1 || factors > 1024) {
                throw new IllegalArgumentException("factors must be in [1, 1024], was " + factors);
            }
            this.factors = factors;
            return this;
        }

        /** The core's λ (default 30), mapped to Spark's regParam as the class description says. */
        public Builder lambda(double lambda) {
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and > 0, was " + lambda);
            }
            this.lambda = lambda;
            return this;
        }

        /** Spark's regParam, used as given instead of the mapping from λ. */
        public Builder regParam(double regParam) {
            if (!(regParam > 0) || Double.isInfinite(regParam)) {
                throw new IllegalArgumentException("regParam must be finite and > 0, was " + regParam);
            }
            this.regParam = regParam;
            return this;
        }

        /** Confidence scale α (default 2). */
        public Builder alpha(double alpha) {
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and >= 0, was " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /** Iterations (default 15), 1 to 1000. */
        public Builder iterations(int iterations) {
            if (iterations < 1 || iterations > 1000) {
                throw new IllegalArgumentException("iterations must be in [1, 1000], was " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** Seed of Spark's initial factors (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Spark's user and item blocks (default: Spark's own choice, the input's partitions). */
        public Builder blocks(int blocks) {
            if (blocks < 1) {
                throw new IllegalArgumentException("blocks must be >= 1, was " + blocks);
            }
            this.blocks = blocks;
            return this;
        }

        /** Builds the trainer. */
        public SparkAls build() {
            return new SparkAls(this);
        }
    }
}
