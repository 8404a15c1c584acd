package dev.tailor.spark;

import dev.tailor.data.EventLog;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.datasets.movielens.MovieLens100k;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Split;
import dev.tailor.eval.Splitter;
import dev.tailor.ingest.ParseMode;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.als.AlsSolver;
import dev.tailor.recommend.als.FactorModel;
import dev.tailor.recommend.als.ImplicitAls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Core {@code ImplicitAls} against Spark MLlib's ALS in local[2] on the same pairs and weights (the core's
 * training matrix, handed to Spark on the core's dense ids), same rank and iterations: training time, time per
 * iteration ((t(10 iterations) − t(1 iteration)) / 9, so fixed costs drop out) and nDCG@10 of both models through
 * the core's evaluator on one seeded random 75/25 holdout. Spark's regParam is the core's λ mapped as
 * {@link SparkAls} documents.
 *
 * <p>Run (see recommender-benchmarks/RESULTS.md):
 * <pre>
 * mvn -B -q -pl recommender-spark -am install -DskipTests
 * mvn -B -q -pl recommender-spark dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Xmx14g --add-modules=jdk.incubator.vector -cp recommender-spark/target/test-classes:recommender-spark/target/classes:$(cat recommender-spark/target/test-classpath.txt) \
 *     dev.tailor.spark.SparkAlsComparison movielens shop-1m shop-5m shop-10m [partitions=2,4,8]
 * </pre>
 */
public final class SparkAlsComparison {
    private static final StructType INDEXED = new StructType().add("cid", DataTypes.IntegerType, false)
            .add("iid", DataTypes.IntegerType, false).add("weight", DataTypes.FloatType, false);
    private static final int RANK = 64;
    private static final int ITERATIONS = 10;

    private SparkAlsComparison() {
    }

    public static void main(String[] args) {
        List<Integer> partitionCounts = List.of(4);
        List<String> datasets = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("partitions=")) {
                partitionCounts = new ArrayList<>();
                for (String p : arg.substring("partitions=".length()).split(",")) {
                    partitionCounts.add(Integer.parseInt(p));
                }
            } else {
                datasets.add(arg);
            }
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("tailor-als-comparison")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        warmUp(spark);
        System.out.println("| data | events | pairs | engine | partitions | total s (10 it.) | s / iteration | nDCG@10 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String name : datasets) {
            EventLog events = events(name);
            Split split = Splitter.randomHoldout(0.25, 42).split(events);
            TrainingData data = TrainingData.of(split.train(), WeightingPolicy.defaults());
            int pairs = data.matrix().byCustomer().nonZeros();
            String head = String.format(Locale.ROOT, "| %s | %,d | %,d ", name, events.size(), pairs);
            for (AlsSolver solver : AlsSolver.values()) {
                double one = coreSeconds(data, solver, 1);
                long t0 = System.nanoTime();
                FactorModel model = core(solver, ITERATIONS).train(data);
                double ten = (System.nanoTime() - t0) / 1e9;
                double ndcg = ndcg("core", model, data, split);
                System.out.println(head + String.format(Locale.ROOT, "| Tailor ALS %s | – | %.2f | %.3f | %.4f |",
                        solver == AlsSolver.CHOLESKY ? "Cholesky" : "CG (3 steps)", ten, (ten - one) / (ITERATIONS - 1), ndcg));
            }
            for (int partitions : partitionCounts) {
                Dataset<Row> indexed = indexed(spark, data.matrix().byCustomer(), partitions);
                double one = sparkSeconds(indexed, data, 1);
                long t0 = System.nanoTime();
                SparkAls.Trained trained = SparkAls.builder().factors(RANK).iterations(ITERATIONS).blocks(partitions).build()
                        .fit(indexed, data.matrix());
                double ten = (System.nanoTime() - t0) / 1e9;
                double ndcg = ndcg("spark", trained.model(), data, split);
                System.out.println(head + String.format(Locale.ROOT, "| Spark MLlib ALS, local[2] | %d | %.2f | %.3f | %.4f |",
                        partitions, ten, (ten - one) / (ITERATIONS - 1), ndcg));
                indexed.unpersist();
            }
        }
        spark.stop();
    }

    private static EventLog events(String name) {
        switch (name) {
            case "movielens":
                return MovieLens100k.read(DatasetPaths.require(MovieLens100k.NAME), "u.data", ParseMode.STRICT).events();
            case "shop-1m":
                return ShopGenerator.builder().seed(9).customers(10_800).items(2_000).build().generate().events();
            case "shop-5m":
                return ShopGenerator.builder().seed(9).customers(54_000).items(2_000).build().generate().events();
            case "shop-10m":
                return ShopGenerator.builder().seed(9).customers(108_000).items(2_000).build().generate().events();
            default:
                throw new IllegalArgumentException("unknown data " + name + ": movielens, shop-1m, shop-5m or shop-10m");
        }
    }

    private static ImplicitAls core(AlsSolver solver, int iterations) {
        return ImplicitAls.builder().factors(RANK).iterations(iterations).solver(solver).threads(2).build();
    }

    private static double coreSeconds(TrainingData data, AlsSolver solver, int iterations) {
        long t0 = System.nanoTime();
        core(solver, iterations).train(data);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double sparkSeconds(Dataset<Row> indexed, TrainingData data, int iterations) {
        long t0 = System.nanoTime();
        SparkAls.builder().factors(RANK).iterations(iterations).blocks(indexed.rdd().getNumPartitions()).build()
                .fit(indexed, data.matrix());
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The core's pairs on the core's ids, cached in Spark before any timing. */
    static Dataset<Row> indexed(SparkSession spark, SparseMatrix matrix, int partitions) {
        List<Row> rows = new ArrayList<>(matrix.nonZeros());
        for (int c = 0; c < matrix.rows(); c++) {
            for (int p = matrix.rowStart(c); p < matrix.rowEnd(c); p++) {
                rows.add(RowFactory.create(c, matrix.column(p), matrix.value(p)));
            }
        }
        Dataset<Row> indexed = spark.createDataFrame(rows, INDEXED).repartition(partitions)
                .persist(StorageLevel.MEMORY_ONLY());
        indexed.count();
        return indexed;
    }

    private static double ndcg(String engine, FactorModel model, TrainingData data, Split split) {
        EvaluationResult result = Evaluator.builder().k(10).threads(2).build().evaluate(engine, model, data.matrix(), split,
                Double.NaN);
        return result.ndcg();
    }

    /** JIT and Spark's first-job costs out of the way on a small shop. */
    private static void warmUp(SparkSession spark) {
        EventLog events = ShopGenerator.builder().seed(1).customers(2_000).items(500).build().generate().events();
        TrainingData data = TrainingData.of(events, WeightingPolicy.defaults());
        for (AlsSolver solver : AlsSolver.values()) {
            core(solver, 3).train(data);
        }
        Dataset<Row> indexed = indexed(spark, data.matrix().byCustomer(), 4);
        SparkAls.builder().factors(RANK).iterations(3).blocks(4).build().fit(indexed, data.matrix());
        indexed.unpersist();
    }
}
