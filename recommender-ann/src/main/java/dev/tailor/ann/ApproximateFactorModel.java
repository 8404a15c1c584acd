package dev.tailor.ann;

import dev.tailor.data.IdIndex;
import dev.tailor.recommend.kit.TopN;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.Contribution;
import dev.tailor.recommend.CustomerHistory;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.als.FactorModel;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FactorModel} whose top-N comes from an approximate candidate stage: a JVector graph index (a
 * Vamana/HNSW-style proximity graph) over the item factors gives the closest candidates, which are then rescored
 * exactly and filtered as the exact model does. For catalogs where an exact scan per call (items × k floats: 256
 * MB at a million items and 64 factors) is too slow.
 *
 * <p>The graph is built and searched on the inner product itself by default (ip-NSW, Morozov &amp; Babenko,
 * NeurIPS 2018); {@link Geometry#EUCLIDEAN_REDUCTION} instead reduces maximum inner product search to
 * nearest-neighbour search (Bachrach et al., "Speeding up the Xbox recommender system using a Euclidean
 * transformation for inner-product spaces", RecSys 2014): each item y becomes {@code (y, √(M² − ‖y‖²))} with M the
 * largest item norm, the query x becomes {@code (x, 0)}; then {@code ‖x̃ − ỹ‖² = ‖x‖² + M² − 2 x·y}.
 *
 * <p>Everything but the top-N — histories, fold-in, explanations, similar items — is the exact model's. Its file
 * ({@code "tailor.approximate-factor-model"}) holds the exact model as a part in its own format and the index
 * settings; the graph is rebuilt from them when the file is loaded, because it is derived data. So a loaded file is
 * an approximate model again, with the same settings and name, and {@link #exact()} is the saved exact model. An approximate list may miss an item the exact one has (measured recall@10 in
 * recommender-benchmarks/RESULTS.md); owned and filtered items are never offered, and a list is always
 * {@code n} long when the catalog allows it (the search widens, then falls back to the exact scan).
 *
 * <p>Thread-safety: immutable after building; searches from many threads share the graph.
 */
public final class ApproximateFactorModel implements Recommender.Explainable, Recommender.ItemSimilarity {
    /** How the graph turns "largest score" into a graph search. */
    public enum Geometry {
        /**
         * Items as {@code (y, √(M² − ‖y‖²))}, queries as {@code (x, 0)}, nearest by Euclidean distance (Bachrach et
         * al., RecSys 2014): a metric space, so the graph's pruning rules hold exactly.
         */
        EUCLIDEAN_REDUCTION,
        /**
         * The graph built and searched on the inner product itself (ip-NSW: Morozov &amp; Babenko, "Non-metric
         * Similarity Graphs for Maximum Inner Product Search", NeurIPS 2018): edges lead towards items of large
         * norm, where the largest scores are.
         */
        INNER_PRODUCT;

        VectorSimilarityFunction similarity() {
            return this == EUCLIDEAN_REDUCTION ? VectorSimilarityFunction.EUCLIDEAN : VectorSimilarityFunction.DOT_PRODUCT;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApproximateFactorModel.class);
    private static final VectorTypeSupport VECTORS = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final FactorModel exact;
    private final ImmutableGraphIndex graph;
    private final RandomAccessVectorValues augmented;
    private final int k;
    private final int items;
    private final int searchWidth;
    private final String name;

    private final int degree;
    private final int beamWidth;
    private final Geometry geometry;

    private ApproximateFactorModel(FactorModel exact, ImmutableGraphIndex graph, RandomAccessVectorValues augmented,
            Geometry geometry, int degree, int beamWidth, int searchWidth) {
        this.exact = exact;
        this.graph = graph;
        this.augmented = augmented;
        this.geometry = geometry;
        this.k = geometry == Geometry.EUCLIDEAN_REDUCTION ? augmented.dimension() - 1 : augmented.dimension();
        this.items = exact.items().size();
        this.degree = degree;
        this.beamWidth = beamWidth;
        this.searchWidth = searchWidth;
        this.name = String.format(Locale.ROOT, "ann(%s,%s,degree=%d,beam=%d,search=%d)", exact.name(),
                geometry.name().toLowerCase(Locale.ROOT), degree, beamWidth, searchWidth);
    }

    /**
     * The same index searched with another width (candidates explored per query, at least n): the recall / speed
     * knob a service can turn without rebuilding.
     */
    public ApproximateFactorModel withSearchWidth(int width) {
        return new ApproximateFactorModel(exact, graph, augmented, geometry, degree, beamWidth,
                Builder.checkSearchWidth(width));
    }

    /** Starts an index over the model's item factors. */
    public static Builder builder(FactorModel model) {
        return new Builder(model);
    }

    /** The exact model this one answers for. */
    public FactorModel exact() {
        return exact;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public IdIndex customers() {
        return exact.customers();
    }

    @Override
    public IdIndex items() {
        return exact.items();
    }

    @Override
    public int itemCount() {
        return exact.itemCount();
    }

    @Override
    public WeightingPolicy policy() {
        return exact.policy();
    }

    @Override
    public CustomerHistory history(int customer) {
        return exact.history(customer);
    }

    Geometry geometry() {
        return geometry;
    }

    int degree() {
        return degree;
    }

    int beamWidth() {
        return beamWidth;
    }

    int searchWidth() {
        return searchWidth;
    }

    @Override
    public RecommendationList recommend(int customer, int n, Exclusions exclusions) {
        Objects.requireNonNull(exclusions, "exclusions");
        if (customer < 0 || customer >= exact.customers().size() || n < 1) {
            return exact.recommend(customer, n, exclusions);
        }
        CustomerHistory mine = exact.history(customer);
        RecommendationList list = search(exact.customerFactors(customer), n, exclusions.forHistory(mine), customer);
        return list != null ? list : exact.recommend(customer, n, exclusions);
    }

    @Override
    public RecommendationList recommend(CustomerHistory mine, int n, Exclusions exclusions) {
        Objects.requireNonNull(exclusions, "exclusions");
        if (n < 1 || !mine.hasEvidence()) {
            return exact.recommend(mine, n, exclusions);
        }
        RecommendationList list = search(exact.foldIn(mine), n, exclusions.forHistory(mine), -1);
        return list != null ? list : exact.recommend(mine, n, exclusions);
    }

    /**
     * The n best items among the graph's candidates, rescored exactly; {@code null} when the filter leaves fewer
     * than n even after widening (the caller then scans exactly).
     */
    private RecommendationList search(float[] vector, int n, ItemFilter excluded, int customer) {
        n = Math.min(n, items);
        float[] query = new float[augmented.dimension()];
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        float unit = geometry == Geometry.INNER_PRODUCT && norm > 0 ? (float) (1 / Math.sqrt(norm)) : 1f;
        for (int f = 0; f < k; f++) {
            query[f] = vector[f] * unit;
        }
        VectorFloat<?> q = VECTORS.createFloatVector(query);
        // The search explores searchWidth candidates anyway, so it returns all of them: business rules that drop
        // many items (a price band, sizes in stock) then rarely force a second, wider search.
        for (int want = Math.min(items, Math.max(n, searchWidth)); ; want = Math.min(items, want * 4)) {
            SearchResult result = GraphSearcher.search(q, want, Math.max(want, searchWidth), augmented,
                    geometry.similarity(), graph, Bits.ALL);
            TopN top = new TopN(n);
            for (SearchResult.NodeScore node : result.getNodes()) {
                if (!excluded.excludes(node.node)) {
                    top.offer(node.node, exact.scoreVector(vector, node.node));
                }
            }
            if (top.size() >= n) {
                return top.drain(customer);
            }
            if (want >= items || want >= 16 * n + 1024) {
                return null;
            }
        }
    }

    @Override
    public List<Contribution> because(CustomerHistory history, int item) {
        return exact.because(history, item);
    }

    @Override
    public List<List<Contribution>> because(CustomerHistory history, int[] itemIds) {
        return exact.because(history, itemIds);
    }

    @Override
    public RecommendationList similarItems(int item, int n) {
        return exact.similarItems(item, n);
    }

    /** Builds the index; every setting is validated when set. */
    public static final class Builder {
        private final FactorModel model;
        private int degree = 32;
        private int beamWidth = 100;
        private int searchWidth = 100;
        private Geometry geometry = Geometry.INNER_PRODUCT;

        private Builder(FactorModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * How scores become a graph search (default {@link Geometry#INNER_PRODUCT}: on clustered factors of 200,000
         * items it found every exact top-10 item where the reduction found 65 %; see RESULTS.md).
         */
        public Builder geometry(Geometry geometry) {
            this.geometry = Objects.requireNonNull(geometry, "geometry");
            return this;
        }

        /** Graph degree (default 32): more edges, better recall, more memory and build time. */
        public Builder degree(int degree) {
            if (degree < 2 || degree > 512) {
                throw new IllegalArgumentException("degree must be in [2, 512], was " + degree);
            }
            this.degree = degree;
            return this;
        }

        /** Candidates kept while building (default 100). */
        public Builder beamWidth(int width) {
            if (width < 1 || width > 10_000) {
                throw new IllegalArgumentException("beamWidth must be in [1, 10000], was " + width);
            }
            this.beamWidth = width;
            return this;
        }

        /** Candidates explored per query, at least n (default 100): the recall / speed knob. */
        public Builder searchWidth(int width) {
            this.searchWidth = checkSearchWidth(width);
            return this;
        }

        static int checkSearchWidth(int width) {
            if (width < 1 || width > 100_000) {
                throw new IllegalArgumentException("searchWidth must be in [1, 100000], was " + width);
            }
            return width;
        }

        /** Builds the graph on all cores (JVector's own pool). */
        public ApproximateFactorModel build() {
            int items = model.items().size();
            if (items == 0) {
                throw new IllegalArgumentException("the model has no items to index");
            }
            int k = model.factors();
            float[][] rows = new float[items][];
            double[] squaredNorm = new double[items];
            double maxNorm = 0;
            for (int i = 0; i < items; i++) {
                rows[i] = model.itemFactors(i);
                for (float v : rows[i]) {
                    squaredNorm[i] += (double) v * v;
                }
                maxNorm = Math.max(maxNorm, squaredNorm[i]);
            }
            boolean reduce = geometry == Geometry.EUCLIDEAN_REDUCTION;
            List<VectorFloat<?>> vectors = new ArrayList<>(items);
            // Scaled so the largest item has norm 1 (and queries are unit vectors): the graph's pruning compares
            // similarities as if they lay in [-1, 1], which raw factor scores do not; the order is unchanged.
            float shrink = maxNorm > 0 ? (float) (1 / Math.sqrt(maxNorm)) : 1f;
            for (int i = 0; i < items; i++) {
                float[] vector = new float[reduce ? k + 1 : k];
                for (int f = 0; f < k; f++) {
                    vector[f] = reduce ? rows[i][f] : rows[i][f] * shrink;
                }
                if (reduce) {
                    vector[k] = (float) Math.sqrt(Math.max(0, maxNorm - squaredNorm[i]));
                }
                rows[i] = null;
                vectors.add(VECTORS.createFloatVector(vector));
            }
            RandomAccessVectorValues values = new ListRandomAccessVectorValues(vectors, reduce ? k + 1 : k);
            long start = System.nanoTime();
            ImmutableGraphIndex graph;
            try (GraphIndexBuilder builder = new GraphIndexBuilder(values, geometry.similarity(), degree,
                    beamWidth, 1.2f, 1.2f, true)) {
                graph = builder.build(values);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            LOG.info("indexed {} items x {} factors in {} s", items, k,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            return new ApproximateFactorModel(model, graph, values, geometry, degree, beamWidth, searchWidth);
        }
    }
}
