package dev.tailor.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The package dependency graph of one module's compiled classes, as {@code jdeps} reads it from the bytecode
 * (so a dependency hidden in a fully-qualified name counts as much as an import). Every module's architecture
 * test builds one and asks it for cycles; the core's test also holds it to the allowed stage dependencies.
 */
public final class PackageGraph {
    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.tailor\\.[\\w.]+)\\s+->\\s+(dev\\.tailor\\.[\\w.]+)\\b");

    private final Map<String, Set<String>> dependencies;

    private PackageGraph(Map<String, Set<String>> dependencies) {
        this.dependencies = dependencies;
    }

    /**
     * The graph of the classes the given class was loaded with: its module's main classes, from a classes directory
     * or, once the module is packaged, its jar.
     */
    public static PackageGraph ofModuleOf(Class<?> anyMainClass) {
        Path location;
        try {
            location = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(location)) {
            return of(location);
        }
        Path unpacked = null;
        try {
            unpacked = Files.createTempDirectory("package-graph");
            try (ZipFile jar = new ZipFile(location.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                        Path target = unpacked.resolve(entry.getName()).normalize();
                        if (!target.startsWith(unpacked)) {
                            throw new IOException(location + ": entry " + entry.getName() + " leaves the folder");
                        }
                        Files.createDirectories(target.getParent());
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
            return of(unpacked);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (unpacked != null) {
                deleteQuietly(unpacked);
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }

    /** The graph of a classes directory: Tailor's packages and their dependencies on each other. */
    public static PackageGraph of(Path classes) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalArgumentException(classes + " is not a classes directory");
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps is not in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of("-verbose:package", "-filter:none", "-e", "dev\\.tailor\\..*"));
        // The class files one by one, not the directory: jdeps would read a directory with a module declaration as
        // a module and want every module it requires on a module path; the package edges are the same.
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                    .forEach(f -> arguments.add(f.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps failed on " + classes + ": " + err);
        }
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find()) {
                graph.computeIfAbsent(edge.group(1), k -> new TreeSet<>());
                graph.computeIfAbsent(edge.group(2), k -> new TreeSet<>());
                if (!edge.group(1).equals(edge.group(2))) {
                    graph.get(edge.group(1)).add(edge.group(2));
                }
            }
        }
        return new PackageGraph(graph);
    }

    /** A graph given by hand (for testing the checks themselves). */
    static PackageGraph of(Map<String, Set<String>> dependencies) {
        Map<String, Set<String>> graph = new TreeMap<>();
        dependencies.forEach((from, to) -> {
            graph.computeIfAbsent(from, k -> new TreeSet<>()).addAll(to);
            to.forEach(t -> graph.computeIfAbsent(t, k -> new TreeSet<>()));
        });
        return new PackageGraph(graph);
    }

    /** Every package seen, with the Tailor packages it depends on (its own excluded). */
    public Map<String, Set<String>> dependencies() {
        return dependencies;
    }

    /**
     * The package cycles: every strongly connected component of more than one package (Tarjan's algorithm), each
     * sorted, for a message that names them.
     */
    public List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> cycles = new ArrayList<>();
        for (String start : dependencies.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, index, low, stack, onStack, cycles);
            }
        }
        return cycles;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<Set<String>> cycles) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : dependencies.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, cycles);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }

    /** The cycles, with the edges inside each, as a failure message. */
    public String describeCycles() {
        StringBuilder text = new StringBuilder();
        for (Set<String> cycle : cycles()) {
            text.append("cycle through ").append(cycle).append(":\n");
            for (String from : cycle) {
                for (String to : dependencies.get(from)) {
                    if (cycle.contains(to)) {
                        text.append("  ").append(from).append(" -> ").append(to).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
