package dev.tailor.benchmarks;

import dev.tailor.ann.ApproximateFactorModel;
import dev.tailor.data.IdIndex;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.als.FactorModel;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
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
 * Top-10 over a large catalog: the exact factor scan against the approximate candidate stage
 * ({@link ApproximateFactorModel}, a JVector graph, exact rescoring), with the plain float sum over the same
 * item factors as the memory-bound baseline, all in one run. Item factors are synthetic — 1,000 clusters with
 * varying norms, as trained factors of a large catalog look, not uniform noise, which no index can beat — and
 * customers sit near a few clusters. The setup builds the index once per fork (reported with its time) and
 * measures recall@10 of each search width against the exact lists of 1,000 customers.
 *
 * <p>Run (in one JVM, {@code -f 0}, so the million-item index is built once for the four benchmarks):
 * {@code java -Xmx12g --add-modules=jdk.incubator.vector -jar recommender-benchmarks/target/benchmarks.jar AnnBenchmark
 * -f 0 -wi 3 -i 5 -w 2s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnnBenchmark {
    private static final int K = 64;
    private static final int CUSTOMERS = 1_024;

    @Param({"1000000"})
    public int items;

    @Param({"INNER_PRODUCT"})
    public ApproximateFactorModel.Geometry geometry;

    /** {@code clustered} (the case above) or {@code gaussian}: isotropic noise, no structure for an index to use. */
    @Param({"clustered"})
    public String distribution;

    private FactorModel exact;
    private ApproximateFactorModel narrow;
    private ApproximateFactorModel middle;
    private ApproximateFactorModel wide;
    private float[] sameSizeArray;
    private int next;

    /** Built once per JVM and catalog size: with {@code -f 0} the four benchmarks share one index build. */
    private static final java.util.Map<String, Object[]> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

    @Setup
    public void setUp() {
        Object[] built = BUILT.computeIfAbsent(items + " " + geometry + " " + distribution, key -> {
            int size = items;
            FactorModel model = synthetic(size, 17, !distribution.equals("gaussian"));
            long start = System.nanoTime();
            ApproximateFactorModel index = ApproximateFactorModel.builder(model).geometry(geometry).build();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%n%,d %s items x %d factors, %s: index built in %.1f s%n", size, distribution, K,
                    geometry, seconds);
            exact = model;
            System.out.printf(Locale.ROOT, "recall@10 against the exact lists of %d customers: width 100 %.4f, 200 %.4f, 400 %.4f%n",
                    CUSTOMERS, recall(index.withSearchWidth(100)), recall(index.withSearchWidth(200)),
                    recall(index.withSearchWidth(400)));
            return new Object[] {model, index};
        });
        exact = (FactorModel) built[0];
        ApproximateFactorModel index = (ApproximateFactorModel) built[1];
        narrow = index.withSearchWidth(100);
        middle = index.withSearchWidth(200);
        wide = index.withSearchWidth(400);
        sameSizeArray = new float[items * K];
        Arrays.fill(sameSizeArray, 0.5f);
    }

    private double recall(ApproximateFactorModel approximate) {
        int found = 0;
        for (int c = 0; c < CUSTOMERS; c++) {
            BitSet truth = new BitSet();
            Arrays.stream(exact.recommend(c, 10).items()).forEach(truth::set);
            RecommendationList list = approximate.recommend(c, 10);
            for (int item : list.items()) {
                found += truth.get(item) ? 1 : 0;
            }
        }
        return found / (10.0 * CUSTOMERS);
    }

    static FactorModel synthetic(int items, long seed, boolean clustered) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[clustered ? 1_000 : 1][K];
        for (float[] centre : centres) {
            for (int f = 0; f < K; f++) {
                centre[f] = (float) (random.nextGaussian() / Math.sqrt(K));
            }
        }
        float[] itemFactors = new float[items * K];
        for (int i = 0; i < items; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            double scale = 0.5 + random.nextDouble();
            double spread = clustered ? 0.5 : 1;
            for (int f = 0; f < K; f++) {
                itemFactors[i * K + f] = (float) (scale * ((clustered ? centre[f] : 0)
                        + spread * random.nextGaussian() / Math.sqrt(K)));
            }
        }
        float[] customerFactors = new float[CUSTOMERS * K];
        for (int c = 0; c < CUSTOMERS; c++) {
            float[] centre = centres[random.nextInt(centres.length)];
            for (int f = 0; f < K; f++) {
                customerFactors[c * K + f] = (float) (clustered ? centre[f] + 0.3 * random.nextGaussian() / Math.sqrt(K)
                        : random.nextGaussian() / Math.sqrt(K));
            }
        }
        IdIndex customerIds = new IdIndex();
        for (int c = 0; c < CUSTOMERS; c++) {
            customerIds.idOf("c" + c);
        }
        IdIndex itemIds = new IdIndex();
        for (int i = 0; i < items; i++) {
            itemIds.idOf("i" + i);
        }
        // One owned item each, so every customer is a known, warm one scored from their factors.
        int[] rowPointers = new int[CUSTOMERS + 1];
        int[] owned = new int[CUSTOMERS];
        float[] ones = new float[CUSTOMERS];
        for (int c = 0; c < CUSTOMERS; c++) {
            rowPointers[c + 1] = c + 1;
            owned[c] = random.nextInt(items);
            ones[c] = 1;
        }
        InteractionMatrix history = InteractionMatrix.of(customerIds, itemIds,
                new SparseMatrix(CUSTOMERS, items, rowPointers, owned, ones), WeightingPolicy.defaults());
        return FactorModel.fromFactors("clustered", K, customerFactors, itemFactors, history, 1, 1);
    }

    @Benchmark
    public RecommendationList exactTop10() {
        next = (next + 1) & (CUSTOMERS - 1);
        return exact.recommend(next, 10);
    }

    @Benchmark
    public RecommendationList approximateTop10Width100() {
        next = (next + 1) & (CUSTOMERS - 1);
        return narrow.recommend(next, 10);
    }

    @Benchmark
    public RecommendationList approximateTop10Width200() {
        next = (next + 1) & (CUSTOMERS - 1);
        return middle.recommend(next, 10);
    }

    @Benchmark
    public RecommendationList approximateTop10Width400() {
        next = (next + 1) & (CUSTOMERS - 1);
        return wide.recommend(next, 10);
    }

    @Benchmark
    public float baselineSum() {
        return Baselines.sum(sameSizeArray);
    }
}
