package dev.tailor.benchmarks;

import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.ease.Ease;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EASE top-10 for customers of a generated shop (a dense item × item weight matrix; a customer's scores are the
 * sum of their history items' rows) against the floor of any such scorer: summing the same number of rows of a
 * float array of the model's size, measured in the same run.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar EaseScoringBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EaseScoringBenchmark {
    @Param({"4000"})
    public int items;

    private Recommender model;
    private int[] customers;
    private int[] historyLengths;
    private float[] weights;
    private float[] sums;
    private int[] rows;
    private int next;

    @Setup
    public void setUp() {
        GeneratedShop shop = ShopGenerator.builder().seed(5).customers(items * 3 / 2).items(items).build().generate();
        TrainingData data = TrainingData.of(shop.events(), WeightingPolicy.defaults());
        model = Ease.builder().build().train(data);
        SparseMatrix history = data.matrix().byCustomer();
        customers = new int[256];
        historyLengths = new int[256];
        for (int i = 0; i < customers.length; i++) {
            customers[i] = (int) ((long) i * history.rows() / customers.length);
            historyLengths[i] = history.rowLength(customers[i]);
        }
        int itemCount = model.itemCount();
        weights = new float[itemCount * itemCount];
        Arrays.fill(weights, 0.25f);
        sums = new float[itemCount];
        rows = new SplittableRandom(3).ints(4096, 0, itemCount).toArray();
    }

    @Benchmark
    public RecommendationList tailorTop10() {
        next++;
        return model.recommend(customers[next & 255], 10);
    }

    /** The rows a customer's scores read, summed into one vector: what every EASE scorer must at least do. */
    @Benchmark
    public float baselineSumOfHistoryRows() {
        next++;
        int n = sums.length;
        Arrays.fill(sums, 0f);
        int length = historyLengths[next & 255];
        for (int h = 0; h < length; h++) {
            int base = rows[(next * 31 + h) & 4095] * n;
            for (int i = 0; i < n; i++) {
                sums[i] += weights[base + i];
            }
        }
        return sums[next % n];
    }
}
