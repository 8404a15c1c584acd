/**
 * Tailor's core: events and catalogs, interaction matrices, the recommenders, fit and size advice, replenishment,
 * configuration completion, individual offers, evaluation, and the file formats of everything it trains.
 *
 * <p>Data flows one way, a package being a stage: {@code data} → {@code matrix} → {@code recommend} (its engines
 * in sub-packages) / {@code fit} / {@code replenish} / {@code configure} → {@code offer}; {@code eval} measures;
 * {@code ingest} and {@code io} read and write. The README's Architecture section has the full table, and a test
 * holds the packages to it.
 *
 * <p>Three packages are exported only to Tailor's own modules: {@code internal} (plumbing that imports no stage),
 * {@code ingest.text} (the text reading the dataset readers build on) and {@code recommend.kit} (what engines are
 * built from: top-N selection, exclusions, a model's basis). The core's model formats are package-private and made
 * by {@link dev.tailor.io.ModelRegistry}; other modules provide theirs as services.
 */
module dev.tailor.core {
    requires ojalgo;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    // Paced model reloads measure their thread's CPU time.
    requires java.management;
    // Whether Math.fma is one instruction (HotSpot's diagnostic bean); absent elsewhere, and then assumed not.
    requires static jdk.management;
    // The factor scorer's SIMD path: used when the JVM adds the module, scalar kernels otherwise.
    requires static jdk.incubator.vector;

    exports dev.tailor.concurrent;
    exports dev.tailor.configure;
    exports dev.tailor.data;
    exports dev.tailor.engines;
    exports dev.tailor.eval;
    exports dev.tailor.fit;
    exports dev.tailor.ingest;
    exports dev.tailor.ingest.csv;
    exports dev.tailor.io;
    exports dev.tailor.matrix;
    exports dev.tailor.offer;
    exports dev.tailor.progress;
    exports dev.tailor.recommend;
    exports dev.tailor.recommend.als;
    exports dev.tailor.recommend.ease;
    exports dev.tailor.recommend.neighbourhood;
    exports dev.tailor.recommend.popular;
    exports dev.tailor.replenish;

    exports dev.tailor.internal to dev.tailor.datasets, dev.tailor.mahout, dev.tailor.server;
    exports dev.tailor.ingest.text to dev.tailor.datasets, dev.tailor.spark;
    exports dev.tailor.recommend.kit to dev.tailor.ann, dev.tailor.mahout;

    uses dev.tailor.io.ModelFormat;
}
