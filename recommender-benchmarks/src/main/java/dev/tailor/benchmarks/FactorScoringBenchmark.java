package dev.tailor.benchmarks;

import dev.tailor.data.IdIndex;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.als.FactorModel;
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
 * The scoring hot path of a factor model: top-10 of 100,000 items × 64 float factors for one customer,
 * leaving out the customer's 50 owned items, against summing a float array of the same size (the
 * memory-bandwidth bound of reading every item's factors once; four accumulators, so the baseline is
 * not slowed by a chain of dependent additions). Target: tailorTop10 ≤ 1.3 × baselineSum.
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar FactorScoringBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FactorScoringBenchmark {
    @Param({"100000"})
    public int items;

    @Param({"64"})
    public int factors;

    static final int CUSTOMERS = 256;
    static final int OWNED = 50;

    private FactorModel model;
    private float[] sameSizeArray;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        float[] customerFactors = new float[CUSTOMERS * factors];
        float[] itemFactors = new float[items * factors];
        for (int i = 0; i < customerFactors.length; i++) {
            customerFactors[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < itemFactors.length; i++) {
            itemFactors[i] = (float) random.nextGaussian();
        }
        sameSizeArray = itemFactors.clone();
        IdIndex customers = new IdIndex();
        IdIndex itemIndex = new IdIndex();
        for (int c = 0; c < CUSTOMERS; c++) {
            customers.idOf("c" + c);
        }
        for (int i = 0; i < items; i++) {
            itemIndex.idOf("i" + i);
        }
        int[] pointers = new int[CUSTOMERS + 1];
        int[] columns = new int[CUSTOMERS * OWNED];
        for (int c = 0; c < CUSTOMERS; c++) {
            int[] owned = random.ints(0, items).distinct().limit(OWNED).sorted().toArray();
            System.arraycopy(owned, 0, columns, c * OWNED, OWNED);
            pointers[c + 1] = (c + 1) * OWNED;
        }
        float[] values = new float[columns.length];
        Arrays.fill(values, 1f);
        InteractionMatrix history = InteractionMatrix.of(customers, itemIndex,
                new SparseMatrix(CUSTOMERS, items, pointers, columns, values), WeightingPolicy.defaults());
        model = FactorModel.fromFactors("bench", factors, customerFactors, itemFactors, history, 30, 2);
    }

    @Benchmark
    public RecommendationList tailorTop10() {
        next = (next + 1) & (CUSTOMERS - 1);
        return model.recommend(next, 10);
    }

    /**
     * Top-10 for a batch of 16 customers on one thread ({@code recommendAll}, item tiles kept in cache across the
     * batch): divide by 16 for the time per customer.
     */
    @Benchmark
    public RecommendationList[] tailorBatchOf16() {
        next = (next + 16) & (CUSTOMERS - 1);
        int[] ids = new int[16];
        for (int i = 0; i < 16; i++) {
            ids[i] = (next + i) & (CUSTOMERS - 1);
        }
        return model.recommendAll(ids, 10, dev.tailor.recommend.Exclusions.owned(), SINGLE_THREAD);
    }

    private static final dev.tailor.concurrent.Workers SINGLE_THREAD = dev.tailor.concurrent.Workers.defaults().withThreads(1);

    @Benchmark
    public float baselineSum() {
        return Baselines.sum(sameSizeArray);
    }
}
