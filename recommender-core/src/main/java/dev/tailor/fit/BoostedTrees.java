package dev.tailor.fit;

import dev.tailor.concurrent.Workers;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.progress.ProgressListener;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Gradient-boosted regression trees for a softmax over a few classes (Friedman, "Greedy function
 * approximation: a gradient boosting machine", Annals of Statistics 2001), with the second-order leaf values
 * and split gains of XGBoost (Chen and Guestrin, KDD 2016) and the histogram of binned features of LightGBM
 * (Ke et al., NeurIPS 2017): each feature is cut into at most {@value #MAX_BINS} bins, a node's split is found
 * from per-bin sums of gradients and hessians, and a node's larger child gets its histogram by subtracting
 * the smaller child's from the parent's. Missing values (NaN) have a bin of their own, always on the left.
 *
 * <p>Each round grows one tree per class, depth-first by level, on the gradients of the multinomial
 * log-likelihood at the current scores. Training is deterministic (no sampling).
 *
 * <p>Thread-safety: immutable once trained.
 */
final class BoostedTrees {
    static final int MAX_BINS = 64;

    private final int classes;
    private final int features;
    private final double[] base;
    /** Nodes of tree t are [treeStart[t], treeStart[t + 1]); tree t belongs to class t % classes. */
    private final int[] treeStart;
    /** The feature a node splits on, or -1 for a leaf. */
    private final int[] feature;
    /** Go left when the value is NaN or at most this. */
    private final double[] threshold;
    /** Children, as absolute node indices. */
    private final int[] left;
    private final int[] right;
    /** A leaf's contribution to its class's score (learning rate included). */
    private final double[] value;
    /**
     * The same trees as perfect binary trees of depth {@link #flatDepth} for scoring (a leaf above that depth
     * repeated below an always-left split): no pointers to chase and no unpredictable branches; 0 when the
     * trees are deeper than {@value #MAX_FLAT_DEPTH} and scoring walks the nodes.
     */
    private final int flatDepth;
    private final double[] flatLeaf;
    /** Per feature, the thresholds the flat trees use, ascending and distinct. */
    private final double[][] thresholdsOf;
    /** Flat node j's feature at 2j and its threshold's index among that feature's thresholds at 2j + 1 (one cache line). */
    private final int[] flatNode;
    /** Tree t's class, t mod classes, looked up rather than divided for. */
    private final int[] classOf;
    private static final int MAX_FLAT_DEPTH = 8;
    /** The most slots (split or leaf) the perfect trees may take together: 4M, at most 56 MiB. */
    private static final long MAX_FLAT_SLOTS = 1L << 22;

    private BoostedTrees(int classes, int features, double[] base, int[] treeStart, int[] feature, double[] threshold,
            int[] left, int[] right, double[] value) {
        this.classes = classes;
        this.features = features;
        this.base = base;
        this.treeStart = treeStart;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
        // Children come after their parent (checked on reading), so depths fill in from the last node back.
        int[] depth = new int[feature.length];
        for (int node = feature.length - 1; node >= 0; node--) {
            depth[node] = feature[node] < 0 ? 0 : 1 + Math.max(depth[left[node]], depth[right[node]]);
        }
        int deepest = 0;
        for (int t = 0; t + 1 < treeStart.length; t++) {
            deepest = Math.max(deepest, depth[treeStart[t]]);
        }
        int trees = treeStart.length - 1;
        // A perfect tree of depth d takes 2^(d+1) slots whatever the tree's own size: past a budget (far above a
        // trained model's, which has a few hundred shallow trees) the nodes are walked instead, with the same scores,
        // so a small file of many thin deep trees cannot take gigabytes.
        boolean flatFits = ((long) trees << (Math.max(1, deepest) + 1)) <= MAX_FLAT_SLOTS;
        this.flatDepth = deepest <= MAX_FLAT_DEPTH && flatFits ? Math.max(1, deepest) : 0;
        int inner = (1 << flatDepth) - 1;
        int[] flatFeature = new int[flatDepth == 0 ? 0 : trees * inner];
        double[] flatThreshold = new double[flatFeature.length];
        flatLeaf = new double[flatDepth == 0 ? 0 : trees * (inner + 1)];
        if (flatDepth > 0) {
            for (int t = 0; t < trees; t++) {
                flatten(treeStart[t], t, 0, 0, flatFeature, flatThreshold);
            }
        }
        // Going right at a node (value > threshold) is the same as the value exceeding more of its feature's
        // thresholds than the threshold's rank: each value is placed among its feature's thresholds once per
        // call, and each step down a tree is then a branch-free integer comparison.
        thresholdsOf = new double[features][];
        for (int f = 0; f < features; f++) {
            int feat = f;
            thresholdsOf[f] = IntStream.range(0, flatFeature.length).filter(j -> flatFeature[j] == feat)
                    .mapToDouble(j -> flatThreshold[j]).sorted().distinct().toArray();
        }
        classOf = new int[trees];
        for (int t = 0; t < trees; t++) {
            classOf[t] = t % classes;
        }
        flatNode = new int[2 * flatFeature.length];
        for (int j = 0; j < flatFeature.length; j++) {
            flatNode[2 * j] = flatFeature[j];
            flatNode[2 * j + 1] = Arrays.binarySearch(thresholdsOf[flatFeature[j]], flatThreshold[j]);
        }
    }

    /** How many of the ascending thresholds lie below v (0 for NaN, which goes left everywhere). */
    private static int below(double[] thresholds, double v) {
        if (v != v) {
            return 0;
        }
        int lo = 0;
        int hi = thresholds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Copies the subtree under {@code node} to position {@code position} at {@code level} of flat tree t (a leaf
     * above the last level under always-left splits on feature 0).
     */
    private void flatten(int node, int t, int position, int level, int[] flatFeature, double[] flatThreshold) {
        int inner = (1 << flatDepth) - 1;
        if (level == flatDepth) {
            flatLeaf[t * (inner + 1) + position - inner] = value[node];
            return;
        }
        int at = t * inner + position;
        boolean leaf = feature[node] < 0;
        flatFeature[at] = leaf ? 0 : feature[node];
        flatThreshold[at] = leaf ? Double.POSITIVE_INFINITY : threshold[node];
        flatten(leaf ? node : left[node], t, 2 * position + 1, level + 1, flatFeature, flatThreshold);
        flatten(leaf ? node : right[node], t, 2 * position + 2, level + 1, flatFeature, flatThreshold);
    }

    /** Settings of one training run. */
    record Settings(int rounds, double learningRate, int maxDepth, int minRows, double l2) {
        Settings {
            if (rounds < 1 || !(learningRate > 0 && learningRate <= 1) || maxDepth < 1 || maxDepth > 16 || minRows < 1
                    || !(l2 >= 0)) {
                throw new IllegalArgumentException("boosted trees: rounds ≥ 1, learning rate in (0, 1], depth in [1, 16], "
                        + "rows per leaf ≥ 1 and l2 ≥ 0 are needed; got " + rounds + ", " + learningRate + ", " + maxDepth
                        + ", " + minRows + ", " + l2);
            }
        }
    }

    int features() {
        return features;
    }

    int classes() {
        return classes;
    }

    int trees() {
        return treeStart.length - 1;
    }

    /** The score of class k before any tree. */
    double base(int k) {
        return base[k];
    }

    /** The classes' scores (log-odds up to a constant) for one row of features. */
    void scores(double[] x, int offset, double[] out) {
        scores(x, offset, out, flatDepth > 0 ? new int[features] : null);
    }

    /**
     * {@link #scores(double[], int, double[])} with the caller's scratch for the features' ranks among the trees'
     * thresholds ({@link #features()} ints at least; its contents do not matter), so a scoring path can avoid
     * fresh memory.
     */
    void scores(double[] x, int offset, double[] out, int[] rank) {
        System.arraycopy(base, 0, out, 0, classes);
        if (flatDepth > 0) {
            for (int f = 0; f < features; f++) {
                rank[f] = below(thresholdsOf[f], x[offset + f]);
            }
            int inner = (1 << flatDepth) - 1;
            int trees = treeStart.length - 1;
            int t = 0;
            // Four trees at a time: their steps do not depend on each other, so the processor overlaps the four
            // chains of loads instead of waiting on one (measured 3.7 µs against 5.6 µs for 450 trees).
            for (; t + 4 <= trees; t += 4) {
                int n0 = t * inner;
                int n1 = n0 + inner;
                int n2 = n1 + inner;
                int n3 = n2 + inner;
                int p0 = 0;
                int p1 = 0;
                int p2 = 0;
                int p3 = 0;
                for (int level = 0; level < flatDepth; level++) {
                    p0 = step(rank, n0, p0);
                    p1 = step(rank, n1, p1);
                    p2 = step(rank, n2, p2);
                    p3 = step(rank, n3, p3);
                }
                int leaves = t * (inner + 1) - inner;
                out[classOf[t]] += flatLeaf[leaves + p0];
                out[classOf[t + 1]] += flatLeaf[leaves + inner + 1 + p1];
                out[classOf[t + 2]] += flatLeaf[leaves + 2 * (inner + 1) + p2];
                out[classOf[t + 3]] += flatLeaf[leaves + 3 * (inner + 1) + p3];
            }
            for (; t < trees; t++) {
                int position = 0;
                for (int level = 0; level < flatDepth; level++) {
                    position = step(rank, t * inner, position);
                }
                out[classOf[t]] += flatLeaf[t * (inner + 1) + position - inner];
            }
            return;
        }
        walk(x, offset, out);
    }

    /**
     * One step down a flat tree whose nodes start at {@code nodes}: from {@code position} to its left (2p + 1) or
     * right (2p + 2) child. Right when the value exceeds more of its feature's thresholds than the node's
     * threshold's rank — the sign bit of the difference, no branch. NaN exceeds none and goes left, as in
     * training; an always-left split has +∞.
     */
    private int step(int[] rank, int nodes, int position) {
        int node = 2 * (nodes + position);
        return 2 * position + 1 + ((flatNode[node + 1] - rank[flatNode[node]]) >>> 31);
    }

    /** {@link #scores} by walking the nodes (for trees too deep to keep as perfect trees); adds to {@code out}. */
    void walk(double[] x, int offset, double[] out) {
        for (int t = 0; t + 1 < treeStart.length; t++) {
            int node = treeStart[t];
            while (feature[node] >= 0) {
                double v = x[offset + feature[node]];
                node = v != v || v <= threshold[node] ? left[node] : right[node];
            }
            out[t % classes] += value[node];
        }
    }

    /**
     * Trains on {@code n} rows of {@code d} features each (row-major, NaN for missing).
     *
     * @param y each row's class in [0, classes)
     */
    static BoostedTrees train(double[] x, int n, int d, byte[] y, int classes, Settings settings, Workers workers) {
        return train(x, n, d, y, classes, settings, workers, ProgressListener.none());
    }

    /** {@link #train}, telling the listener of each round. */
    static BoostedTrees train(double[] x, int n, int d, byte[] y, int classes, Settings settings, Workers workers,
            ProgressListener progress) {
        return train(x, n, d, y, classes, null, settings, workers, progress);
    }

    /**
     * {@link #train} boosting from given scores instead of the class priors: row r's class k starts at
     * {@code margin[r * classes + k]}, and the trees learn what to add to them (the base scores are then 0, and
     * {@link #scores} is what the caller adds to its own margin).
     *
     * @param margin the starting scores, or null for the class priors
     */
    static BoostedTrees train(double[] x, int n, int d, byte[] y, int classes, double[] margin, Settings settings,
            Workers workers, ProgressListener progress) {
        if (n < 1 || x.length != (long) n * d) {
            throw new IllegalArgumentException("boosted trees: " + x.length + " values for " + n + " rows of " + d);
        }
        if (margin != null && margin.length != (long) n * classes) {
            throw new IllegalArgumentException("boosted trees: " + margin.length + " starting scores for " + n
                    + " rows of " + classes + " classes");
        }
        double[][] cuts = new double[d][];
        byte[][] bins = new byte[d][n];
        workers.forEach("binning features", d, f -> {
            cuts[f] = cuts(x, n, d, f);
            for (int r = 0; r < n; r++) {
                bins[f][r] = (byte) bin(cuts[f], x[r * d + f]);
            }
        });
        double[] base = new double[classes];
        double[] score;
        if (margin != null) {
            score = margin.clone();
        } else {
            double[] counts = new double[classes];
            for (int r = 0; r < n; r++) {
                counts[y[r]]++;
            }
            for (int k = 0; k < classes; k++) {
                base[k] = Math.log((counts[k] + 1) / (n + classes));
            }
            score = new double[n * classes];
            for (int r = 0; r < n; r++) {
                System.arraycopy(base, 0, score, r * classes, classes);
            }
        }
        Grower grower = new Grower(bins, cuts, n, d, settings, workers);
        double[] g = new double[n];
        double[] h = new double[n];
        double[] p = new double[n * classes];
        progress.start("boosted trees: " + settings.rounds() + " rounds over " + n + " rows", settings.rounds());
        try {
            grow(settings, classes, n, score, p, g, h, y, grower, progress);
        } finally {
            progress.finish();
        }
        return grower.build(classes, base);
    }

    private static void grow(Settings settings, int classes, int n, double[] score, double[] p, double[] g, double[] h,
            byte[] y, Grower grower, ProgressListener progress) {
        for (int round = 0; round < settings.rounds(); round++) {
            for (int r = 0; r < n; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    max = Math.max(max, score[r * classes + k]);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    p[r * classes + k] = Math.exp(score[r * classes + k] - max);
                    sum += p[r * classes + k];
                }
                for (int k = 0; k < classes; k++) {
                    p[r * classes + k] /= sum;
                }
            }
            for (int k = 0; k < classes; k++) {
                for (int r = 0; r < n; r++) {
                    double pk = p[r * classes + k];
                    g[r] = pk - (y[r] == k ? 1 : 0);
                    h[r] = Math.max(pk * (1 - pk), 1e-6);
                }
                double[] leafOfRow = grower.grow(g, h);
                for (int r = 0; r < n; r++) {
                    score[r * classes + k] += leafOfRow[r];
                }
            }
            progress.advance(1);
        }
    }

    /** Cut points of a feature: between distinct values when there are few, else at quantiles. */
    private static double[] cuts(double[] x, int n, int d, int f) {
        double[] sorted = new double[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            double v = x[r * d + f];
            if (v == v) {
                sorted[m++] = v;
            }
        }
        Arrays.sort(sorted, 0, m);
        int distinct = 0;
        for (int j = 0; j < m; j++) {
            distinct += j == 0 || sorted[j] != sorted[j - 1] ? 1 : 0;
        }
        int finite = MAX_BINS - 2;
        double[] cuts = new double[finite];
        int c = 0;
        if (distinct <= finite + 1) {
            // Few values: a cut after each but the largest.
            for (int j = 0; j < m && sorted[j] < sorted[m - 1]; j++) {
                if (c == 0 || sorted[j] > cuts[c - 1]) {
                    cuts[c++] = sorted[j];
                }
            }
            return Arrays.copyOf(cuts, c);
        }
        // Quantiles of the rows, not of the distinct values: a frequent value gets a bin of its own.
        for (int q = 1; q <= finite; q++) {
            double v = sorted[(int) Math.min(m - 1, (long) q * m / (finite + 1))];
            if ((c == 0 || v > cuts[c - 1]) && v < sorted[m - 1]) {
                cuts[c++] = v;
            }
        }
        return Arrays.copyOf(cuts, c);
    }

    /** Bin 0 holds NaN; bin j ≥ 1 the values in (cuts[j - 2], cuts[j - 1]]. */
    private static int bin(double[] cuts, double v) {
        return v != v ? 0 : 1 + below(cuts, v);
    }

    /** Grows the trees of one training run and keeps their nodes. */
    private static final class Grower {
        private final byte[][] bins;
        private final double[][] cuts;
        private final int n;
        private final int d;
        private final Settings settings;
        private final Workers workers;
        private final int[] order;
        private final IntList nodeFeature = new IntList();
        private final DoubleList nodeThreshold = new DoubleList();
        private final IntList nodeLeft = new IntList();
        private final IntList nodeRight = new IntList();
        private final DoubleList nodeValue = new DoubleList();
        private final IntList starts = new IntList();

        Grower(byte[][] bins, double[][] cuts, int n, int d, Settings settings, Workers workers) {
            this.bins = bins;
            this.cuts = cuts;
            this.n = n;
            this.d = d;
            this.settings = settings;
            this.workers = workers;
            this.order = new int[n];
        }

        /** A node being grown: its rows are order[from, to); its histogram is [feature][bin * 3 + (g, h, count)]. */
        private record Open(int id, int from, int to, double[][] histogram, double g, double h, int depth) {
        }

        /** Grows one tree on the gradients; returns every row's leaf value (learning rate included). */
        double[] grow(double[] g, double[] h) {
            starts.add(nodeFeature.size());
            for (int r = 0; r < n; r++) {
                order[r] = r;
            }
            double[] leafOfRow = new double[n];
            double gSum = 0;
            double hSum = 0;
            for (int r = 0; r < n; r++) {
                gSum += g[r];
                hSum += h[r];
            }
            List<Open> level = new ArrayList<>();
            level.add(new Open(newNode(), 0, n, histogram(g, h, 0, n), gSum, hSum, 0));
            while (!level.isEmpty()) {
                List<Open> next = new ArrayList<>();
                for (Open node : level) {
                    Split split = node.depth() < settings.maxDepth() ? bestSplit(node) : null;
                    if (split == null) {
                        double leaf = -settings.learningRate() * node.g() / (node.h() + settings.l2());
                        nodeValue.set(node.id(), leaf);
                        for (int j = node.from(); j < node.to(); j++) {
                            leafOfRow[order[j]] = leaf;
                        }
                        continue;
                    }
                    int middle = partition(node.from(), node.to(), split.feature(), split.bin());
                    int leftId = newNode();
                    int rightId = newNode();
                    nodeFeature.set(node.id(), split.feature());
                    nodeThreshold.set(node.id(), split.bin() == 0 ? Double.NEGATIVE_INFINITY : cuts[split.feature()][split.bin() - 1]);
                    nodeLeft.set(node.id(), leftId);
                    nodeRight.set(node.id(), rightId);
                    boolean leftSmaller = middle - node.from() <= node.to() - middle;
                    double[][] small = leftSmaller ? histogram(g, h, node.from(), middle) : histogram(g, h, middle, node.to());
                    double[][] large = subtract(node.histogram(), small);
                    double[][] leftHistogram = leftSmaller ? small : large;
                    double[][] rightHistogram = leftSmaller ? large : small;
                    next.add(new Open(leftId, node.from(), middle, leftHistogram, split.gLeft(), split.hLeft(), node.depth() + 1));
                    next.add(new Open(rightId, middle, node.to(), rightHistogram, node.g() - split.gLeft(),
                            node.h() - split.hLeft(), node.depth() + 1));
                }
                level = next;
            }
            return leafOfRow;
        }

        private int newNode() {
            nodeFeature.add(-1);
            nodeThreshold.add(0);
            nodeLeft.add(-1);
            nodeRight.add(-1);
            nodeValue.add(0);
            return nodeFeature.size() - 1;
        }

        private record Split(int feature, int bin, double gain, double gLeft, double hLeft) {
        }

        private Split bestSplit(Open node) {
            if (node.to() - node.from() < 2 * settings.minRows()) {
                return null;
            }
            double lambda = settings.l2();
            double parent = node.g() * node.g() / (node.h() + lambda);
            Split[] best = new Split[d];
            workers.forEach("tree splits", d, f -> {
                double[] hist = node.histogram()[f];
                int binCount = hist.length / 3;
                double gl = 0;
                double hl = 0;
                double cl = 0;
                double total = node.to() - node.from();
                Split found = null;
                for (int b = 0; b + 1 < binCount; b++) {
                    gl += hist[3 * b];
                    hl += hist[3 * b + 1];
                    cl += hist[3 * b + 2];
                    if (cl < settings.minRows()) {
                        continue;
                    }
                    if (total - cl < settings.minRows()) {
                        break;
                    }
                    double gr = node.g() - gl;
                    double hr = node.h() - hl;
                    double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
                    if (gain > 1e-9 && (found == null || gain > found.gain())) {
                        found = new Split(f, b, gain, gl, hl);
                    }
                }
                best[f] = found;
            });
            Split chosen = null;
            for (Split s : best) {
                if (s != null && (chosen == null || s.gain() > chosen.gain())) {
                    chosen = s;
                }
            }
            return chosen;
        }

        /** Rows of [from, to) with the feature's bin ≤ {@code bin} first (stable); returns where the rest start. */
        private int partition(int from, int to, int f, int bin) {
            byte[] column = bins[f];
            int[] rest = new int[to - from];
            int restSize = 0;
            int write = from;
            for (int j = from; j < to; j++) {
                int r = order[j];
                if ((column[r] & 0xff) <= bin) {
                    order[write++] = r;
                } else {
                    rest[restSize++] = r;
                }
            }
            System.arraycopy(rest, 0, order, write, restSize);
            return write;
        }

        private double[][] histogram(double[] g, double[] h, int from, int to) {
            double[][] out = new double[d][];
            workers.forEach("tree histograms", d, f -> {
                byte[] column = bins[f];
                double[] hist = new double[3 * (cuts[f].length + 2)];
                for (int j = from; j < to; j++) {
                    int r = order[j];
                    int b = 3 * (column[r] & 0xff);
                    hist[b] += g[r];
                    hist[b + 1] += h[r];
                    hist[b + 2]++;
                }
                out[f] = hist;
            });
            return out;
        }

        private static double[][] subtract(double[][] parent, double[][] child) {
            double[][] out = new double[parent.length][];
            for (int f = 0; f < parent.length; f++) {
                out[f] = new double[parent[f].length];
                for (int j = 0; j < out[f].length; j++) {
                    out[f][j] = parent[f][j] - child[f][j];
                }
            }
            return out;
        }

        BoostedTrees build(int classes, double[] base) {
            starts.add(nodeFeature.size());
            return new BoostedTrees(classes, d, base, starts.toArray(), nodeFeature.toArray(), nodeThreshold.toArray(),
                    nodeLeft.toArray(), nodeRight.toArray(), nodeValue.toArray());
        }
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(features);
        ArrayCodec.writeDoubles(base, out);
        ArrayCodec.writeInts(treeStart, out);
        ArrayCodec.writeInts(feature, out);
        ArrayCodec.writeDoubles(threshold, out);
        ArrayCodec.writeInts(left, out);
        ArrayCodec.writeInts(right, out);
        ArrayCodec.writeDoubles(value, out);
    }

    /** Reads trees, checking that every tree is well formed (children inside it, after their parent). */
    static BoostedTrees readFrom(DataInputStream in, int classes, int features) throws IOException {
        int storedClasses = in.readInt();
        int storedFeatures = in.readInt();
        if (storedClasses != classes || storedFeatures != features) {
            throw new IOException("boosted trees for " + storedClasses + " classes and " + storedFeatures
                    + " features, expected " + classes + " and " + features);
        }
        int maxNodes = 1 << 26;
        double[] base = ArrayCodec.readDoubles(in, classes);
        int[] treeStart = ArrayCodec.readInts(in, maxNodes);
        int[] feature = ArrayCodec.readInts(in, maxNodes);
        double[] threshold = ArrayCodec.readDoubles(in, maxNodes);
        int[] left = ArrayCodec.readInts(in, maxNodes);
        int[] right = ArrayCodec.readInts(in, maxNodes);
        double[] value = ArrayCodec.readDoubles(in, maxNodes);
        int nodes = feature.length;
        if (base.length != classes || threshold.length != nodes || left.length != nodes || right.length != nodes
                || value.length != nodes || treeStart.length < 1 || treeStart[0] != 0 || treeStart[treeStart.length - 1] != nodes) {
            throw new IOException("boosted trees: the node arrays do not agree in length");
        }
        for (int t = 0; t + 1 < treeStart.length; t++) {
            if (treeStart[t + 1] <= treeStart[t]) {
                throw new IOException("boosted trees: tree " + t + " is empty");
            }
            for (int node = treeStart[t]; node < treeStart[t + 1]; node++) {
                if (feature[node] >= features || feature[node] < -1
                        || !(Math.abs(value[node]) <= FitModelFormat.MAX_STORED_MAGNITUDE) && feature[node] < 0) {
                    throw new IOException("boosted trees: node " + node + " has feature " + feature[node] + " or value " + value[node]);
                }
                if (feature[node] >= 0 && (left[node] <= node || right[node] <= node || left[node] >= treeStart[t + 1]
                        || right[node] >= treeStart[t + 1] || Double.isNaN(threshold[node]))) {
                    throw new IOException("boosted trees: node " + node + " has children outside its tree");
                }
            }
        }
        for (double b : base) {
            if (!(Math.abs(b) <= FitModelFormat.MAX_STORED_MAGNITUDE)) {
                throw new IOException("boosted trees: a base score is not finite");
            }
        }
        return new BoostedTrees(classes, features, base, treeStart, feature, threshold, left, right, value);
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }

        void set(int index, int v) {
            values[index] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable double array. */
    private static final class DoubleList {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }

        void set(int index, double v) {
            values[index] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
