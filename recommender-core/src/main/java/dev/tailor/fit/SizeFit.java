package dev.tailor.fit;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.Trainer;
import dev.tailor.data.UnsuitableDataException;
import dev.tailor.internal.Shuffle;
import dev.tailor.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link FitModel} from fit feedback.
 *
 * <p>The literature models fit with latent sizes: Sembium et al. (RecSys 2017) give each customer and each
 * item-size one "true size" and learn how their difference maps to small / fits / large; Misra, Wan &amp;
 * McAuley (RecSys 2018) make them K-dimensional with customer and item biases, ordinal thresholds and
 * metric learning. On real rental data most customers have one or two rentals, so latent vectors are
 * mostly prior; counting, well smoothed, carries more. This model combines both, each where it is
 * strong:
 * <ol>
 *   <li>smoothed outcome frequencies in a back-off chain: item-size → (item × category-size) → item →
 *       category → all, so a new item is sized like its category's sizes; the customer's own reporting
 *       (per category, then overall); the occasion;</li>
 *   <li>one-dimensional true sizes fitted by alternating shrunken means: each rental says "the customer's
 *       size is the rented size, one step up if it was small, one down if large, shifted by how the item
 *       runs"; customers without feedback get a size predicted from their body profile (ridge
 *       regression), items without feedback their category's offset; a customer's size per category
 *       shrinks toward her overall size, so dresses and jeans may differ;</li>
 *   <li>a multinomial logistic regression over these signals (fitted by Newton's method with an L2
 *       penalty), trained on leave-one-out features: each training rental sees the counts and sizes of all
 *       the other rentals, exactly as a new rental would at scoring time.</li>
 * </ol>
 * Monotone in size by construction (the default): the size-dependent features are monotone (the item-size
 * frequencies are made so by isotonic regression over each item's sizes) and their weights are constrained to
 * be ≥ 0, so a larger size never has a higher probability of "too small" nor a lower one of "too large". A
 * second stage of gradient-boosted trees ({@link BoostedTrees}) then adds to the logistic stage's logits what
 * the customer and the item say beyond them — her counts, reporting, size and body profile, the item's counts
 * and reporting, how her build found it, the category and occasion, the logistic stage at the size she is
 * expected to need — none of which depends on the size scored, so the sum stays monotone. A size response
 * ({@link Builder#sizeResponse}) makes it strictly so for customers with fit feedback.
 * {@link Builder#monotoneInSize(boolean) monotoneInSize(false)} trains the observational variant instead: it
 * predicts how a rental in the size chosen will be reported, but advises no sizes. There the logistic stage's
 * weights are free, and the trees combine its signals and scores with the raw facts behind them — counts of
 * the item-size cell, of the customer and of the item, the size, category and occasion, the body profile —
 * where they interact (a size gap that matters only for customers of one build, a count that matters only when
 * the cell is small). The trees' inputs (and a monotone model's starting logits) for each training rental come
 * from a logistic stage trained without that rental's fold (five folds). On fewer than
 * {@value #SECOND_STAGE_MIN_RENTALS} rentals the trees are left out.
 *
 * <p>Training is deterministic (no random initialisation) and multithreaded; the settings' defaults were
 * chosen on the validation part of RentTheRunway's random split ({@code FitComparison} in the benchmarks).
 *
 * <p>Thread-safety: immutable; one trainer may train several models at once.
 */
public final class SizeFit implements Trainer<FitData, FitModel> {
    private static final Logger LOG = LoggerFactory.getLogger(SizeFit.class);
    /** Folds of the second stage's inputs. */
    static final int SECOND_STAGE_FOLDS = 5;
    /** Fewer rentals than this train no second stage. */
    static final int SECOND_STAGE_MIN_RENTALS = 1000;

    /**
     * The second stage's trees, with leaves of at least 1/500 of the rentals (between 20 and 300) and L2 1: for the
     * observational variant 150 rounds of depth 4 at a learning rate of 0.1; for the monotone model, whose trees
     * see no size, 50 rounds of depth 2 at 0.3 (as accurate on the validation parts as 150 rounds at 0.1, and a
     * third of the trees to walk per score) — chosen on RentTheRunway's validation parts (RESULTS.md).
     */
    static BoostedTrees.Settings secondStageSettings(int rentals, boolean monotone) {
        int minRows = Math.max(20, Math.min(300, rentals / 500));
        return monotone ? new BoostedTrees.Settings(50, 0.3, 2, minRows, 1) : new BoostedTrees.Settings(150, 0.1, 4, minRows, 1);
    }

    private final Set<FitSignal> signals;
    private final double smoothing;
    private final double customerSmoothing;
    private final double customerShrinkage;
    private final double itemShrinkage;
    private final double sizeStep;
    private final double l2;
    private final int rounds;
    private final Workers workers;
    private final ProgressListener progress;
    private final boolean monotone;
    private final boolean boostedTrees;
    private final double response;

    private SizeFit(Builder b) {
        this.signals = Set.copyOf(b.signals);
        this.smoothing = b.smoothing;
        this.customerSmoothing = b.customerSmoothing;
        this.customerShrinkage = b.customerShrinkage;
        this.itemShrinkage = b.itemShrinkage;
        this.sizeStep = b.sizeStep;
        this.l2 = b.l2;
        this.rounds = b.rounds;
        this.workers = b.workers();
        this.progress = b.progress();
        this.monotone = b.monotone;
        this.boostedTrees = b.boostedTrees;
        this.response = b.response;
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The signals this trainer uses. */
    public Set<FitSignal> signals() {
        return signals;
    }

    /** A name for tables, e.g. {@code "size-fit[ITEM_SIZE, TRUE_SIZE]"}. */
    @Override
    public String name() {
        if (signals.isEmpty()) {
            return "class prior";
        }
        return "size-fit" + EnumSet.copyOf(signals);
    }

    /**
     * Trains on every observation.
     *
     * @throws IllegalArgumentException if the data hold no fit feedback at all
     */
    @Override
    public FitModel train(FitData data) {
        int[] all = new int[data.size()];
        Arrays.setAll(all, o -> o);
        return train(data, all);
    }

    /**
     * Trains on the given observations (for evaluation: the training part of a split).
     *
     * @throws IllegalArgumentException if {@code rows} is empty or names an observation outside the data
     */
    public FitModel train(FitData data, int[] rows) {
        Objects.requireNonNull(data, "data");
        if (rows.length == 0) {
            throw new IllegalArgumentException("no fit feedback to learn from (0 observations with a size and "
                    + "small / fits / large feedback)");
        }
        for (int r : rows) {
            Objects.checkIndex(r, data.size());
        }
        long start = System.nanoTime();
        FitModel model = firstStage(data, rows);
        if (boostedTrees && !signals.isEmpty() && rows.length >= SECOND_STAGE_MIN_RENTALS) {
            model = model.withTrees(secondStage(data, rows, model.treeInputCount()));
        }
        LOG.debug("{}: trained on {} observations in {} ms", name(), rows.length, (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    private FitModel firstStage(FitData data, int[] rows) {
        Training t = new Training(data, rows);
        t.count();
        t.fitTrueSizes();
        double[] x = t.features();
        double[] weights = fitLogistic(x, t.outcomes(), rows.length);
        return t.finish(weights);
    }

    /**
     * The observational variant's boosted trees over the first stage's signals and the raw facts behind them.
     * Their inputs for each training rental come from a first stage trained without her fold (five folds):
     * leave-one-out counts, fine for the logistic stage, would let trees read the rental's own outcome off the
     * counts (a cell's counts without one small rental differ from those without one fitting rental).
     */
    private BoostedTrees secondStage(FitData data, int[] rows, int width) {
        int n = rows.length;
        // Folds by a seeded shuffle of the positions: position order[j] goes to fold j mod folds.
        int[] order = Shuffle.permutation(n, 17);
        int[] fold = new int[n];
        for (int j = 0; j < n; j++) {
            fold[order[j]] = j % SECOND_STAGE_FOLDS;
        }
        double[] x = new double[n * width];
        // A monotone model's trees add to its logistic stage's logits at the rental's size, as that stage
        // (trained without her fold) scored them; the observational trees take those logits as inputs instead.
        double[] margin = monotone ? new double[n * 3] : null;
        byte[] y = new byte[n];
        for (int f = 0; f < SECOND_STAGE_FOLDS; f++) {
            int held = f;
            int[] others = IntStream.range(0, n).filter(j -> fold[j] != held).map(j -> rows[j]).toArray();
            FitModel without = firstStage(data, others);
            int[] mine = IntStream.range(0, n).filter(j -> fold[j] == held).toArray();
            workers.forEach("fit model second stage inputs", mine.length, m -> {
                int j = mine[m];
                int o = rows[j];
                without.treeInputs(data.customer[o], data.item[o], data.size[o], data.sizePositions[data.size[o]],
                        data.occasion[o], x, j * width);
                if (margin != null) {
                    double[] eta = new double[2];
                    without.firstStageLogits(data.customer[o], data.item[o], data.size[o],
                            data.sizePositions[data.size[o]], data.occasion[o], eta);
                    margin[3 * j] = eta[0];
                    margin[3 * j + 2] = eta[1];
                }
            });
        }
        for (int j = 0; j < n; j++) {
            y[j] = data.outcome[rows[j]];
        }
        return BoostedTrees.train(x, n, width, y, 3, margin, secondStageSettings(n, monotone), workers, progress);
    }

    /**
     * Multinomial logistic regression, "fits" as reference, Newton steps; in a monotone model the size-dependent
     * weights are kept ≥ 0.
     */
    private double[] fitLogistic(double[] x, byte[] y, int n) {
        int d = 2 * FitFeatures.WIDTH;
        double[] w = new double[d];
        boolean[] fixed = new boolean[d];
        for (int p = 0; p < d; p++) {
            fixed[p] = columnIsZero(x, n, d, p);
        }
        while (true) {
            newton(x, y, n, w, fixed);
            if (!monotone) {
                return w;
            }
            boolean changed = false;
            for (int block = 0; block < 2; block++) {
                for (int j : FitFeatures.MONOTONE) {
                    int p = block * FitFeatures.WIDTH + j;
                    if (!fixed[p] && w[p] < 0) {
                        w[p] = 0;
                        fixed[p] = true;
                        changed = true;
                    }
                }
            }
            if (!changed) {
                return w;
            }
        }
    }

    private static boolean columnIsZero(double[] x, int n, int d, int p) {
        for (int r = 0; r < n; r++) {
            if (x[r * d + p] != 0) {
                return false;
            }
        }
        return true;
    }

    private void newton(double[] x, byte[] y, int n, double[] w, boolean[] fixed) {
        int d = w.length;
        double previous = Double.NEGATIVE_INFINITY;
        for (int iteration = 0; iteration < 50; iteration++) {
            int chunks = Math.min(n, workers.threads() * 8);
            double[][] gradients = new double[chunks][d];
            double[][] hessians = new double[chunks][d * d];
            double[] logLikelihood = new double[chunks];
            double[] weights = w.clone();
            workers.forEach("fit model training", chunks, chunk -> accumulate(x, y, n, weights, chunk, chunks,
                    gradients[chunk], hessians[chunk], logLikelihood, d));
            double[] g = new double[d];
            double[] h = new double[d * d];
            double ll = 0;
            for (int c = 0; c < chunks; c++) {
                ll += logLikelihood[c];
                for (int p = 0; p < d; p++) {
                    g[p] += gradients[c][p];
                }
                for (int p = 0; p < d * d; p++) {
                    h[p] += hessians[c][p];
                }
            }
            for (int p = 0; p < d; p++) {
                boolean bias = p % FitFeatures.WIDTH == 0;
                double penalty = bias ? 1e-6 : l2;
                ll -= 0.5 * penalty * w[p] * w[p];
                g[p] -= penalty * w[p];
                h[p * d + p] += penalty;
                if (fixed[p]) {
                    g[p] = 0;
                    for (int q = 0; q < d; q++) {
                        h[p * d + q] = 0;
                        h[q * d + p] = 0;
                    }
                    h[p * d + p] = 1;
                }
            }
            double[] step = dev.tailor.internal.DenseSolve.positiveDefinite(h, g, d);
            if (step == null) {
                throw new UnsuitableDataException("fit model: the Newton system is singular (raise l2)");
            }
            double largest = 0;
            for (int p = 0; p < d; p++) {
                w[p] += step[p];
                largest = Math.max(largest, Math.abs(step[p]));
            }
            if (largest < 1e-7 || Math.abs(ll - previous) < 1e-9 * Math.max(1, Math.abs(ll))) {
                return;
            }
            previous = ll;
        }
    }

    private static void accumulate(double[] x, byte[] y, int n, double[] w, int chunk, int chunks, double[] g,
            double[] h, double[] logLikelihood, int d) {
        int width = FitFeatures.WIDTH;
        int from = (int) ((long) n * chunk / chunks);
        int to = (int) ((long) n * (chunk + 1) / chunks);
        double ll = 0;
        for (int r = from; r < to; r++) {
            int base = r * d;
            double etaSmall = 0;
            double etaLarge = 0;
            for (int j = 0; j < width; j++) {
                etaSmall += w[j] * x[base + j];
                etaLarge += w[width + j] * x[base + width + j];
            }
            double max = Math.max(0, Math.max(etaSmall, etaLarge));
            double es = Math.exp(etaSmall - max);
            double el = Math.exp(etaLarge - max);
            double ef = Math.exp(-max);
            double sum = es + el + ef;
            double ps = es / sum;
            double pl = el / sum;
            int outcome = y[r];
            ll += Math.log((outcome == FitData.SMALL ? es : outcome == FitData.LARGE ? el : ef) / sum);
            double rs = (outcome == FitData.SMALL ? 1 : 0) - ps;
            double rl = (outcome == FitData.LARGE ? 1 : 0) - pl;
            double vss = ps * (1 - ps);
            double vll = pl * (1 - pl);
            double vsl = -ps * pl;
            for (int a = 0; a < d; a++) {
                double xa = x[base + a];
                if (xa == 0) {
                    continue;
                }
                boolean aSmall = a < width;
                g[a] += (aSmall ? rs : rl) * xa;
                int row = a * d;
                for (int b = 0; b < d; b++) {
                    double xb = x[base + b];
                    if (xb != 0) {
                        boolean bSmall = b < width;
                        double v = aSmall ? (bSmall ? vss : vsl) : (bSmall ? vsl : vll);
                        h[row + b] += v * xa * xb;
                    }
                }
            }
        }
        logLikelihood[chunk] = ll;
    }

    /** The state of one training run. */
    private final class Training {
        final FitData data;
        final int[] rows;
        final int customers;
        final int items;
        final int categories;
        final int occasions;
        final double step;
        final double[] global = new double[3];
        final double[] globalP = new double[3];
        final double[] category;
        final double[] item;
        final double[] customer;
        final double[] occasion;
        final PairTable itemSize = new PairTable();
        final PairTable categorySize = new PairTable();
        final PairTable customerCategory = new PairTable();
        final PairTable itemBuild = new PairTable();
        final int[][] buildOfCustomer;
        final double[] implied;
        final int[] rowsOfCustomer;
        final int[] rowsOfItem;
        final int[] rowsOfCategory;
        double[] customerSize;
        double[] customerPrior;
        double[] itemOffset;
        double[] categoryOffset;
        double[] itemResidualSum;
        double[] customerResidualSum;
        double[] profileWeights;
        final PairTable customerCategorySize = new PairTable();

        Training(FitData data, int[] rows) {
            this.data = data;
            this.rows = rows;
            this.customers = data.customers().size();
            this.items = data.items().size();
            this.categories = data.categoryNames.size();
            this.occasions = data.occasionNames.size();
            this.step = Double.isNaN(sizeStep) ? autoStep(data) : sizeStep;
            category = new double[Math.max(1, categories) * 3];
            item = new double[items * 3];
            customer = new double[customers * 3];
            occasion = new double[Math.max(1, occasions) * 3];
            implied = new double[rows.length];
            rowsOfCustomer = new int[customers];
            rowsOfItem = new int[items];
            rowsOfCategory = new int[Math.max(1, categories)];
            buildOfCustomer = FitModel.builds(data.profileEncoder, data.profileOfCustomer);
        }

        byte[] outcomes() {
            byte[] y = new byte[rows.length];
            for (int r = 0; r < rows.length; r++) {
                y[r] = data.outcome[rows[r]];
            }
            return y;
        }

        void count() {
            for (int r = 0; r < rows.length; r++) {
                int o = rows[r];
                int y = data.outcome[o];
                int c = data.customer[o];
                int i = data.item[o];
                int k = data.category[o];
                int s = data.size[o];
                global[y]++;
                item[i * 3 + y]++;
                customer[c * 3 + y]++;
                rowsOfCustomer[c]++;
                rowsOfItem[i]++;
                itemSize.getOrAdd(Cells.pair(i, s), 3)[y]++;
                if (k >= 0) {
                    category[k * 3 + y]++;
                    rowsOfCategory[k]++;
                    categorySize.getOrAdd(Cells.pair(k, s), 3)[y]++;
                    customerCategory.getOrAdd(Cells.pair(c, k), 3)[y]++;
                }
                if (data.occasion[o] >= 0) {
                    occasion[data.occasion[o] * 3 + y]++;
                }
                if (buildOfCustomer[c] != null) {
                    for (int key : buildOfCustomer[c]) {
                        itemBuild.getOrAdd(Cells.pair(i, key), 3)[y]++;
                    }
                }
                implied[r] = data.sizePositions[s] + step * (y == FitData.SMALL ? 1 : y == FitData.LARGE ? -1 : 0);
            }
            for (int y = 0; y < 3; y++) {
                // Add-one, so that a class never seen in training still has a finite log-ratio.
                globalP[y] = (global[y] + 1) / (rows.length + 3);
            }
        }

        /** Alternating shrunken means for customer sizes and item offsets, with a profile regression as prior. */
        void fitTrueSizes() {
            customerSize = new double[customers];
            customerPrior = new double[customers];
            itemOffset = new double[items];
            categoryOffset = new double[Math.max(1, categories)];
            double mean = 0;
            for (double v : implied) {
                mean += v;
            }
            mean /= rows.length;
            Arrays.fill(customerPrior, mean);
            double[] sum = new double[customers];
            for (int r = 0; r < rows.length; r++) {
                sum[data.customer[rows[r]]] += implied[r];
            }
            for (int c = 0; c < customers; c++) {
                customerSize[c] = rowsOfCustomer[c] > 0 ? sum[c] / rowsOfCustomer[c] : mean;
            }
            for (int round = 0; round < rounds; round++) {
                double[] categorySum = new double[categoryOffset.length];
                double[] itemSum = new double[items];
                for (int r = 0; r < rows.length; r++) {
                    int o = rows[r];
                    double residual = implied[r] - customerSize[data.customer[o]];
                    itemSum[data.item[o]] += residual;
                    if (data.category[o] >= 0) {
                        categorySum[data.category[o]] += residual;
                    }
                }
                for (int k = 0; k < categoryOffset.length; k++) {
                    categoryOffset[k] = shrunk(categorySum[k], rowsOfCategory[k], 0, itemShrinkage);
                }
                for (int i = 0; i < items; i++) {
                    int k = i < data.categoryOfItem.length ? data.categoryOfItem[i] : -1;
                    itemOffset[i] = shrunk(itemSum[i], rowsOfItem[i], k >= 0 ? categoryOffset[k] : 0, itemShrinkage);
                }
                itemResidualSum = itemSum;
                fitProfilePrior(mean);
                Arrays.fill(sum, 0);
                for (int r = 0; r < rows.length; r++) {
                    int o = rows[r];
                    sum[data.customer[o]] += implied[r] - itemOffset[data.item[o]];
                }
                for (int c = 0; c < customers; c++) {
                    customerSize[c] = shrunk(sum[c], rowsOfCustomer[c], customerPrior[c], customerShrinkage);
                }
                customerResidualSum = sum;
            }
            // Final item sums against the final customer sizes, for the leave-one-out offsets.
            double[] itemSum = new double[items];
            for (int r = 0; r < rows.length; r++) {
                int o = rows[r];
                itemSum[data.item[o]] += implied[r] - customerSize[data.customer[o]];
            }
            itemResidualSum = itemSum;
            for (int r = 0; r < rows.length; r++) {
                int o = rows[r];
                if (data.category[o] >= 0) {
                    double[] cell = customerCategorySize.getOrAdd(Cells.pair(data.customer[o], data.category[o]), 2);
                    cell[0] += implied[r] - itemOffset[data.item[o]];
                    cell[1]++;
                }
            }
        }

        /** Ridge regression of each rental's implied size (less the item's offset) on the customer's profile. */
        private void fitProfilePrior(double mean) {
            int p = data.profileEncoder.length();
            int d = p + 1;
            if (p == 0) {
                Arrays.fill(customerPrior, mean);
                profileWeights = new double[] {mean};
                return;
            }
            double[] a = new double[d * d];
            double[] b = new double[d];
            double[] xc = new double[d];
            for (int r = 0; r < rows.length; r++) {
                int o = rows[r];
                double[] profile = data.profileOfCustomer[data.customer[o]];
                if (profile == null) {
                    continue;
                }
                xc[0] = 1;
                System.arraycopy(profile, 0, xc, 1, p);
                double target = implied[r] - itemOffset[data.item[o]];
                for (int u = 0; u < d; u++) {
                    if (xc[u] == 0) {
                        continue;
                    }
                    b[u] += xc[u] * target;
                    for (int v = 0; v < d; v++) {
                        a[u * d + v] += xc[u] * xc[v];
                    }
                }
            }
            for (int u = 1; u < d; u++) {
                a[u * d + u] += 10.0;
            }
            a[0] += 1e-6;
            double[] beta = dev.tailor.internal.DenseSolve.positiveDefinite(a, b, d);
            profileWeights = beta == null ? new double[] {mean} : beta;
            for (int c = 0; c < customers; c++) {
                double[] profile = data.profileOfCustomer[c];
                customerPrior[c] = profile == null || beta == null ? mean : FitModel.profileSize(beta, profile);
            }
        }

        /** Leave-one-out features of every training row. */
        double[] features() {
            int d = 2 * FitFeatures.WIDTH;
            double[] x = new double[rows.length * d];
            workers.forEach("fit features", rows.length, r -> rowFeatures(r, x, r * d));
            return x;
        }

        private void rowFeatures(int r, double[] x, int offset) {
            int o = rows[r];
            int y = data.outcome[o];
            int c = data.customer[o];
            int i = data.item[o];
            int k = data.category[o];
            int s = data.size[o];
            double[] p = new double[3];
            double[] pk = chain(k >= 0 ? category : null, k * 3, globalP, 0, smoothing, y, new double[3]);
            double[] pks = chain(k >= 0 ? categorySize.get(Cells.pair(k, s)) : null, 0, pk, 0, smoothing, y, new double[3]);
            double[] pi = chain(item, i * 3, pk, 0, smoothing, y, new double[3]);
            double[] q = FitModel.combine(pi, pks, pk, new double[3]);
            chain(itemSize.get(Cells.pair(i, s)), 0, q, 0, smoothing, y, p);
            double isSmall = FitFeatures.logRatio(p, 0, FitData.SMALL);
            double isLarge = FitFeatures.logRatio(p, 0, FitData.LARGE);
            double[] pc = chain(customer, c * 3, globalP, 0, customerSmoothing, y, new double[3]);
            double[] pck = chain(k >= 0 ? customerCategory.get(Cells.pair(c, k)) : null, 0, pc, 0, customerSmoothing, y,
                    new double[3]);
            int occ = data.occasion[o];
            double[] po = chain(occ >= 0 ? occasion : null, occ * 3, globalP, 0, smoothing, y, new double[3]);
            int others = rowsOfCustomer[c] - 1;
            double itemRuns = itemRunsWithout(r);
            double fromHistory = others > 0 ? (sizeWithout(r) + itemRuns - data.sizePositions[s]) / step : 0;
            boolean hasProfile = data.profileOfCustomer[c] != null;
            double fromProfile = hasProfile ? (customerPrior[c] + itemRuns - data.sizePositions[s]) / step : 0;
            double history = others / (others + customerShrinkage);
            double buildSmall = 0;
            double buildLarge = 0;
            if (buildOfCustomer[c] != null) {
                double itemSmall = FitFeatures.logRatio(pi, 0, FitData.SMALL);
                double itemLarge = FitFeatures.logRatio(pi, 0, FitData.LARGE);
                double[] pb = new double[3];
                for (int key : buildOfCustomer[c]) {
                    chain(itemBuild.get(Cells.pair(i, key)), 0, pi, 0, smoothing, y, pb);
                    buildSmall += FitFeatures.logRatio(pb, 0, FitData.SMALL) - itemSmall;
                    buildLarge += FitFeatures.logRatio(pb, 0, FitData.LARGE) - itemLarge;
                }
            }
            FitFeatures.fill(x, offset, FitFeatures.mask(signals), isSmall, isLarge, FitFeatures.logRatio(pck, 0, FitData.SMALL),
                    FitFeatures.logRatio(pck, 0, FitData.LARGE), FitFeatures.logRatio(po, 0, FitData.SMALL),
                    FitFeatures.logRatio(po, 0, FitData.LARGE), fromHistory, fromProfile, history, hasProfile, buildSmall,
                    buildLarge);
        }

        /**
         * Training row r's customer's size from the feedback on her other rentals (shrunk toward it within the
         * row's category): the leave-one-out size the row's features and the trust in feedback read. She must have
         * other rentals.
         */
        private double sizeWithout(int r) {
            int o = rows[r];
            int c = data.customer[o];
            int k = data.category[o];
            double u = implied[r] - itemOffset[data.item[o]];
            double size = (customerResidualSum[c] - u) / (rowsOfCustomer[c] - 1);
            if (k >= 0) {
                double[] cell = customerCategorySize.get(Cells.pair(c, k));
                size = shrunk(cell[0] - u, cell[1] - 1, size, customerShrinkage);
            }
            return size;
        }

        /** How training row r's item runs (its size offset, shrunk toward its category's) without the row itself. */
        private double itemRunsWithout(int r) {
            int o = rows[r];
            int i = data.item[o];
            int k = data.category[o];
            double baseOffset = k >= 0 ? categoryOffset[k] : 0;
            return shrunk(itemResidualSum[i] - (implied[r] - customerSize[data.customer[o]]), rowsOfItem[i] - 1, baseOffset,
                    itemShrinkage);
        }

        /** Each customer's sum of the size positions she rented (with fit feedback) in training. */
        double[] rentedSizeSum() {
            double[] sum = new double[customers];
            for (int o : rows) {
                sum[data.customer[o]] += data.sizePositions[data.size[o]];
            }
            return sum;
        }

        /**
         * How far a customer's expected label should move from the sizes she rented toward what her feedback says:
         * of 0, ¼, ½, ¾ and 1, the value whose label, snapped to the item's nearest size, is most often the size of
         * a training rental marked as fitting, each rental's label made from the customer's other rentals (ties go
         * to the larger trust). Truthful feedback (a size returned as too small is too small for her) gives 1; on
         * rental data where customers keep renting their size after an item ran small, 0.
         */
        double feedbackTrust(double[] rentedSum, PairTable rentedCells) {
            double[] trust = {1, 0.75, 0.5, 0.25, 0};
            long[] exact = new long[trust.length];
            for (int r = 0; r < rows.length; r++) {
                int o = rows[r];
                int c = data.customer[o];
                int others = rowsOfCustomer[c] - 1;
                if (data.outcome[o] != FitData.FITS || others == 0) {
                    continue;
                }
                int i = data.item[o];
                int k = data.category[o];
                double position = data.sizePositions[data.size[o]];
                // Her rented sizes without this rental, in the category when she has others there.
                double rented = (rentedSum[c] - position) / others;
                double[] rentedCell = k >= 0 ? rentedCells.get(Cells.pair(c, k)) : null;
                if (rentedCell != null && rentedCell[1] > 1) {
                    rented = shrunk(rentedCell[0] - position, rentedCell[1] - 1, rented, customerShrinkage);
                }
                // Her size from her other feedback and how the item runs without this rental, as the features have it.
                double fromFeedback = sizeWithout(r) + itemRunsWithout(r);
                for (int b = 0; b < trust.length; b++) {
                    double label = rented + trust[b] * (fromFeedback - rented);
                    exact[b] += nearestSize(data.sizesOfItem[i], label) == data.size[o] ? 1 : 0;
                }
            }
            int best = 0;
            for (int b = 1; b < trust.length; b++) {
                if (exact[b] > exact[best]) {
                    best = b;
                }
            }
            LOG.debug("trust in feedback: {} (rentals advised their size for trust 1, ¾, ½, ¼, 0: {})", trust[best],
                    Arrays.toString(exact));
            return trust[best];
        }

        /** The item's size (id) whose position is nearest the label; of two as near, the smaller. */
        private int nearestSize(int[] sizes, double label) {
            int best = -1;
            double bestGap = Double.POSITIVE_INFINITY;
            for (int s : sizes) {
                double gap = Math.abs(data.sizePositions[s] - label);
                if (gap < bestGap) {
                    bestGap = gap;
                    best = s;
                }
            }
            return best;
        }

        /** Each customer-category pair's sum of the size positions rented there and its rentals. */
        PairTable rentedByCategory() {
            PairTable cells = new PairTable();
            for (int o : rows) {
                if (data.category[o] >= 0) {
                    double[] cell = cells.getOrAdd(Cells.pair(data.customer[o], data.category[o]), 2);
                    cell[0] += data.sizePositions[data.size[o]];
                    cell[1]++;
                }
            }
            return cells;
        }

        FitModel finish(double[] weights) {
            PairTable customerCells = new PairTable();
            PairTable rentedCells = rentedByCategory();
            double[] rentedSum = rentedSizeSum();
            for (long pair : customerCategory.sortedPairs()) {
                double[] sizeCell = customerCategorySize.get(pair);
                double[] cell = customerCells.getOrAdd(pair, FitModel.RENTED + 1);
                System.arraycopy(customerCategory.get(pair), 0, cell, 0, 3);
                cell[3] = sizeCell[0];
                cell[4] = sizeCell[1];
                cell[FitModel.RENTED] = rentedCells.get(pair)[0];
            }
            return new FitModel(new FitModel.Tables(data.customers(), data.items(), signals, step, smoothing,
                    customerSmoothing, customerShrinkage, global, category, categories, item, customer, occasion,
                    data.occasionNames, Cells.of(itemSize, items, 3), Cells.of(categorySize, Math.max(1, categories), 3),
                    Cells.of(customerCells, customers, FitModel.RENTED + 1), Cells.of(itemBuild, items, 3), Arrays.copyOf(data.categoryOfItem, items), itemOffset,
                    categoryOffset, rowsOfItem, customerResidualSum, rentedSum, rowsOfCustomer, customerPrior, profileWeights,
                    data.profileEncoder, data.profileOfCustomer, data.sizeLabels, data.sizePositions, data.sizesOfItem,
                    data.scale), weights, monotone, monotone && signals.contains(FitSignal.TRUE_SIZE) ? response : 0,
                    feedbackTrust(rentedSum, rentedCells));
        }
    }

    /**
     * A mean shrunk toward a prior: {@code (sum + strength × prior) / (count + strength)} — how sizes and offsets
     * are pooled with what their group says, in training and at scoring alike.
     */
    static double shrunk(double sum, double count, double prior, double strength) {
        return (sum + strength * prior) / (count + strength);
    }

    /**
     * Smoothed outcome probabilities: {@code (counts − own + strength × prior) / (total − 1[own] + strength)}.
     * {@code counts} may be null (no observations); {@code own} is the outcome to leave out, or -1.
     */
    static double[] chain(double[] counts, int offset, double[] prior, int priorOffset, double strength, int own,
            double[] target) {
        double total = strength;
        for (int y = 0; y < 3; y++) {
            double n = counts == null ? 0 : counts[offset + y] - (y == own ? 1 : 0);
            target[y] = n + strength * prior[priorOffset + y];
            total += n;
        }
        for (int y = 0; y < 3; y++) {
            target[y] /= total;
        }
        return target;
    }

    private static double autoStep(FitData data) {
        List<Double> gaps = new ArrayList<>();
        for (int[] sizes : data.sizesOfItem) {
            for (int j = 1; j < sizes.length; j++) {
                double gap = data.sizePositions[sizes[j]] - data.sizePositions[sizes[j - 1]];
                if (gap > 0) {
                    gaps.add(gap);
                }
            }
        }
        if (gaps.isEmpty()) {
            return 1.0;
        }
        gaps.sort(null);
        return gaps.get(gaps.size() / 2);
    }

    /**
     * Validating builder; the defaults were chosen on RentTheRunway's validation split. Training runs on the threads
     * of its {@link Workers.Settings}; progress is reported for each round of the boosted
     * trees, the long part of its training.
     */
    public static final class Builder extends Workers.Settings<Builder> {
        private Set<FitSignal> signals = EnumSet.allOf(FitSignal.class);
        private double smoothing = 10;
        private double customerSmoothing = 4;
        private double customerShrinkage = 0.1;
        private double itemShrinkage = 3;
        private double sizeStep = Double.NaN;
        private double l2 = 1;
        private int rounds = 5;
        private boolean monotone = true;
        private boolean boostedTrees = true;
        private double response = 0.5;

        private Builder() {
        }

        /**
         * Whether to train the second stage of boosted trees (default true; left out on fewer than
         * {@value SizeFit#SECOND_STAGE_MIN_RENTALS} rentals either way). Without it the model is the logistic
         * stage alone: faster to train and score, a little less accurate.
         */
        public Builder boostedTrees(boolean use) {
            this.boostedTrees = use;
            return this;
        }

        /**
         * How fast, in a model monotone in size, "too small" gives way to "too large" for a customer with fit
         * feedback as the size moves away from the label her feedback says she needs: log-odds per size step
         * beyond the flat middle of two steps either side (default 0.5; 0: the model's size signals alone, which
         * on rental data barely move across sizes, because customers who size up on an item still report "too
         * small" more often, not less). The feedback on chosen sizes cannot measure this — every slope lowers
         * the AUC on RentTheRunway's validation part (RESULTS.md) — so the default is a stated prior, kept
         * modest: it makes a size four steps from hers clearly worse and barely moves her own.
         */
        public Builder sizeResponse(double logOddsPerStep) {
            if (!(logOddsPerStep >= 0) || Double.isInfinite(logOddsPerStep)) {
                throw new IllegalArgumentException("sizeResponse must be finite and ≥ 0, was " + logOddsPerStep);
            }
            this.response = logOddsPerStep;
            return this;
        }

        /**
         * Whether the model must be monotone in size (default true): a larger size never fits tighter, for any
         * customer and item, which size advice and offers rely on. With {@code false} the model keeps what the
         * data says about each item's sizes as they are chosen and reported — on real rental data customers who
         * size up on an item that runs small still report "small" more often, so the reported feedback is not
         * monotone in the size chosen — and predicts how a booked rental in its size will be reported better
         * (RentTheRunway: RESULTS.md, "Fit and size"), but gives no size advice
         * ({@link FitModel#advise} throws) and is refused by the offers. Its trees see the size and everything
         * else (see the class comment): deeper, and slower to train than the monotone model's.
         */
        public Builder monotoneInSize(boolean monotone) {
            this.monotone = monotone;
            return this;
        }

        /** The evidence to use (default all); an empty set gives the class prior. */
        public Builder signals(Set<FitSignal> use) {
            this.signals = use.isEmpty() ? Set.of() : EnumSet.copyOf(use);
            return this;
        }

        /** Pseudo-observations of the back-off prior at each level of the item chain and the occasion (default 10). */
        public Builder smoothing(double pseudoCounts) {
            this.smoothing = positive(pseudoCounts, "smoothing");
            return this;
        }

        /** Pseudo-observations of the population behind a customer's own reporting (default 4). */
        public Builder customerSmoothing(double pseudoCounts) {
            this.customerSmoothing = positive(pseudoCounts, "customerSmoothing");
            return this;
        }

        /** Pseudo-rentals pulling a customer's size toward her predicted size, and her size in a category toward her overall size (default 0.1: sizes of different sizing systems, letters and shoe numbers, must not pull on each other). */
        public Builder customerShrinkage(double pseudoRentals) {
            this.customerShrinkage = positive(pseudoRentals, "customerShrinkage");
            return this;
        }

        /** Pseudo-rentals pulling an item's offset toward its category's (default 3). */
        public Builder itemShrinkage(double pseudoRentals) {
            this.itemShrinkage = positive(pseudoRentals, "itemShrinkage");
            return this;
        }

        /**
         * How far apart two neighbouring sizes are on the size scale (default: the median gap between an
         * item's neighbouring sizes in the data; 1 for letter sizes).
         */
        public Builder sizeStep(double step) {
            this.sizeStep = positive(step, "sizeStep");
            return this;
        }

        /** L2 penalty on the logistic weights (default 1). */
        public Builder l2(double penalty) {
            this.l2 = positive(penalty, "l2");
            return this;
        }

        /** Alternating rounds of the true-size fit (default 5). */
        public Builder rounds(int count) {
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("rounds must be in [1, 100], was " + count);
            }
            this.rounds = count;
            return this;
        }

        /** Builds the trainer. */
        public SizeFit build() {
            return new SizeFit(this);
        }

        private static double positive(double value, String name) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
            }
            return value;
        }
    }
}
