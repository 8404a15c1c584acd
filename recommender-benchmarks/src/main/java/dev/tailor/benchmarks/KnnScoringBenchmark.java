package dev.tailor.benchmarks;

import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.NeighbourhoodModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item-kNN top-10 for customers with 50 history items over a 20,000-item catalog with 100 neighbours per
 * item (a generated shop of 20,000 items and 30,000 customers, cosine), against reading the same number of
 * neighbour similarities (50 × 100 floats at random rows of an array of the model's size): the floor of
 * any neighbourhood scorer. Target: tailorTop10 ≤ 50 µs.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar KnnScoringBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KnnScoringBenchmark {
    static final int HISTORY = 50;
    static final int NEIGHBOURS = 100;

    private NeighbourhoodModel model;
    private int[] customers;
    private float[] similarities;
    private int[] rows;
    private int next;

    @Setup
    public void setUp() {
        GeneratedShop shop = ShopGenerator.builder().seed(5).customers(30_000).items(20_000).build().generate();
        TrainingData data = TrainingData.of(shop.events(), WeightingPolicy.defaults());
        model = ItemKnn.builder().neighbours(NEIGHBOURS).build().train(data);
        SparseMatrix history = data.matrix().byCustomer();
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < history.rows() && chosen.size() < 256; c++) {
            int positive = 0;
            for (int p = history.rowStart(c); p < history.rowEnd(c); p++) {
                if (history.value(p) > 0) {
                    positive++;
                }
            }
            if (positive == HISTORY) {
                chosen.add(c);
            }
        }
        if (chosen.size() < 16) {
            throw new IllegalStateException("only " + chosen.size() + " customers with " + HISTORY + " items");
        }
        customers = chosen.stream().mapToInt(Integer::intValue).toArray();
        double perItem = model.similarityCount() / (double) model.itemCount();
        if (perItem < 0.9 * NEIGHBOURS) {
            throw new IllegalStateException("only " + perItem + " neighbours per item");
        }
        similarities = new float[model.similarityCount()];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < similarities.length; i++) {
            similarities[i] = random.nextFloat();
        }
        rows = random.ints(4096, 0, model.itemCount()).toArray();
    }

    @Benchmark
    public RecommendationList tailorTop10() {
        next++;
        return model.recommend(customers[next % customers.length], 10);
    }

    @Benchmark
    public float baselineReadNeighbourLists() {
        next++;
        float sum = 0;
        int base = (next * HISTORY) & 4095;
        for (int h = 0; h < HISTORY; h++) {
            int start = rows[(base + h) & 4095] * NEIGHBOURS % (similarities.length - NEIGHBOURS);
            for (int q = start; q < start + NEIGHBOURS; q++) {
                sum += similarities[q];
            }
        }
        return sum;
    }
}
