package dev.tailor.benchmarks;

import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.fit.FitData;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.FitProbabilities;
import dev.tailor.fit.SizeAdvice;
import dev.tailor.fit.SizeFit;
import dev.tailor.ingest.ParseMode;
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
 * Fit model scoring: one (customer, item, size) and size advice over all of an item's known sizes, for
 * observed (customer, item) pairs, against the floor of any linear fit model — reading 26 precomputed
 * features of a random row and taking two dot products and a softmax. Targets: one score sub-microsecond,
 * advice over all sizes ≤ 5 µs.
 *
 * <p>{@code data}: {@code renttherunway} (the shared dataset; 5,850 items, 1 to 9 sizes each) or
 * {@code generated} (a seeded shop of 20,000 customers, 6 apparel sizes; self-contained, used by the smoke test).
 *
 * <p>Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar FitBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FitBenchmark {
    private static final int PAIRS = 4096;

    @Param({"renttherunway", "generated"})
    public String data;

    private FitModel model;
    private int[] customer;
    private int[] item;
    private String[] size;
    private double[] features;
    private double[] weights;
    private int next;

    @Setup
    public void setUp() {
        FitData fit;
        if (data.equals("renttherunway")) {
            fit = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT).fitData();
        } else {
            fit = generatedFit();
        }
        model = SizeFit.builder().build().train(fit);
        SplittableRandom random = new SplittableRandom(7);
        customer = new int[PAIRS];
        item = new int[PAIRS];
        size = new String[PAIRS];
        for (int j = 0; j < PAIRS; j++) {
            int o = random.nextInt(fit.size());
            customer[j] = fit.customers().find(fit.log().event(fit.eventOf(o)).customer());
            item[j] = fit.items().find(fit.log().event(fit.eventOf(o)).item());
            size[j] = fit.sizeLabel(o);
        }
        features = new double[PAIRS * 26];
        for (int j = 0; j < features.length; j++) {
            features[j] = random.nextDouble() - 0.5;
        }
        weights = new double[26];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = random.nextDouble() - 0.5;
        }
    }

    /** The generated shop's fit feedback (seed 5, 20,000 customers), as the fit benchmarks measure it. */
    static FitData generatedFit() {
        GeneratedShop shop = ShopGenerator.builder().seed(5).customers(20_000).build().generate();
        return FitData.builder(shop.events()).catalog(shop.catalog()).keptMeansFits(true).build();
    }

    @Benchmark
    public FitProbabilities tailorScoreOneSize() {
        int j = next++ & (PAIRS - 1);
        return model.probabilities(customer[j], item[j], size[j]);
    }

    @Benchmark
    public SizeAdvice tailorAdviseAllSizes() {
        int j = next++ & (PAIRS - 1);
        return model.advise(customer[j], item[j]);
    }

    /**
     * The observational variant ({@code monotoneInSize(false)}: logistic stage and boosted trees), trained only
     * when its benchmark runs.
     */
    @State(Scope.Benchmark)
    public static class Observational {
        FitModel model;

        @Setup
        public void setUp(FitBenchmark shared) {
            FitData fit = shared.data.equals("renttherunway")
                    ? RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT).fitData()
                    : generatedFit();
            model = SizeFit.builder().monotoneInSize(false).build().train(fit);
        }
    }

    @Benchmark
    public FitProbabilities tailorObservationalScoreOneSize(Observational observational) {
        int j = next++ & (PAIRS - 1);
        return observational.model.probabilities(customer[j], item[j], size[j]);
    }

    @Benchmark
    public double baselineLinearScore() {
        int j = next++ & (PAIRS - 1);
        int base = j * 26;
        double small = 0;
        double large = 0;
        for (int f = 0; f < 13; f++) {
            small += weights[f] * features[base + f];
            large += weights[13 + f] * features[base + 13 + f];
        }
        double max = Math.max(0, Math.max(small, large));
        double es = Math.exp(small - max);
        double el = Math.exp(large - max);
        return es / (es + el + Math.exp(-max));
    }
}
