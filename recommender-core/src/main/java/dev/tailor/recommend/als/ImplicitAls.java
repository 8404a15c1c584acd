package dev.tailor.recommend.als;

import dev.tailor.concurrent.Workers;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.progress.ProgressListener;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.kit.ModelBasis;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Implicit-feedback alternating least squares (Hu, Koren &amp; Volinsky, "Collaborative Filtering for
 * Implicit Feedback Datasets", ICDM 2008).
 *
 * <p>Each observed pair with weight w has preference p = 1 and confidence c = 1 + α·w; a pair with a
 * negative weight (a return counted against the item) has p = 0 and c = 1 + α·|w|; unobserved pairs have
 * p = 0, c = 1. The factors minimise {@code Σ c (p − x_u·y_i)² + λ (Σ‖x_u‖² + Σ‖y_i‖²)}, alternating
 * exact (Cholesky) or conjugate-gradient solves of
 * {@code (YᵀY + Yᵀ(Cᵘ − I)Y + λI) x_u = YᵀCᵘp(u)} and the same for items.
 *
 * <p>Seeded: the same data and settings give the same factors, whatever the number of threads (each row
 * is solved independently against fixed factors of the other side). Defaults: 64 factors, λ = 30, α = 2,
 * 15 iterations, conjugate gradient with 3 steps: what {@code tailor tune} chose on MovieLens 100K
 * (random 75/25 holdout, three validation splits; see recommender-benchmarks/RESULTS.md).
 *
 * <p>Thread-safety: immutable; the models it trains are thread-safe.
 */
public final class ImplicitAls implements RecommenderTrainer {
    /**
     * The objective after one ALS iteration, as the {@linkplain Builder#lossListener loss listener} hears it.
     *
     * @param iteration 1-based iteration
     * @param loss {@code Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ (Σ‖x_u‖² + Σ‖y_i‖²)} over all pairs
     * @param seconds wall time of the iteration (both half-steps, not the loss)
     */
    public record TrainingLoss(int iteration, double loss, double seconds) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ImplicitAls.class);

    private final int factors;
    private final double lambda;
    private final double alpha;
    private final int iterations;
    private final AlsSolver solver;
    private final int cgSteps;
    private final long seed;
    private final Workers workers;
    private final Consumer<TrainingLoss> lossListener;
    private final boolean computeLoss;
    private final ProgressListener progress;

    private ImplicitAls(Builder b) {
        this.factors = b.factors;
        this.lambda = b.lambda;
        this.alpha = b.alpha;
        this.iterations = b.iterations;
        this.solver = b.solver;
        this.cgSteps = b.cgSteps;
        this.seed = b.seed;
        this.workers = b.workers();
        this.lossListener = b.lossListener;
        this.computeLoss = b.lossListener != null;
        this.progress = b.progress();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The engine as {@code Trainers.parse} reads it back: {@code als(factors=64,lambda=30,alpha=2,iterations=15,cgSteps=3)}. */
    @Override
    public String name() {
        return solver == AlsSolver.CHOLESKY
                ? String.format(Locale.ROOT, "als-cholesky(factors=%d,lambda=%s,alpha=%s,iterations=%d)", factors, trim(lambda),
                        trim(alpha), iterations)
                : String.format(Locale.ROOT, "als(factors=%d,lambda=%s,alpha=%s,iterations=%d,cgSteps=%d)", factors, trim(lambda),
                        trim(alpha), iterations, cgSteps);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public FactorModel train(TrainingData data) {
        InteractionMatrix matrix = data.matrix();
        SparseMatrix byCustomer = matrix.byCustomer();
        SparseMatrix byItem = matrix.byItem();
        int customers = byCustomer.rows();
        int items = byItem.rows();
        int k = factors;
        SplittableRandom random = new SplittableRandom(seed);
        double scale = 0.1 / Math.sqrt(k);
        double[] x = new double[customers * k];
        double[] y = new double[items * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = scale * random.nextGaussian();
        }
        try {
            progress.start("training " + name(), iterations);
            for (int it = 1; it <= iterations; it++) {
                long t0 = System.nanoTime();
                halfStep(byCustomer, y, x, customers, k);
                halfStep(byItem, x, y, items, k);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (computeLoss) {
                    TrainingLoss loss = new TrainingLoss(it, loss(byCustomer, x, y, customers, items, k), seconds);
                    lossListener.accept(loss);
                    LOG.debug("{} iteration {}: loss {} in {} s", name(), it, String.format(Locale.ROOT, "%.6g", loss.loss()),
                            String.format(Locale.ROOT, "%.2f", seconds));
                }
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
        return new FactorModel(ModelBasis.of(name(), matrix), k, toFloat(x), toFloat(y), lambda, alpha);
    }

    /** Solves every row of {@code target} against the fixed factors {@code fixed}. */
    private void halfStep(SparseMatrix rows, double[] fixed, double[] target, int count, int k) {
        double[] gram = gram(workers, fixed, fixed.length / k, k);
        workers.forEach("ALS half-step", (count + 63) / 64, block -> {
            RowSolver rowSolver = solver == AlsSolver.CHOLESKY ? new CholeskyRowSolver(k) : new ConjugateGradientRowSolver(k, cgSteps);
            for (int r = block * 64; r < Math.min(count, block * 64 + 64); r++) {
                rowSolver.solve(rows, r, fixed, gram, lambda, alpha, target, r * k);
            }
        });
    }

    /**
     * YᵀY of a row-major factor matrix: one pass over the rows, in parallel over row blocks whose partial sums
     * are added in block order, so the result does not depend on the number of threads.
     */
    static double[] gram(Workers workers, double[] factors, int rows, int k) {
        int blockRows = Math.max(1024, (rows + 63) / 64);
        int blocks = Math.max(1, (rows + blockRows - 1) / blockRows);
        double[][] partial = new double[blocks][];
        workers.forEach("ALS Gram matrix", blocks, block -> {
            double[] sum = new double[k * k];
            DenseKernels.addGram(factors, block * blockRows, Math.min(rows, (block + 1) * blockRows), k, sum);
            partial[block] = sum;
        });
        double[] gram = partial[0];
        for (int block = 1; block < blocks; block++) {
            DenseKernels.axpy(1.0, partial[block], 0, gram, 0, k * k);
        }
        return gram;
    }

    private double loss(SparseMatrix byCustomer, double[] x, double[] y, int customers, int items, int k) {
        double[] gram = gram(workers, y, items, k);
        double[] perCustomer = new double[customers];
        workers.forEach("ALS loss", customers, u -> {
            int xu = u * k;
            double[] gx = new double[k];
            DenseKernels.multiply(gram, k, x, xu, gx, 0, new double[4]);
            double all = DenseKernels.dot(x, xu, gx, 0, k);
            double observed = 0;
            for (int p = byCustomer.rowStart(u); p < byCustomer.rowEnd(u); p++) {
                float w = byCustomer.value(p);
                double s = DenseKernels.dot(x, xu, y, byCustomer.column(p) * k, k);
                double c = 1 + alpha * Math.abs(w);
                double preference = w > 0 ? 1 : 0;
                observed += c * (preference - s) * (preference - s) - s * s;
            }
            double norm = DenseKernels.dot(x, xu, x, xu, k);
            perCustomer[u] = all + observed + lambda * norm;
        });
        double total = 0;
        for (double v : perCustomer) {
            total += v;
        }
        for (double v : y) {
            total += lambda * v * v;
        }
        return total;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /**
     * Builds an {@link ImplicitAls}; every setting is validated when set. The half-steps run on the threads of its
     * {@link Workers.Settings}, which never change the model, and progress is reported over iterations.
     */
    public static final class Builder extends Workers.Settings<Builder> {
        private int factors = 64;
        private double lambda = 30.0;
        private double alpha = 2.0;
        private int iterations = 15;
        private AlsSolver solver = AlsSolver.CONJUGATE_GRADIENT;
        private int cgSteps = 3;
        private long seed = 42;
        private Consumer<TrainingLoss> lossListener;
        private boolean cgStepsSet;

        private Builder() {
        }

        /** Rank k (default 64), 1 to 1024. */
        public Builder factors(int factors) {
            if (factors < 1 || factors > 1024) {
                throw new IllegalArgumentException("factors must be in [1, 1024], was " + factors);
            }
            this.factors = factors;
            return this;
        }

        /** Regularization λ (default 30). @throws IllegalArgumentException unless finite and >= 0 */
        public Builder lambda(double lambda) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and >= 0, was " + lambda);
            }
            this.lambda = lambda;
            return this;
        }

        /** Confidence scale α (default 2). @throws IllegalArgumentException unless finite and >= 0 */
        public Builder alpha(double alpha) {
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and >= 0, was " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /** Iterations (default 15), 1 to 1000. */
        public Builder iterations(int iterations) {
            if (iterations < 1 || iterations > 1000) {
                throw new IllegalArgumentException("iterations must be in [1, 1000], was " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** The solver (default conjugate gradient). */
        public Builder solver(AlsSolver solver) {
            this.solver = Objects.requireNonNull(solver, "solver");
            return this;
        }

        /** Conjugate-gradient steps per row and half-step (default 3), 1 to 100. */
        public Builder cgSteps(int steps) {
            if (steps < 1 || steps > 100) {
                throw new IllegalArgumentException("cgSteps must be in [1, 100], was " + steps);
            }
            this.cgSteps = steps;
            this.cgStepsSet = true;
            return this;
        }

        /** Seed of the initial factors (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Called with the training loss after every iteration. The loss is computed only when a listener is
         * set (it costs about one half-step per iteration), so production training pays nothing for it.
         */
        public Builder lossListener(Consumer<TrainingLoss> listener) {
            this.lossListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Builds the trainer. */
        public ImplicitAls build() {
            if (cgStepsSet && solver == AlsSolver.CHOLESKY) {
                throw new IllegalArgumentException("cgSteps(" + cgSteps + ") applies to the conjugate-gradient solver, "
                        + "but solver(CHOLESKY) was chosen: drop one of the two");
            }
            return new ImplicitAls(this);
        }
    }
}
