/**
 * Approximate candidates for factor models: a JVector graph index over the item factors, re-ranked exactly, saved
 * and loaded through the core's model registry.
 */
module dev.tailor.ann {
    requires transitive dev.tailor.core;
    requires jvector;
    requires org.slf4j;

    exports dev.tailor.ann;

    provides dev.tailor.io.ModelFormat with dev.tailor.ann.ApproximateFactorModelFormat;
}
