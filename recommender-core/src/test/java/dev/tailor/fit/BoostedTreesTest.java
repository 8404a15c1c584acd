package dev.tailor.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.concurrent.Workers;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.progress.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoostedTreesTest {
    private static final BoostedTrees.Settings SETTINGS = new BoostedTrees.Settings(40, 0.2, 3, 20, 1);

    /**
     * Class 0 when both features are positive, 2 when both are negative, else 1 — an interaction no model
     * linear in the features can draw — and class 2 whenever the first feature is missing; 5 % of labels flipped.
     */
    private static final class Interaction {
        final int n = 4000;
        final double[] x = new double[2 * n];
        final byte[] y = new byte[n];

        Interaction(long seed) {
            Random random = new Random(seed);
            for (int r = 0; r < n; r++) {
                double a = random.nextGaussian();
                double b = random.nextGaussian();
                boolean missing = random.nextDouble() < 0.1;
                x[2 * r] = missing ? Double.NaN : a;
                x[2 * r + 1] = b;
                int label = missing ? 2 : a > 0 && b > 0 ? 0 : a < 0 && b < 0 ? 2 : 1;
                y[r] = (byte) (random.nextDouble() < 0.05 ? (label + 1) % 3 : label);
            }
        }
    }

    private static double accuracy(BoostedTrees trees, Interaction data) {
        double[] scores = new double[3];
        int right = 0;
        for (int r = 0; r < data.n; r++) {
            trees.scores(data.x, 2 * r, scores);
            int best = scores[0] >= scores[1] && scores[0] >= scores[2] ? 0 : scores[1] >= scores[2] ? 1 : 2;
            right += best == data.y[r] ? 1 : 0;
        }
        return right / (double) data.n;
    }

    @Test
    void learnsAnInteractionAndWhatAMissingValueMeans() {
        Interaction train = new Interaction(1);
        BoostedTrees trees = BoostedTrees.train(train.x, train.n, 2, train.y, 3, SETTINGS, Workers.defaults());
        Interaction test = new Interaction(2);
        double accuracy = accuracy(trees, test);
        // The labels are right 95 % of the time; the majority class alone is right about half of the time.
        assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy);
        double[] scores = new double[3];
        trees.scores(new double[] {Double.NaN, 1.0}, 0, scores);
        assertTrue(scores[2] > scores[0] && scores[2] > scores[1], "a missing first feature means class 2");
        trees.scores(new double[] {1.5, 1.5}, 0, scores);
        assertTrue(scores[0] > scores[1] && scores[0] > scores[2], "both positive means class 0");
    }

    @Test
    void oneTreeOfDepthOneCannotLearnTheInteraction() {
        Interaction train = new Interaction(1);
        BoostedTrees stump = BoostedTrees.train(train.x, train.n, 2, train.y, 3, new BoostedTrees.Settings(1, 1, 1, 20, 1),
                Workers.defaults());
        assertTrue(accuracy(stump, new Interaction(2)) < 0.8, "a single split per class cannot separate the quadrants");
    }

    @Test
    void theFlatTreesScoreExactlyAsWalkingTheNodes() {
        Interaction train = new Interaction(5);
        // 7 rounds of 3 trees: 21, not a multiple of the four trees scored at a time.
        for (int depth : new int[] {1, 3, 6}) {
            BoostedTrees trees = BoostedTrees.train(train.x, train.n, 2, train.y, 3, new BoostedTrees.Settings(7, 0.3, depth, 5, 1),
                    Workers.defaults());
            double[] flat = new double[3];
            double[] walked = new double[3];
            for (int r = 0; r < train.n; r += 3) {
                trees.scores(train.x, 2 * r, flat);
                java.util.Arrays.fill(walked, 0);
                trees.walk(train.x, 2 * r, walked);
                for (int k = 0; k < 3; k++) {
                    assertEquals(flat[k], trees.base(k) + walked[k], 1e-12);
                }
            }
        }
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() {
        Interaction train = new Interaction(3);
        BoostedTrees one = BoostedTrees.train(train.x, train.n, 2, train.y, 3, SETTINGS, Workers.defaults().withThreads(1));
        BoostedTrees two = BoostedTrees.train(train.x, train.n, 2, train.y, 3, SETTINGS, Workers.defaults().withThreads(2));
        double[] a = new double[3];
        double[] b = new double[3];
        for (int r = 0; r < train.n; r += 7) {
            one.scores(train.x, 2 * r, a);
            two.scores(train.x, 2 * r, b);
            assertArrayEquals(a, b);
        }
    }

    /**
     * The trees see only the second feature; the starting scores carry what the first one says, in a form that adds
     * up with the second's to the quadrants' classes (class 0 scores 4 when a > 0, class 2 when a < 0 or missing,
     * class 1 a constant 6). Boosted from them the sum classifies the quadrants; from the class priors it cannot.
     */
    @Test
    void boostingFromStartingScoresLearnsWhatTheyLeaveOut() {
        Interaction train = new Interaction(6);
        Interaction test = new Interaction(7);
        double[] onlyB = secondFeature(train);
        BoostedTrees fromMargins = BoostedTrees.train(onlyB, train.n, 1, train.y, 3, margins(train), SETTINGS,
                Workers.defaults(), ProgressListener.none());
        BoostedTrees fromPriors = BoostedTrees.train(onlyB, train.n, 1, train.y, 3, SETTINGS, Workers.defaults());
        double[] testB = secondFeature(test);
        double[] margin = margins(test);
        double[] scores = new double[3];
        int withMargins = 0;
        int withoutMargins = 0;
        for (int r = 0; r < test.n; r++) {
            fromMargins.scores(testB, r, scores);
            for (int k = 0; k < 3; k++) {
                assertEquals(0, fromMargins.base(k), 0.0, "boosted from given scores, the base is 0");
                scores[k] += margin[3 * r + k];
            }
            withMargins += argmax(scores) == test.y[r] ? 1 : 0;
            fromPriors.scores(testB, r, scores);
            withoutMargins += argmax(scores) == test.y[r] ? 1 : 0;
        }
        assertTrue(withMargins > 0.9 * test.n, "with the starting scores, held-out accuracy " + withMargins / (double) test.n);
        assertTrue(withoutMargins < 0.75 * test.n, "from the priors, held-out accuracy " + withoutMargins / (double) test.n);
    }

    private static double[] secondFeature(Interaction data) {
        double[] b = new double[data.n];
        for (int r = 0; r < data.n; r++) {
            b[r] = data.x[2 * r + 1];
        }
        return b;
    }

    private static double[] margins(Interaction data) {
        double[] margin = new double[3 * data.n];
        for (int r = 0; r < data.n; r++) {
            double a = data.x[2 * r];
            margin[3 * r] = a > 0 ? 4 : 0;
            margin[3 * r + 1] = 6;
            margin[3 * r + 2] = a > 0 ? 0 : Double.isNaN(a) ? 20 : 4;
        }
        return margin;
    }

    private static int argmax(double[] scores) {
        return scores[0] >= scores[1] && scores[0] >= scores[2] ? 0 : scores[1] >= scores[2] ? 1 : 2;
    }

    @Test
    void savedTreesScoreIdenticallyAndBrokenOnesAreRefused() throws IOException {
        Interaction train = new Interaction(4);
        BoostedTrees trees = BoostedTrees.train(train.x, train.n, 2, train.y, 3, SETTINGS, Workers.defaults());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trees.writeTo(new DataOutputStream(bytes));
        BoostedTrees loaded = BoostedTrees.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 3, 2);
        double[] a = new double[3];
        double[] b = new double[3];
        for (int r = 0; r < train.n; r += 11) {
            trees.scores(train.x, 2 * r, a);
            loaded.scores(train.x, 2 * r, b);
            assertArrayEquals(a, b);
        }
        IOException wrongShape = assertThrows(IOException.class,
                () -> BoostedTrees.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 3, 5));
        assertTrue(wrongShape.getMessage().contains("features"), wrongShape.getMessage());
        // A split node whose left child points back at the root would loop for ever: refused.
        byte[] damaged = bytes.toByteArray();
        int leftArray = leftChildrenOffset(trees);
        java.nio.ByteBuffer.wrap(damaged).putInt(leftArray, 0);
        IOException loop = assertThrows(IOException.class,
                () -> BoostedTrees.readFrom(new DataInputStream(new ByteArrayInputStream(damaged)), 3, 2));
        assertTrue(loop.getMessage().contains("children"), loop.getMessage());
    }

    @Test
    void manySmallDeepTreesLoadWithoutBlowingUpTheirMemory() throws IOException {
        // #30 item 4: a chain of 8 splits is 17 nodes on file but was kept as a perfect tree of 511 slots, so a few
        // MB of such trees took gigabytes. Past a budget the trees are walked instead, with the same scores.
        int trees = 60_000;
        int perTree = 17;
        int nodes = trees * perTree;
        int[] treeStart = new int[trees + 1];
        int[] feature = new int[nodes];
        double[] threshold = new double[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        double[] value = new double[nodes];
        for (int tree = 0; tree < trees; tree++) {
            int first = tree * perTree;
            treeStart[tree + 1] = first + perTree;
            for (int split = 0; split < 8; split++) {
                int node = first + 2 * split;
                feature[node] = split % 2;
                threshold[node] = 0.1 * split;
                left[node] = node + 1;
                right[node] = node + 2;
                feature[node + 1] = -1;
                value[node + 1] = 0.001 * (tree % 7 - 3);
            }
            feature[first + 16] = -1;
            value[first + 16] = 0.002;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(3);
        out.writeInt(2);
        ArrayCodec.writeDoubles(new double[] {0.1, 0.2, 0.3}, out);
        ArrayCodec.writeInts(treeStart, out);
        ArrayCodec.writeInts(feature, out);
        ArrayCodec.writeDoubles(threshold, out);
        ArrayCodec.writeInts(left, out);
        ArrayCodec.writeInts(right, out);
        ArrayCodec.writeDoubles(value, out);
        out.flush();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        BoostedTrees loaded = BoostedTrees.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 3, 2);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4L * bytes.size(), "loading " + bytes.size() + " bytes of trees allocated " + allocated);
        double[] x = {0.35, 0.05};
        double[] scored = new double[3];
        double[] walked = {0.1, 0.2, 0.3};
        loaded.scores(x, 0, scored);
        loaded.walk(x, 0, walked);
        assertArrayEquals(walked, scored, 0.0);
    }

    /** Where the first tree's root's left child is stored in {@link BoostedTrees#writeTo}'s layout. */
    private static int leftChildrenOffset(BoostedTrees trees) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trees.writeTo(new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        int offset = 8;
        in.skipBytes(8);
        for (int array = 0; array < 4; array++) {
            int length = in.readInt();
            int width = array == 0 || array == 3 ? 8 : 4;
            in.skipBytes(length * width);
            offset += 4 + length * width;
        }
        return offset + 4;
    }
}
