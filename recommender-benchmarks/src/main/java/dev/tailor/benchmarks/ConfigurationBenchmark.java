package dev.tailor.benchmarks;

import dev.tailor.configure.CompletionMethod;
import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.configure.Configurator;
import dev.tailor.configure.SolutionSpace;
import dev.tailor.configure.Suggestion;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.renault.RenaultHistories;
import dev.tailor.datasets.renault.XcspReader;
import dev.tailor.ingest.ParseMode;
import java.nio.file.Path;
import java.util.Arrays;
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
 * One configuration recommendation on Renault medium with its constraints: the ranked valid values of
 * every open variable ({@code complete}) or of one ({@code suggest}), for partial configurations of real
 * sales with 0-43 revealed values. The baseline in the same run is a plain scan of the 8,252 sales
 * counting those that agree with the partial configuration (what any frequency-based recommender must at
 * least read), and the peer is Choco-solver computing the same exact valid values by search.
 *
 * <p>Needs the Renault data ({@code -Dtailor.datasets=...} or {@code shared/datasets} beside the checkout).
 * Run: {@code java -jar recommender-benchmarks/target/benchmarks.jar ConfigurationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConfigurationBenchmark {
    private static final int PARTIALS = 512;

    private ChocoValidValues choco;
    private Configurator chowLiu;
    private Configurator nearest;
    private SolutionSpace space;
    private int[][] partials;
    private int[] openColumn;
    private int[][] rows;
    private int next;

    @Setup
    public void setUp() {
        Path folder = DatasetPaths.dataset(RenaultHistories.NAME).orElseThrow(() -> new IllegalStateException(
                "the Renault data is not available: set -Dtailor.datasets to the folder holding " + RenaultHistories.NAME));
        ConfigurationHistory history = RenaultHistories.readFiltered(folder, "medium", ParseMode.STRICT);
        space = SolutionSpace.compile(XcspReader.read(folder.resolve("cfn-learn").resolve("medium_domainsorted.xml")))
                .project(history.variables());
        ConfigurableProduct product = XcspReader.read(folder.resolve("cfn-learn").resolve("medium_domainsorted.xml"));
        choco = new ChocoValidValues(product, history.variables().stream().mapToInt(product::indexOf).toArray());
        chowLiu = Configurator.builder(CompletionMethod.chowLiuTree().train(history)).solutionSpace(space).build();
        nearest = Configurator.builder(CompletionMethod.nearestConfigurations().train(history)).solutionSpace(space).build();
        rows = history.rows();
        SplittableRandom random = new SplittableRandom(42);
        int columns = history.variables().size();
        partials = new int[PARTIALS][];
        openColumn = new int[PARTIALS];
        for (int i = 0; i < PARTIALS; i++) {
            int[] truth = rows[random.nextInt(rows.length)];
            int revealed = random.nextInt(columns);
            int[] order = random.ints(0, columns).distinct().limit(columns).toArray();
            int[] partial = new int[columns];
            Arrays.fill(partial, ConfigurableProduct.UNSET);
            for (int k = 0; k < revealed; k++) {
                partial[order[k]] = truth[order[k]];
            }
            partials[i] = partial;
            openColumn[i] = order[revealed];
        }
        // two independent exact methods must agree before either is timed
        for (int i = 0; i < 32; i++) {
            if (!Arrays.deepEquals(space.validValues(partials[i]), choco.validValues(partials[i]))) {
                throw new IllegalStateException("Choco and the compiled solution space disagree on partial " + i + ": "
                        + Arrays.toString(partials[i]));
            }
        }
    }

    private int nextIndex() {
        next = (next + 1) % PARTIALS;
        return next;
    }

    /** Ranked valid values for every open variable, Chow-Liu tree probabilities. */
    @Benchmark
    public List<Suggestion> completeChowLiu() {
        return chowLiu.complete(partials[nextIndex()], List.of());
    }

    /** Ranked valid values for one open variable, Chow-Liu tree probabilities. */
    @Benchmark
    public Suggestion suggestChowLiu() {
        int i = nextIndex();
        return chowLiu.suggest(partials[i], openColumn[i], List.of());
    }

    /** Ranked valid values for one open variable, nearest-configurations probabilities. */
    @Benchmark
    public Suggestion suggestNearest() {
        int i = nextIndex();
        return nearest.suggest(partials[i], openColumn[i], List.of());
    }

    /** The exact valid values of every variable (the compiled solution space alone). */
    @Benchmark
    public int[][] validValues() {
        return space.validValues(partials[nextIndex()]);
    }

    /** The same exact valid values computed by Choco-solver, searching at each query (the peer). */
    @Benchmark
    public int[][] chocoValidValues() {
        return choco.validValues(partials[nextIndex()]);
    }

    /** Baseline: one pass over the sales, counting those that agree with the partial configuration. */
    @Benchmark
    public int baselineScanSales() {
        int[] partial = partials[nextIndex()];
        int agreeing = 0;
        for (int[] row : rows) {
            boolean agrees = true;
            for (int c = 0; c < row.length && agrees; c++) {
                agrees = partial[c] == ConfigurableProduct.UNSET || partial[c] == row[c];
            }
            agreeing += agrees ? 1 : 0;
        }
        return agreeing;
    }
}
