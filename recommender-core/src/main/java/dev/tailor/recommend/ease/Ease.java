package dev.tailor.recommend.ease;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.UnsuitableDataException;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.progress.ProgressListener;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.kit.ModelBasis;
import java.util.Locale;
import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * EASE^R, "Embarrassingly Shallow Autoencoders for Sparse Data" (Steck, WWW 2019): the item-item weight
 * matrix B minimising {@code ‖X − XB‖² + λ‖B‖²} with a zero diagonal, in closed form:
 * {@code P = (XᵀX + λI)⁻¹}, {@code B_ij = −P_ij / P_jj}, {@code B_jj = 0}. Scores are {@code x_c B}.
 *
 * <p>The inverse is dense: training needs about {@code 20·n²} bytes for n items (the Gram matrix and its
 * inverse in doubles, B in floats), so catalogs are limited to {@link Builder#maxItems} items (default
 * 20,000, about 8 GB); a larger catalog is refused with the memory it would need. X holds the positive
 * weights of the interaction matrix. Defaults: λ = 500.
 *
 * <p>Thread-safety: immutable; the models it trains are thread-safe.
 */
public final class Ease implements RecommenderTrainer {
    private final double lambda;
    private final int maxItems;
    private final Workers workers;
    private final ProgressListener progress;

    private Ease(Builder b) {
        this.lambda = b.lambda;
        this.maxItems = b.maxItems;
        this.workers = b.workers();
        this.progress = b.progress();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "ease(lambda=%s)", lambda == Math.rint(lambda) ? Long.toString((long) lambda)
                : Double.toString(lambda));
    }

    /** Bytes of heap training on n items needs (Gram and inverse in doubles, weights in floats). */
    public static long bytesNeeded(int items) {
        return 20L * items * items;
    }

    /**
     * Trains.
     *
     * @throws IllegalArgumentException if the catalog exceeds {@code maxItems}, stating the memory needed
     */
    @Override
    public Recommender train(TrainingData data) {
        InteractionMatrix matrix = data.matrix();
        int n = matrix.itemCount();
        if (n > maxItems) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "EASE: %d items exceed maxItems = %d; training would need about %.1f GB of heap (20 bytes x items^2)."
                            + " Raise maxItems if the heap allows, or use item-kNN, RP3beta or ALS.",
                    n, maxItems, bytesNeeded(n) / 1e9));
        }
        SparseMatrix byItem = matrix.byItem();
        SparseMatrix byCustomer = matrix.byCustomer();
        progress.start("EASE on " + n + " items", 3);
        double[] gram = new double[n * n];
        // Row i of XᵀX from the customers of i: each thread owns its rows, so no locking.
        workers.forEach("EASE Gram matrix", n, i -> {
            int row = i * n;
            for (int p = byItem.rowStart(i); p < byItem.rowEnd(i); p++) {
                float wi = byItem.value(p);
                if (wi <= 0) {
                    continue;
                }
                int u = byItem.column(p);
                for (int q = byCustomer.rowStart(u); q < byCustomer.rowEnd(u); q++) {
                    float wj = byCustomer.value(q);
                    if (wj > 0) {
                        gram[row + byCustomer.column(q)] += (double) wi * wj;
                    }
                }
            }
            gram[row + i] += lambda;
        });
        progress.advance(1);
        R064Store g = R064Store.wrap(gram, n);
        Cholesky<Double> cholesky = Cholesky.R064.make(g);
        if (!cholesky.decompose(g) || !cholesky.isSPD()) {
            throw new UnsuitableDataException("EASE: XᵀX + λI is not positive definite (lambda = " + lambda + ")");
        }
        MatrixStore<Double> inverse = cholesky.getInverse();
        progress.advance(1);
        float[] weights = new float[n * n];
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            diagonal[j] = inverse.doubleValue(j, j);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                weights[i * n + j] = i == j ? 0f : (float) (-inverse.doubleValue(i, j) / diagonal[j]);
            }
        }
        progress.advance(1);
        progress.finish();
        return new EaseModel(ModelBasis.of(name(), matrix), weights);
    }

    /**
     * Builds an {@link Ease}; every setting is validated when set. The Gram matrix is computed on the threads of its
     * {@link Workers.Settings}.
     */
    public static final class Builder extends Workers.Settings<Builder> {
        private double lambda = 500;
        private int maxItems = 20_000;

        private Builder() {
        }

        /** Regularization λ (default 500). @throws IllegalArgumentException unless finite and > 0 */
        public Builder lambda(double lambda) {
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and > 0, was " + lambda);
            }
            this.lambda = lambda;
            return this;
        }

        /** The largest catalog to train on (default 20,000). @throws IllegalArgumentException outside [1, 46340] */
        public Builder maxItems(int maxItems) {
            if (maxItems < 1 || maxItems > 46_340) {
                throw new IllegalArgumentException("maxItems must be in [1, 46340] (an n x n array), was " + maxItems);
            }
            this.maxItems = maxItems;
            return this;
        }

        /** Builds the trainer. */
        public Ease build() {
            return new Ease(this);
        }
    }
}
