package dev.tailor.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's module declaration exports what is meant to be API and nothing else, and the API stays small enough
 * to hold in one's head: the public top-level types of the packages exported to everyone.
 */
class CoreModuleSurfaceTest {
    /** The most public top-level types the exported packages may hold together. */
    private static final int MAX_EXPORTED_TYPES = 90;

    private static final Set<String> EXPORTED = Set.of("concurrent", "configure", "data", "engines", "eval", "fit",
            "ingest", "ingest.csv", "io", "matrix", "offer", "progress", "recommend", "recommend.als",
            "recommend.ease", "recommend.neighbourhood", "recommend.popular", "replenish");

    private static final Map<String, Set<String>> EXPORTED_TO_FRIENDS = Map.of(
            "internal", Set.of("dev.tailor.datasets", "dev.tailor.mahout", "dev.tailor.server"),
            "ingest.text", Set.of("dev.tailor.datasets", "dev.tailor.spark"),
            "recommend.kit", Set.of("dev.tailor.ann", "dev.tailor.mahout"));

    private final Path classes = classesOf(EventLog.class);
    private final ModuleDescriptor module = descriptor(classes);

    @Test
    void theModuleExportsItsApiToAllAndItsPlumbingOnlyToTailorsModules() {
        Set<String> open = new TreeSet<>();
        Map<String, Set<String>> qualified = new TreeMap<>();
        for (ModuleDescriptor.Exports exports : module.exports()) {
            String name = exports.source().substring("dev.tailor.".length());
            if (exports.isQualified()) {
                qualified.put(name, exports.targets());
            } else {
                open.add(name);
            }
        }
        assertEquals("dev.tailor.core", module.name());
        assertEquals(new TreeSet<>(EXPORTED), open);
        assertEquals(new TreeMap<>(EXPORTED_TO_FRIENDS), qualified);
        assertEquals(Set.of(), module.opens(), "nothing is opened for deep reflection");
    }

    @Test
    void everyPackageIsEitherApiOrPlumbingExportedToFriends() {
        Set<String> unaccounted = module.packages().stream().map(p -> p.substring("dev.tailor.".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        unaccounted.removeAll(EXPORTED);
        unaccounted.removeAll(EXPORTED_TO_FRIENDS.keySet());
        assertEquals(Set.of(), unaccounted, "packages neither exported nor exported to Tailor's modules");
    }

    @Test
    void theApiHoldsAtMostNinetyPublicTopLevelTypesAndNoPlumbing() throws IOException {
        Set<String> api = publicTopLevelTypes(EXPORTED);
        assertTrue(api.size() <= MAX_EXPORTED_TYPES, api.size() + " public top-level types exported: " + api);
        assertTrue(api.stream().noneMatch(t -> t.endsWith("Format") && !t.endsWith(".ModelFormat")
                && !t.endsWith(".AbstractModelFormat") && !t.endsWith(".TimeFormat")),
                "a model format is API: " + api);
    }

    /** The public top-level types of the given packages, by their names without {@code dev.tailor.}. */
    static Set<String> publicTopLevelTypes(Set<String> packages) throws IOException {
        Set<String> types = new TreeSet<>();
        for (String pkg : packages) {
            Path dir = CoreModuleSurfaceTest.classesOf(EventLog.class).resolve("dev/tailor/" + pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    String simple = file.getFileName().toString();
                    if (!simple.endsWith(".class") || simple.contains("$") || simple.equals("package-info.class")) {
                        continue;
                    }
                    String name = "dev.tailor." + pkg + "." + simple.substring(0, simple.length() - ".class".length());
                    try {
                        if (Modifier.isPublic(Class.forName(name, false, EventLog.class.getClassLoader()).getModifiers())) {
                            types.add(pkg + "." + name.substring(name.lastIndexOf('.') + 1));
                        }
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return types;
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModuleDescriptor descriptor(Path classes) {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("no module declaration in " + classes, e);
        }
    }
}
