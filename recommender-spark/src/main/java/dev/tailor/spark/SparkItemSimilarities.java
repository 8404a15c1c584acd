package dev.tailor.spark;

import dev.tailor.data.IdIndex;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.neighbourhood.NeighbourhoodModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Item-item cosine similarities from co-occurrence as a Spark job, exported as a core
 * {@link NeighbourhoodModel}: the similarity, shrinkage and neighbour choice of the core's {@code ItemKnn}
 * with its defaults ({@code Σ_u w_ui w_uj / (‖w_i‖ ‖w_j‖)} over positive weights, times {@code c / (c + shrink)}
 * for c common customers; each item scored from its own k most similar items, ties to the lower id), so the
 * exported model recommends as one trained by {@code ItemKnn} on the same pairs.
 *
 * <p>Cost: every customer contributes the square of their item count in pairs, so
 * {@link Builder#maxItemsPerCustomer} caps the items of the heaviest customers (their highest-weighted ones,
 * ties to the lower id) when set; by default nothing is capped.
 */
public final class SparkItemSimilarities {
    private static final StructType SIMILAR = new StructType().add("source", DataTypes.IntegerType, false)
            .add("target", DataTypes.IntegerType, false).add("similarity", DataTypes.FloatType, false);

    private final int neighbours;
    private final double shrink;
    private final int maxItemsPerCustomer;

    private SparkItemSimilarities(Builder b) {
        this.neighbours = b.neighbours;
        this.shrink = b.shrink;
        this.maxItemsPerCustomer = b.maxItemsPerCustomer;
    }

    /** A builder with the core's defaults: 100 neighbours, shrink 10, no cap. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes the similarities from weighted pairs of {@link SparkWeighting#SCHEMA}.
     *
     * @param policy the policy the weights came from (stored in the model)
     * @throws IllegalArgumentException if there are no pairs
     */
    public NeighbourhoodModel train(Dataset<Row> pairs, WeightingPolicy policy) {
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(policy, "policy");
        IndexedPairs indexed = IndexedPairs.of(pairs, policy, "Spark item similarities");
        try {
            return fit(indexed.pairs(), indexed.history());
        } finally {
            indexed.pairs().unpersist();
        }
    }

    /** The job on pairs already on dense ids ({@code cid}, {@code iid}, {@code weight}) of {@code history}. */
    NeighbourhoodModel fit(Dataset<Row> indexed, InteractionMatrix history) {
        int items = history.itemCount();
        double shrinkage = shrink;
        int cap = maxItemsPerCustomer;
        Dataset<Row> positive = indexed.filter(functions.col("weight").gt(0));
        List<Row> normRows = positive.groupBy("iid")
                .agg(functions.sum(functions.col("weight").cast("double").multiply(functions.col("weight").cast("double"))))
                .collectAsList();
        double[] norm = new double[items];
        for (Row row : normRows) {
            norm[row.getInt(0)] = Math.sqrt(row.getDouble(1));
        }
        var norms = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(indexed.sparkSession().sparkContext())
                .broadcast(norm);
        JavaPairRDD<Long, double[]> products = positive.javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getInt(0), new Tuple2<>(r.getInt(1), r.getFloat(2))))
                .groupByKey()
                .flatMapToPair(customer -> {
                    List<Tuple2<Integer, Float>> bought = new ArrayList<>();
                    customer._2().forEach(bought::add);
                    if (bought.size() > cap) {
                        bought.sort((a, b) -> a._2().equals(b._2()) ? Integer.compare(a._1(), b._1())
                                : Float.compare(b._2(), a._2()));
                        bought = new ArrayList<>(bought.subList(0, cap));
                    }
                    List<Tuple2<Long, double[]>> out = new ArrayList<>(bought.size() * bought.size());
                    for (Tuple2<Integer, Float> i : bought) {
                        for (Tuple2<Integer, Float> j : bought) {
                            if (!i._1().equals(j._1())) {
                                out.add(new Tuple2<>(((long) i._1() << 32) | j._1(),
                                        new double[] {(double) i._2() * j._2(), 1}));
                            }
                        }
                    }
                    return out.iterator();
                })
                .reduceByKey((a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        var similar = products.flatMap(pair -> {
            int source = (int) (pair._1() >>> 32);
            int target = (int) (long) pair._1();
            double[] n = norms.value();
            double cosine = pair._2()[0] / (n[source] * n[target]);
            double common = pair._2()[1];
            float s = (float) (shrinkage == 0 ? cosine : cosine * common / (common + shrinkage));
            return s > 0 ? List.of(RowFactory.create(source, target, s)).iterator() : List.<Row>of().iterator();
        });
        Dataset<Row> all = indexed.sparkSession().createDataFrame(similar, SIMILAR);
        // Each target keeps its k most similar sources (ties to the lower id); the lists are then kept by source.
        Dataset<Row> kept = all.withColumn("rank", functions.row_number().over(Window.partitionBy("target")
                .orderBy(functions.col("similarity").desc(), functions.col("source").asc())))
                .filter(functions.col("rank").leq(neighbours))
                .orderBy(functions.col("source").asc(), functions.col("similarity").desc(), functions.col("target").asc());
        List<Row> rows = kept.select("source", "target", "similarity").collectAsList();
        norms.destroy();
        int[] start = new int[items + 1];
        int[] neighbour = new int[rows.size()];
        float[] similarity = new float[rows.size()];
        for (int p = 0; p < rows.size(); p++) {
            Row row = rows.get(p);
            start[row.getInt(0) + 1]++;
            neighbour[p] = row.getInt(1);
            similarity[p] = row.getFloat(2);
        }
        for (int i = 0; i < items; i++) {
            start[i + 1] += start[i];
        }
        String name = String.format(Locale.ROOT, "spark-item-knn(k=%d,shrink=%s%s)", neighbours, shrink,
                cap == Integer.MAX_VALUE ? "" : ",cap=" + cap);
        return NeighbourhoodModel.fromNeighbours(name, history, start, neighbour, similarity);
    }

    /** Builds a {@link SparkItemSimilarities}; every setting is validated when set. */
    public static final class Builder {
        private int neighbours = 100;
        private double shrink = 10;
        private int maxItemsPerCustomer = Integer.MAX_VALUE;

        private Builder() {
        }

        /** Neighbours kept per item (default 100). */
        public Builder neighbours(int neighbours) {
            if (neighbours < 1) {
                throw new IllegalArgumentException("neighbours must be >= 1, was " + neighbours);
            }
            this.neighbours = neighbours;
            return this;
        }

        /** Shrinkage (default 10). */
        public Builder shrink(double shrink) {
            if (!(shrink >= 0) || Double.isInfinite(shrink)) {
                throw new IllegalArgumentException("shrink must be finite and >= 0, was " + shrink);
            }
            this.shrink = shrink;
            return this;
        }

        /** At most this many items of one customer enter the co-occurrence counts (default: no cap). */
        public Builder maxItemsPerCustomer(int cap) {
            if (cap < 2) {
                throw new IllegalArgumentException("maxItemsPerCustomer must be >= 2, was " + cap);
            }
            this.maxItemsPerCustomer = cap;
            return this;
        }

        /** Builds the job. */
        public SparkItemSimilarities build() {
            return new SparkItemSimilarities(this);
        }
    }
}
