package dev.tailor.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.architecture.PackageGraph;
import org.junit.jupiter.api.Test;

/** This module's packages, read from its compiled classes, depend on each other without a cycle. */
class PackageCyclesTest {
    @Test
    void packagesFormNoCycle() {
        PackageGraph graph = PackageGraph.ofModuleOf(DataOptions.class);
        assertTrue(graph.dependencies().containsKey("dev.tailor.cli"), "the graph reads this module: " + graph.dependencies());
        assertTrue(graph.cycles().isEmpty(), graph.describeCycles());
    }
}
