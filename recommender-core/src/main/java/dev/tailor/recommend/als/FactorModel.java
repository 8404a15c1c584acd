package dev.tailor.recommend.als;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.internal.Pacing;
import dev.tailor.internal.ScratchPool;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.kit.ModelBasis;
import dev.tailor.recommend.kit.Selection;
import dev.tailor.recommend.kit.TopN;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A trained factor model: score(c, i) = x_c · y_i with float factors stored row-major and contiguous.
 *
 * <p>{@link #recommend} scores every item and keeps the top n in one pass; owned items are skipped by
 * walking the customer's sorted history alongside, the business filter is consulted only for items that
 * would enter the list, and nothing is allocated per item. {@link #recommendAll} scores many customers in
 * parallel, in tiles of items that stay in cache across a block of customers. {@link #foldIn} computes
 * factors for a new or changed customer from their events without retraining.
 *
 * <p>A customer without training history gets the most popular items.
 *
 * <p>Thread-safety: immutable; any number of threads may score at once.
 */
public final class FactorModel implements Recommender.Explainable, Recommender.ItemSimilarity {
    static final String FORMAT = "tailor.factor-model";
    /** Version 2 stores the Gram matrix of the item factors (version 1 files have it computed on load). */
    static final int VERSION = 2;
    private static final int CUSTOMER_BLOCK = 16;
    private static final int ITEM_TILE = 1024; // a multiple of 4: tiles are scored four items at a time

    private final ModelBasis basis;
    private final String name;
    private final int k;
    private final float[] customerFactors;
    private final float[] itemFactors;
    private final int customers;
    private final int items;
    private final SparseMatrix history;
    private final int[] popularityOrder;
    private final double lambda;
    private final double alpha;
    private final double[] itemGram;
    /** Code scores of one selection ({@link #selectWithCodes}), shared by the models of this JVM. */
    private static final ScratchPool<float[]> APPROXIMATIONS = new ScratchPool<>(float[]::new, a -> a.length);
    /** Byte codes of the item factors for the first pass of a scan, or null (small catalogs, no Vector API). */
    private final QuantizedItems quantized;

    FactorModel(ModelBasis basis, int k, float[] customerFactors, float[] itemFactors, double lambda, double alpha) {
        this(basis, k, customerFactors, itemFactors, lambda, alpha, floatGram(itemFactors, basis.itemCount(), k));
    }

    private FactorModel(ModelBasis basis, int k, float[] customerFactors, float[] itemFactors, double lambda, double alpha,
            double[] itemGram) {
        this(basis, k, customerFactors, itemFactors, lambda, alpha, itemGram,
                VECTOR && basis.itemCount() >= QuantizedItems.MIN_ITEMS
                        ? QuantizedItems.of(itemFactors, basis.itemCount(), k, VectorFactorScorer.lanes()) : null);
    }

    /** A model with its derived parts given (the Gram matrix of the item factors, their byte codes or null). */
    private FactorModel(ModelBasis basis, int k, float[] customerFactors, float[] itemFactors, double lambda, double alpha,
            double[] itemGram, QuantizedItems quantized) {
        this.basis = basis;
        this.name = basis.name();
        this.k = k;
        this.customerFactors = customerFactors;
        this.itemFactors = itemFactors;
        this.customers = basis.history().rows();
        this.items = basis.itemCount();
        this.history = basis.history();
        this.popularityOrder = basis.popularityOrder();
        this.lambda = lambda;
        this.alpha = alpha;
        this.itemGram = itemGram;
        this.quantized = quantized;
    }

    /** This model scanning the float factors only: the reference the byte-code scan is tested against. */
    FactorModel withExactScan() {
        return new FactorModel(basis, k, customerFactors, itemFactors, lambda, alpha, itemGram, null);
    }

    /**
     * Serves factors trained elsewhere (for example by ALS on a cluster): customer row c and item row i of
     * the row-major arrays belong to dense ids c and i of the matrix's indexes.
     *
     * @param history the interaction matrix the factors were trained on (owned items, cold customers)
     * @param lambda and {@code alpha}: the regularization and confidence used, for {@link #foldIn}
     * @throws IllegalArgumentException if the array lengths do not match the matrix and k
     */
    public static FactorModel fromFactors(String name, int k, float[] customerFactors, float[] itemFactors,
            InteractionMatrix history, double lambda, double alpha) {
        Objects.requireNonNull(name, "name");
        int customers = history.customerCount();
        int items = history.itemCount();
        if (k < 1 || customerFactors.length != (long) customers * k || itemFactors.length != (long) items * k) {
            throw new IllegalArgumentException("factors must be " + customers + " x " + k + " and " + items + " x " + k
                    + ", were " + customerFactors.length + " and " + itemFactors.length + " floats");
        }
        return new FactorModel(ModelBasis.of(name, history), k, customerFactors.clone(), itemFactors.clone(), lambda,
                alpha);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int itemCount() {
        return items;
    }

    /** Number of factors k. */
    public int factors() {
        return k;
    }

    /** The customer index of the training data. */
    public IdIndex customers() {
        return basis.customers();
    }

    /** The item index of the training data. */
    public IdIndex items() {
        return basis.items();
    }

    /** The weighting policy the training matrix was built with (fold-in weighs new events with it). */
    public WeightingPolicy policy() {
        return basis.policy();
    }

    /** A copy of a customer's factors. */
    public float[] customerFactors(int customer) {
        Objects.checkIndex(customer, customers);
        return Arrays.copyOfRange(customerFactors, customer * k, customer * k + k);
    }

    /** A copy of an item's factors. */
    public float[] itemFactors(int item) {
        Objects.checkIndex(item, items);
        return Arrays.copyOfRange(itemFactors, item * k, item * k + k);
    }

    /**
     * The score of an item for a factor vector of length k (a customer's, or a folded-in history's), with the
     * arithmetic of the model's own lists, so a candidate rescored elsewhere ranks exactly as here.
     */
    public float scoreVector(float[] vector, int item) {
        if (vector.length != k) {
            throw new IllegalArgumentException("a vector of " + k + " factors was expected, not " + vector.length);
        }
        Objects.checkIndex(item, items);
        return scoreOne(vector, 0, item * k);
    }

    /** The model's score of an item for a customer. */
    public float score(int customer, int item) {
        Objects.checkIndex(customer, customers);
        Objects.checkIndex(item, items);
        return scoreOne(customerFactors, customer * k, item * k);
    }

    @Override
    public CustomerHistory history(int customer) {
        return CustomerHistory.ofRow(history, customer);
    }

    @Override
    public RecommendationList recommend(int customer, int n, Exclusions exclusions) {
        Selection.checkRequest(customer, n);
        if (!basis.knows(customer)) {
            return Selection.forCustomer(customer, recommend(history(customer), n, exclusions));
        }
        CustomerHistory owned = exclusions.excludesOwned() ? history(customer) : CustomerHistory.empty();
        return select(customer, customerFactors, customer * k, Math.min(n, items), owned, exclusions.businessFilter().orElse(null));
    }

    /**
     * The best n items for this history: its items folded in against the fixed item factors (one exact
     * ALS half-step, O(history × k² + k³)), then scored as a trained customer is; a history without
     * positive evidence gets the most popular items.
     */
    @Override
    public RecommendationList recommend(CustomerHistory mine, int n, Exclusions exclusions) {
        Selection.checkRequest(mine, n, items);
        Objects.requireNonNull(exclusions, "exclusions");
        n = Math.min(n, items);
        if (!mine.hasEvidence()) {
            return Selection.fill(new RecommendationList(-1, new int[0], new float[0]), n,
                    exclusions.forHistory(mine), popularityOrder);
        }
        CustomerHistory owned = exclusions.excludesOwned() ? mine : CustomerHistory.empty();
        return select(-1, foldIn(mine), 0, n, owned, exclusions.businessFilter().orElse(null));
    }

    private RecommendationList select(int customer, float[] vector, int offset, int n, CustomerHistory owned,
            ItemFilter business) {
        if (quantized != null) {
            return selectWithCodes(customer, vector, offset, n, owned, business);
        }
        TopN top = new TopN(n);
        int p = 0;
        int end = owned.size();
        float[] scores = new float[4];
        int item = 0;
        // Four items at a time: eight independent accumulator chains, and each customer factor is loaded
        // once for four items (float additions cannot be reordered by the JIT, so the chains must be ours).
        for (int base = 0; item + 3 < items; item += 4, base += 4 * k) {
            score4(vector, offset, base, scores);
            for (int j = 0; j < 4; j++) {
                if (scores[j] > top.threshold()) { // ascending ids: an equal score never beats the lower id kept
                    p = offerUnlessExcluded(top, item + j, scores[j], owned, p, end, business);
                }
            }
        }
        for (int base = item * k; item < items; item++, base += k) {
            float s = scoreOne(vector, offset, base);
            if (s > top.threshold()) {
                p = offerUnlessExcluded(top, item, s, owned, p, end, business);
            }
        }
        return top.drain(customer);
    }

    /**
     * The exact top n in two passes over the items, asking the rules (owned items, the business filter) about as
     * few items as possible — in a service they are the expensive part.
     * <ol>
     *   <li>Scan the byte codes: each item's code score, and from it a lower and an upper bound on its exact score
     *       (∓ ‖u‖ · the item's slack). Walk the items in order of their lower bounds, asking the rules, until n are
     *       allowed: the n-th of those lower bounds is τ (the walk takes the best 2n + 16 lower bounds first, four
     *       times as many if too few of them are allowed, and so on).</li>
     *   <li>Every allowed item whose upper bound reaches τ is scored exactly, in ascending ids as the exact scan
     *       does. Every item of the exact top n is among them: n allowed items score at least τ, and none of the
     *       top n scores less than the n-th of those. So lists, scores and ties equal the float scan's.</li>
     * </ol>
     */
    private RecommendationList selectWithCodes(int customer, float[] vector, int offset, int n, CustomerHistory owned,
            ItemFilter business) {
        if (n == 0) {
            return new RecommendationList(customer, new int[0], new float[0]);
        }
        float norm = (float) (Math.sqrt(dot(vector, offset, vector, offset, k)) * 1.0001);
        int lanes = quantized.lanes;
        float[] approximate = APPROXIMATIONS.acquire(quantized.paddedItems());
        try {
            byte[] codes = quantized.codes;
            float[] scales = quantized.scales;
            float[] slack = quantized.slack;
            // The first walk's best lower bounds are collected during the code scan, block by block.
            int wanted = Math.min(items, 2 * n + 16);
            TopN lowest = new TopN(wanted);
            for (int start = 0, base = 0; start < items; start += lanes, base += lanes * k) {
                VectorFactorScorer.scoreBlockOfCodes(vector, offset, codes, base, k, scales, approximate, start);
                if (VectorFactorScorer.anyLowerBoundAbove(approximate, slack, start, norm, lowest.threshold())) {
                    for (int item = start, last = Math.min(items, start + lanes); item < last; item++) {
                        float least = approximate[item] - norm * slack[item];
                        if (least > lowest.threshold()) {
                            lowest.offer(item, least);
                        }
                    }
                }
            }
            float floor = Float.NEGATIVE_INFINITY;
            int allowed = 0;
            int asked = 0;
            for (; ; wanted = (int) Math.min(items, 4L * wanted)) {
                if (lowest == null) {
                    lowest = new TopN(wanted);
                    for (int item = 0; item < items; item++) {
                        float least = approximate[item] - norm * slack[item];
                        if (least > lowest.threshold()) {
                            lowest.offer(item, least);
                        }
                    }
                }
                RecommendationList ranked = lowest.drain(-1);
                lowest = null;
                // The first ranks are those of the previous round (same bounds, same ties): asked already.
                for (; asked < ranked.size() && allowed < n; asked++) {
                    int item = ranked.item(asked);
                    if (!owned.contains(item) && (business == null || !business.excludes(item))) {
                        allowed++;
                        floor = ranked.score(asked);
                    }
                }
                if (allowed == n || wanted == items) {
                    break;
                }
            }
            if (allowed < n) {
                floor = Float.NEGATIVE_INFINITY;
            }
            TopN top = new TopN(n);
            int p = 0;
            int end = owned.size();
            for (int start = 0; start < items; start += lanes) {
                if (!VectorFactorScorer.anyUpperBoundReaching(approximate, slack, start, norm, floor)) {
                    continue;
                }
                for (int item = start, last = Math.min(items, start + lanes); item < last; item++) {
                    if (approximate[item] + norm * slack[item] >= floor) {
                        // As in the exact scan, the rules are asked only about an item that would enter the top n.
                        float s = scoreOne(vector, offset, item * k);
                        if (s > top.threshold()) {
                            p = offerUnlessExcluded(top, item, s, owned, p, end, business);
                        }
                    }
                }
            }
            return top.drain(customer);
        } finally {
            // Every entry is written before it is read, so the array goes back as it is.
            APPROXIMATIONS.release(approximate);
        }
    }

    /**
     * Offers a candidate unless it is owned (found by advancing the owned position p, which only moves
     * forward because candidates come in ascending order) or excluded by the business filter.
     *
     * @return the advanced owned position
     */
    private static int offerUnlessExcluded(TopN top, int candidate, float score, CustomerHistory owned, int p, int end,
            ItemFilter business) {
        while (p < end && owned.item(p) < candidate) {
            p++;
        }
        if ((p < end && owned.item(p) == candidate) || (business != null && business.excludes(candidate))) {
            return p;
        }
        top.offer(candidate, score);
        return p;
    }

    /**
     * Whether scoring uses the Vector API: the JVM was started with {@code --add-modules jdk.incubator.vector},
     * and {@code -Dtailor.vector=false} was not given. A constant, so the JIT keeps only one path.
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("tailor.vector"));

    static {
        // Said once per JVM: which path every factor scan takes, and how to get the fast one.
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FactorModel.class);
        if (VECTOR) {
            log.debug("factor scoring: SIMD kernels (Vector API)");
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            log.debug("factor scoring: scalar kernels (-Dtailor.vector=false)");
        } else {
            log.info("factor scoring: scalar kernels; start Java with --add-modules jdk.incubator.vector for SIMD scans"
                    + " (2 to 4 times faster)");
        }
    }

    /** Scores the four items whose factors start at {@code base}, {@code base + k}, ... into {@code out}. */
    private void score4(float[] vector, int offset, int base, float[] out) {
        if (VECTOR) {
            VectorFactorScorer.score4(vector, offset, itemFactors, base, k, out);
            return;
        }
        float[] y = itemFactors;
        int b0 = base;
        int b1 = base + k;
        int b2 = base + 2 * k;
        int b3 = base + 3 * k;
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float c0 = 0;
        float c1 = 0;
        float c2 = 0;
        float c3 = 0;
        int f = 0;
        for (; f + 1 < k; f += 2) {
            float u0 = vector[offset + f];
            float u1 = vector[offset + f + 1];
            a0 += u0 * y[b0 + f];
            c0 += u1 * y[b0 + f + 1];
            a1 += u0 * y[b1 + f];
            c1 += u1 * y[b1 + f + 1];
            a2 += u0 * y[b2 + f];
            c2 += u1 * y[b2 + f + 1];
            a3 += u0 * y[b3 + f];
            c3 += u1 * y[b3 + f + 1];
        }
        if (f < k) {
            float u0 = vector[offset + f];
            a0 += u0 * y[b0 + f];
            a1 += u0 * y[b1 + f];
            a2 += u0 * y[b2 + f];
            a3 += u0 * y[b3 + f];
        }
        out[0] = a0 + c0;
        out[1] = a1 + c1;
        out[2] = a2 + c2;
        out[3] = a3 + c3;
    }

    /**
     * Top n for each customer, computed in parallel blocks; the same lists as {@link #recommend} one by one.
     *
     * @param workers the threads that score (customers are scored in blocks of 16)
     */
    public RecommendationList[] recommendAll(int[] customerIds, int n, Exclusions exclusions, Workers workers) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        int wanted = Math.min(n, items);
        RecommendationList[] out = new RecommendationList[customerIds.length];
        int blocks = (customerIds.length + CUSTOMER_BLOCK - 1) / CUSTOMER_BLOCK;
        workers.forEach("batch scoring", blocks, block -> scoreBlock(customerIds, block * CUSTOMER_BLOCK,
                Math.min(customerIds.length, block * CUSTOMER_BLOCK + CUSTOMER_BLOCK), wanted, exclusions, out));
        return out;
    }

    private void scoreBlock(int[] ids, int from, int to, int n, Exclusions exclusions, RecommendationList[] out) {
        int size = to - from;
        TopN[] tops = new TopN[size];
        CustomerHistory[] owned = new CustomerHistory[size];
        int[] ownedAt = new int[size];
        boolean[] warm = new boolean[size];
        ItemFilter business = exclusions.businessFilter().orElse(null);
        for (int b = 0; b < size; b++) {
            int c = ids[from + b];
            if (c < 0) {
                throw new IllegalArgumentException("customer must be >= 0, was " + c);
            }
            warm[b] = basis.knows(c);
            tops[b] = new TopN(n);
            owned[b] = warm[b] && exclusions.excludesOwned() ? history(c) : CustomerHistory.empty();
        }
        for (int tile = 0; tile < items; tile += ITEM_TILE) {
            int tileEnd = Math.min(items, tile + ITEM_TILE);
            for (int b = 0; b < size; b++) {
                if (!warm[b]) {
                    continue;
                }
                int offset = ids[from + b] * k;
                TopN top = tops[b];
                float threshold = top.threshold();
                int p = ownedAt[b];
                int end = owned[b].size();
                float[] four = new float[4];
                for (int item = tile; item < tileEnd; item += 4) {
                    int count = Math.min(4, tileEnd - item);
                    if (count == 4) {
                        score4(customerFactors, offset, item * k, four);
                    } else {
                        for (int j = 0; j < count; j++) {
                            four[j] = scoreOne(customerFactors, offset, (item + j) * k);
                        }
                    }
                    for (int j = 0; j < count; j++) {
                        if (four[j] > threshold) { // ascending ids: an equal score never beats the lower id kept
                            p = offerUnlessExcluded(top, item + j, four[j], owned[b], p, end, business);
                            threshold = top.threshold();
                        }
                    }
                }
                ownedAt[b] = p;
            }
        }
        for (int b = 0; b < size; b++) {
            int c = ids[from + b];
            out[from + b] = warm[b] ? tops[b].drain(c) : recommend(c, n, exclusions);
        }
    }

    /**
     * Factors for a customer with this history against the fixed item factors (one exact ALS half-step for
     * one row): for a new customer, or one whose history changed since training. Costs O(history × k² + k³).
     *
     * @throws IllegalArgumentException if the history holds an item beyond the model's items
     */
    public float[] foldIn(CustomerHistory mine) {
        Selection.checkRequest(mine, 0, items);
        double[] solution = new double[k];
        SystemOfOneRow system = new SystemOfOneRow(mine);
        new CholeskyRowSolver(k).solve(system.row, 0, system.fixed, itemGram, Math.max(lambda, 1e-9), alpha, solution, 0);
        float[] out = new float[k];
        for (int f = 0; f < k; f++) {
            out[f] = (float) solution[f];
        }
        return out;
    }

    /**
     * The history's items in the folded-in score of an item, largest first: with A the history's ALS
     * system, item j adds c_j p_j · y_jᵀ A⁻¹ y_i, and the shares sum to the folded-in score (Hu, Koren and
     * Volinsky, "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008, section 5). The
     * contribution's similarity is y_jᵀ A⁻¹ y_i, its weight c_j p_j; only positive shares are listed.
     */
    @Override
    public List<Contribution> because(CustomerHistory mine, int item) {
        return because(mine, new int[] {item}).get(0);
    }

    /** One decomposition of the history's system for all the items. */
    @Override
    public List<List<Contribution>> because(CustomerHistory mine, int[] itemIds) {
        for (int item : itemIds) {
            Objects.checkIndex(item, items);
        }
        Selection.checkRequest(mine, 0, items);
        List<List<Contribution>> all = new ArrayList<>(itemIds.length);
        if (!mine.hasEvidence()) {
            for (int i = 0; i < itemIds.length; i++) {
                all.add(new ArrayList<>());
            }
            return all;
        }
        SystemOfOneRow system = new SystemOfOneRow(mine);
        CholeskyRowSolver solver = new CholeskyRowSolver(k);
        solver.prepare(system.row, 0, system.fixed, itemGram, Math.max(lambda, 1e-9), alpha);
        double[] target = new double[k];
        double[] solved = new double[k];
        for (int item : itemIds) {
            for (int f = 0; f < k; f++) {
                target[f] = itemFactors[item * k + f];
            }
            solver.solvePrepared(target, solved);
            List<Contribution> reasons = new ArrayList<>();
            for (int r = 0; r < mine.size(); r++) {
                float w = mine.weight(r);
                double weight = RowSolver.confidence(w, alpha) * RowSolver.preference(w);
                if (weight <= 0) {
                    continue;
                }
                double similarity = 0;
                for (int f = 0; f < k; f++) {
                    similarity += solved[f] * system.fixed[r * k + f];
                }
                double share = weight * similarity;
                if (share > 0) {
                    reasons.add(new Contribution(mine.item(r), (float) weight, (float) similarity, (float) share));
                }
            }
            reasons.sort((x, y) -> Float.compare(y.contribution(), x.contribution()));
            all.add(reasons);
        }
        return all;
    }

    /** Items like this one by the cosine of their factors, best first. */
    @Override
    public RecommendationList similarItems(int item, int n) {
        Objects.checkIndex(item, items);
        TopN top = new TopN(Math.min(n, items - 1));
        int base = item * k;
        float norm = (float) Math.sqrt(dot(itemFactors, base, itemFactors, base, k));
        for (int other = 0; other < items; other++) {
            if (other == item) {
                continue;
            }
            float otherNorm = (float) Math.sqrt(dot(itemFactors, other * k, itemFactors, other * k, k));
            if (norm > 0 && otherNorm > 0) {
                top.offer(other, dot(itemFactors, base, itemFactors, other * k, k) / (norm * otherNorm));
            }
        }
        return top.drain(-1);
    }

    /** One history as a one-row matrix over its own items, with those items' factors alongside. */
    private final class SystemOfOneRow {
        final SparseMatrix row;
        final double[] fixed;

        SystemOfOneRow(CustomerHistory mine) {
            int n = mine.size();
            int[] columns = new int[n];
            float[] values = new float[n];
            fixed = new double[n * k];
            for (int r = 0; r < n; r++) {
                int item = mine.item(r);
                for (int f = 0; f < k; f++) {
                    fixed[r * k + f] = itemFactors[item * k + f];
                }
                columns[r] = r;
                values[r] = mine.weight(r);
            }
            row = new SparseMatrix(1, n, new int[] {0, n}, columns, values);
        }
    }

    /** One item's score with the summation of {@link #score4}, so every path gives identical scores. */
    private float scoreOne(float[] vector, int offset, int base) {
        return VECTOR ? VectorFactorScorer.dot(vector, offset, itemFactors, base, k) : dot(vector, offset, itemFactors, base, k);
    }

    /** Dot product with the same summation order as the scalar {@link #score4}. */
    static float dot(float[] a, int aOffset, float[] b, int bOffset, int k) {
        float even = 0;
        float odd = 0;
        int f = 0;
        for (; f + 1 < k; f += 2) {
            even += a[aOffset + f] * b[bOffset + f];
            odd += a[aOffset + f + 1] * b[bOffset + f + 1];
        }
        if (f < k) {
            even += a[aOffset + f] * b[bOffset + f];
        }
        return even + odd;
    }

    private static double[] floatGram(float[] factors, int rows, int k) {
        double[] gram = new double[k * k];
        for (int r = 0; r < rows; r++) {
            if ((r & 1023) == 0) {
                Pacing.pace(); // a paced load (a service's reload) pauses here too
            }
            int base = r * k;
            for (int a = 0; a < k; a++) {
                double fa = factors[base + a];
                for (int b = a; b < k; b++) {
                    gram[a * k + b] += fa * factors[base + b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * k + b] = gram[b * k + a];
            }
        }
        return gram;
    }

    void writeTo(DataOutputStream out) throws IOException {
        basis.writeTo(out);
        out.writeInt(k);
        out.writeDouble(lambda);
        out.writeDouble(alpha);
        ArrayCodec.writeFloats(customerFactors, out);
        ArrayCodec.writeFloats(itemFactors, out);
        // Stored rather than recomputed on every load: a pass over all item factors that a service's reload would repeat.
        ArrayCodec.writeDoubles(itemGram, out);
    }

    private static void requireFinite(float[] values, String what) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IOException("factor model: " + what + " hold a value that is not finite at " + i);
            }
        }
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @param version the file's format version: version 1 has no stored Gram matrix
     */
    static FactorModel readFrom(DataInputStream in, int version) throws IOException {
        ModelBasis basis = ModelBasis.readFrom(in);
        int k = in.readInt();
        double lambda = in.readDouble();
        double alpha = in.readDouble();
        float[] customerFactors = ArrayCodec.readFloats(in, Integer.MAX_VALUE);
        float[] itemFactors = ArrayCodec.readFloats(in, Integer.MAX_VALUE);
        long customers = basis.history().rows();
        long items = basis.itemCount();
        if (k < 1 || customerFactors.length != customers * k || itemFactors.length != items * k) {
            throw new IOException("factor model: sizes disagree (k=" + k + ", " + customers + " customers, " + items + " items)");
        }
        if (!Double.isFinite(lambda) || !Double.isFinite(alpha) || lambda < 0 || alpha < 0) {
            throw new IOException("factor model: lambda " + lambda + " and alpha " + alpha + " must be finite and >= 0");
        }
        requireFinite(customerFactors, "customer factors");
        requireFinite(itemFactors, "item factors");
        if (version < 2) {
            return new FactorModel(basis, k, customerFactors, itemFactors, lambda, alpha);
        }
        double[] itemGram = ArrayCodec.readDoubles(in, k * k);
        if (itemGram.length != k * k) {
            throw new IOException("factor model: a Gram matrix of " + itemGram.length + " values for k=" + k);
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double value = itemGram[a * k + b];
                if (!Double.isFinite(value) || value != itemGram[b * k + a] || a == b && value < 0) {
                    throw new IOException("factor model: the stored Gram matrix is not symmetric with a non-negative diagonal"
                            + " (at " + a + ", " + b + ")");
                }
            }
        }
        return new FactorModel(basis, k, customerFactors, itemFactors, lambda, alpha, itemGram);
    }
}
