package dev.tailor.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.ann.ApproximateFactorModel;
import dev.tailor.architecture.PackageGraph;
import dev.tailor.datasets.Dataset;
import dev.tailor.server.OffersServer;
import dev.tailor.value.BgNbd;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The packages of this module and of the modules it measures depend on each other without a cycle. The named
 * modules (datasets, customer-value, ann, server) are checked here because their own tests compile on the module
 * path, where the core's test classes are not; the core, Mahout, Spark and command-line modules check themselves.
 */
class PackageCyclesTest {
    @Test
    void noModulesPackagesFormACycle() {
        Map<String, String> cycles = new TreeMap<>();
        for (Class<?> member : List.of(AnnBenchmark.class, Dataset.class, BgNbd.class,
                ApproximateFactorModel.class, OffersServer.class)) {
            PackageGraph graph = PackageGraph.ofModuleOf(member);
            assertTrue(graph.dependencies().containsKey(member.getPackageName()),
                    "the graph reads " + member.getPackageName() + ": " + graph.dependencies().keySet());
            if (!graph.cycles().isEmpty()) {
                cycles.put(member.getPackageName(), graph.describeCycles());
            }
        }
        assertEquals(Map.of(), cycles);
    }
}
