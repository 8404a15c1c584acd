package dev.tailor.recommend.neighbourhood;

import dev.tailor.concurrent.Workers;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.progress.ProgressListener;
import dev.tailor.recommend.kit.TopN;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes item-item similarity rows as a sparse product: row i accumulates
 * {@code Σ_u left(i, u) · right(u, j)} over the customers u of item i and their items j, in a dense
 * accumulator per thread, then keeps the top-k of {@code finish(i, j, accumulated)}. Cost
 * {@code Σ_u |items(u)|²} multiply-adds, spread over threads by item.
 */
final class SparseProduct {
    /** Weight of the (item, customer) step. */
    interface Left {
        double weight(int item, int customer, float value);
    }

    /** Weight of the (customer, item) step. */
    interface Right {
        double weight(int customer, int item, float value);
    }

    /** The similarity of i to j from the accumulated product and the co-occurrence count. */
    interface Finish {
        double similarity(int i, int j, double product, int cooccurrences);
    }

    private SparseProduct() {
    }

    /**
     * The top-k similar items of every item, as a CSR matrix (rows: items, columns: neighbours by
     * decreasing similarity, so columns are not sorted by id). Non-positive similarities are dropped.
     */
    static ItemSimilarities topK(SparseMatrix byItem, SparseMatrix byCustomer, Left left, Right right, Finish finish,
            int k, Workers workers, ProgressListener progress) {
        return topK(byItem, byCustomer, left, right, finish, k, false, workers, progress);
    }

    /**
     * As {@link #topK(SparseMatrix, SparseMatrix, Left, Right, Finish, int, int, ProgressListener)}, with
     * the choice of whose top-k is kept. By source (the classic item-kNN model): each item i keeps the k
     * items j with the largest {@code sim(i, j)}. By target: each item j keeps the k items i whose evidence
     * for it, {@code sim(i, j)}, is largest, so every candidate is scored from its own k nearest items
     * (Sarwar et al.'s prediction over "the k items most similar to the target"); the lists are then stored
     * by source for scoring. Needs a product symmetric in i and j (left and right the same weights).
     */
    static ItemSimilarities topK(SparseMatrix byItem, SparseMatrix byCustomer, Left left, Right right, Finish finish,
            int k, boolean byTarget, Workers workers, ProgressListener progress) {
        int items = byItem.rows();
        int[][] neighbours = new int[items][];
        float[][] similarities = new float[items][];
        AtomicInteger next = new AtomicInteger();
        progress.start("item similarities", items);
        Runnable work = () -> {
            double[] accumulator = new double[items];
            int[] count = new int[items];
            int[] touched = new int[items];
            TopN top = new TopN(k);
            for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                int touchedCount = 0;
                for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                    float value = byItem.value(p);
                    if (value <= 0) {
                        continue;
                    }
                    int customer = byItem.column(p);
                    double a = left.weight(i, customer, value);
                    for (int q = byCustomer.rowStart(customer); q < byCustomer.rowEnd(customer); q++) {
                        float other = byCustomer.value(q);
                        if (other <= 0) {
                            continue;
                        }
                        int j = byCustomer.column(q);
                        if (count[j] == 0) {
                            touched[touchedCount++] = j;
                        }
                        count[j]++;
                        accumulator[j] += a * right.weight(customer, j, other);
                    }
                }
                top.reset();
                for (int t = 0; t < touchedCount; t++) {
                    int j = touched[t];
                    if (j != i) {
                        double s = byTarget ? finish.similarity(j, i, accumulator[j], count[j])
                                : finish.similarity(i, j, accumulator[j], count[j]);
                        if (s > 0) {
                            top.offer(j, (float) s);
                        }
                    }
                    accumulator[j] = 0;
                    count[j] = 0;
                }
                var list = top.drain(i);
                neighbours[i] = list.items();
                similarities[i] = list.scores();
                progress.advance(1);
            }
        };
        try {
            // One worker per thread, each with its own dense accumulator, pulling items from a shared counter.
            workers.forEach("item similarities", workers.threads(), worker -> work.run());
        } finally {
            progress.finish();
        }
        if (byTarget) {
            return bySource(items, neighbours, similarities);
        }
        int[] pointers = new int[items + 1];
        for (int i = 0; i < items; i++) {
            pointers[i + 1] = pointers[i] + neighbours[i].length;
        }
        int[] columns = new int[pointers[items]];
        float[] values = new float[pointers[items]];
        for (int i = 0; i < items; i++) {
            System.arraycopy(neighbours[i], 0, columns, pointers[i], neighbours[i].length);
            System.arraycopy(similarities[i], 0, values, pointers[i], similarities[i].length);
        }
        return new ItemSimilarities(items, pointers, columns, values);
    }

    /** Turns per-target lists (target → its sources) into per-source lists, best first, ties by id. */
    private static ItemSimilarities bySource(int items, int[][] sourcesOfTarget, float[][] similarityOfTarget) {
        int[] pointers = new int[items + 1];
        for (int target = 0; target < items; target++) {
            for (int source : sourcesOfTarget[target]) {
                pointers[source + 1]++;
            }
        }
        for (int i = 0; i < items; i++) {
            pointers[i + 1] += pointers[i];
        }
        int[] fill = Arrays.copyOf(pointers, items);
        int[] columns = new int[pointers[items]];
        float[] values = new float[pointers[items]];
        for (int target = 0; target < items; target++) {
            for (int q = 0; q < sourcesOfTarget[target].length; q++) {
                int at = fill[sourcesOfTarget[target][q]]++;
                columns[at] = target;
                values[at] = similarityOfTarget[target][q];
            }
            sourcesOfTarget[target] = null;
            similarityOfTarget[target] = null;
        }
        TopN order = new TopN(Math.max(1, items));
        for (int i = 0; i < items; i++) {
            order.reset();
            for (int p = pointers[i]; p < pointers[i + 1]; p++) {
                order.offer(columns[p], values[p]);
            }
            var sorted = order.drain(i);
            System.arraycopy(sorted.items(), 0, columns, pointers[i], sorted.size());
            System.arraycopy(sorted.scores(), 0, values, pointers[i], sorted.size());
        }
        return new ItemSimilarities(items, pointers, columns, values);
    }

    static int[] degrees(SparseMatrix rows) {
        int[] degree = new int[rows.rows()];
        for (int r = 0; r < rows.rows(); r++) {
            for (int p = rows.rowStart(r); p < rows.rowEnd(r); p++) {
                if (rows.value(p) > 0) {
                    degree[r]++;
                }
            }
        }
        return degree;
    }

    static double[] norms(SparseMatrix rows) {
        double[] norm = new double[rows.rows()];
        for (int r = 0; r < rows.rows(); r++) {
            double sum = 0;
            for (int p = rows.rowStart(r); p < rows.rowEnd(r); p++) {
                float v = rows.value(p);
                if (v > 0) {
                    sum += (double) v * v;
                }
            }
            norm[r] = Math.sqrt(sum);
        }
        return norm;
    }
}
