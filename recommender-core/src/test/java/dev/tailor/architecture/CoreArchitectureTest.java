package dev.tailor.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's stages and the only dependencies each may have — the table in the README's Architecture section.
 * Data flows one way; {@code internal} imports no stage. A new package fails here until it is given its place.
 */
class CoreArchitectureTest {
    /** What every stage may use: plumbing, the file codec, progress and thread settings, and the data model. */
    private static final Set<String> BASE = Set.of("internal", "concurrent", "progress", "io", "data");
    private static final Set<String> ENGINES = Set.of("recommend.als", "recommend.ease", "recommend.neighbourhood",
            "recommend.popular");

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("internal", Set.of()),
            Map.entry("progress", Set.of()),
            Map.entry("concurrent", Set.of("internal", "progress")),
            Map.entry("io", Set.of("internal")),
            Map.entry("data", Set.of("internal", "io")),
            Map.entry("ingest", BASE),
            Map.entry("ingest.text", plus(BASE, "ingest")),
            Map.entry("ingest.csv", plus(BASE, "ingest", "ingest.text")),
            Map.entry("matrix", BASE),
            Map.entry("recommend", plus(BASE, "matrix")),
            Map.entry("recommend.kit", plus(BASE, "matrix", "recommend")),
            Map.entry("recommend.als", plus(BASE, "matrix", "recommend", "recommend.kit")),
            Map.entry("recommend.ease", plus(BASE, "matrix", "recommend", "recommend.kit")),
            Map.entry("recommend.neighbourhood", plus(BASE, "matrix", "recommend", "recommend.kit")),
            Map.entry("recommend.popular", plus(BASE, "matrix", "recommend", "recommend.kit")),
            Map.entry("engines", plus(ENGINES, "recommend")),
            Map.entry("fit", BASE),
            Map.entry("replenish", BASE),
            Map.entry("configure", plus(BASE, "ingest")),
            Map.entry("offer", plus(BASE, "matrix", "recommend", "recommend.kit", "engines", "fit", "replenish",
                    "configure")),
            Map.entry("eval", plus(BASE, "matrix", "recommend", "recommend.kit", "engines", "fit", "replenish",
                    "configure")));

    private static Set<String> plus(Set<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
    }

    private final PackageGraph graph = PackageGraph.ofModuleOf(EventLog.class);

    @Test
    void packagesFormNoCycle() {
        assertTrue(graph.cycles().isEmpty(), graph.describeCycles());
    }

    @Test
    void everyStageDependsOnlyOnWhatTheArchitectureAllows() {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : graph.dependencies().entrySet()) {
            String from = entry.getKey().substring("dev.tailor.".length());
            Set<String> allowed = ALLOWED.get(from);
            if (allowed == null) {
                violations.add(from + " has no place in the architecture table (add it here and to the README)");
                continue;
            }
            for (String target : entry.getValue()) {
                String to = target.substring("dev.tailor.".length());
                if (!allowed.contains(to)) {
                    violations.add(from + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theTableNamesOnlyPackagesThatExist() {
        Set<String> existing = graph.dependencies().keySet().stream().map(p -> p.substring("dev.tailor.".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> stale = new TreeSet<>(ALLOWED.keySet());
        stale.removeAll(existing);
        assertEquals(Set.of(), stale);
    }

    @Test
    void theGraphReadsTheBytecodeAndFindsCycles() {
        // The checks above must be able to fail: the graph holds the core's real edges, and a cycle given by hand
        // (a -> b -> c -> a beside an acyclic d) is found with exactly its members.
        assertTrue(graph.dependencies().get("dev.tailor.offer").contains("dev.tailor.recommend"));
        PackageGraph cyclic = PackageGraph.of(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"),
                "d", Set.of()));
        assertEquals(List.of(Set.of("a", "b", "c")), cyclic.cycles());
        assertTrue(cyclic.describeCycles().contains("c -> a"), cyclic.describeCycles());
    }
}
