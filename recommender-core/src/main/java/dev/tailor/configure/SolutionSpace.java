package dev.tailor.configure;

import dev.tailor.data.UnsuitableDataException;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.io.ModelRegistry;
import dev.tailor.progress.ProgressListener;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every valid configuration of a product, compiled once into a reduced multi-valued decision diagram
 * (MDD): one layer per variable, one edge per value, and a configuration is valid exactly when its
 * values spell a path from the root to the terminal. Questions that a configurator asks at every click
 * — which values can still be part of a complete valid configuration, what the best valid completion
 * is — are answered by one or two passes over the diagram, in time linear in its size, with no search
 * and no backtracking: unlike arc consistency, the answer is exact (a value is offered only if a complete
 * valid configuration with it exists, including the variables a sales history does not show).
 *
 * <p>Compilation: each table constraint becomes the minimal automaton of its tuples over its scope, in
 * the diagram's variable order, and the constraints are conjoined into the diagram one at a time (a
 * product of the diagram with the automaton), identical nodes shared through a unique table and failed
 * branches dropped as they appear, so every intermediate diagram is reduced. The variable order is chosen
 * greedily to keep the set of variables in partly assigned constraint scopes small. {@link #project}
 * then hides the variables a sales history does not record (existential quantification). This is the compilation route of
 * Amilhastre, Fargier and Marquis, "Consistency restoration and explanations in dynamic CSPs —
 * application to configuration" (Artificial Intelligence 135, 2002), with MDDs as in Bergman, Cire, van
 * Hoeve and Hooker, "Decision Diagrams for Optimization" (2016).
 *
 * <p>Thread-safety: immutable once compiled; queries allocate their own scratch space.
 */
public final class SolutionSpace {
    private static final Logger LOG = LoggerFactory.getLogger(SolutionSpace.class);
    static final long MAX_CONFLICT_COMBINATIONS = 10_000_000L;
    /** The default limit on the number of nodes built before reduction. */
    public static final int DEFAULT_MAX_NODES = 20_000_000;

    /** The longest a compilation takes unless told otherwise: Renault's largest model takes about 140 s. */
    public static final Duration DEFAULT_MAX_TIME = Duration.ofMinutes(15);

    private final String name;
    private final List<String> variables;
    private final int[][] domains;
    private final int[][] sortedValues;
    private final int[][] positionOfSorted;
    private final int[] order;
    private final int[] layerStart;
    private final int[] edgeStart;
    private final int[] edgeLabel;
    private final int[] edgeTarget;

    SolutionSpace(String name, List<String> variables, int[][] domains, int[] order, int[] layerStart,
            int[] edgeStart, int[] edgeLabel, int[] edgeTarget) {
        this.name = name;
        this.variables = List.copyOf(variables);
        int n = variables.size();
        this.domains = domains;
        this.sortedValues = new int[n][];
        this.positionOfSorted = new int[n][];
        for (int v = 0; v < n; v++) {
            Integer[] positions = new Integer[domains[v].length];
            for (int p = 0; p < positions.length; p++) {
                positions[p] = p;
            }
            int[] domain = domains[v];
            Arrays.sort(positions, (a, b) -> Integer.compare(domain[a], domain[b]));
            sortedValues[v] = new int[positions.length];
            positionOfSorted[v] = new int[positions.length];
            for (int i = 0; i < positions.length; i++) {
                sortedValues[v][i] = domain[positions[i]];
                positionOfSorted[v][i] = positions[i];
            }
        }
        this.order = order;
        this.layerStart = layerStart;
        this.edgeStart = edgeStart;
        this.edgeLabel = edgeLabel;
        this.edgeTarget = edgeTarget;
    }

    /** Compiles a product with {@link #DEFAULT_MAX_NODES} and {@link #DEFAULT_MAX_TIME}. */
    public static SolutionSpace compile(ConfigurableProduct product) {
        return compile(product, DEFAULT_MAX_NODES);
    }

    /** Compiles a product with {@link #DEFAULT_MAX_TIME}, reporting nothing. */
    public static SolutionSpace compile(ConfigurableProduct product, int maxNodes) {
        return compile(product, maxNodes, DEFAULT_MAX_TIME, ProgressListener.none());
    }

    /**
     * Compiles a product.
     *
     * @param maxNodes the most nodes the unreduced diagram may have
     * @param maxTime the longest the compilation may take (the node bound alone does not bound the time)
     * @param progress told of each constraint conjoined
     * @throws UnsuitableDataException if the diagram would need more nodes or more time (the message says how far it
     *     came), or no configuration satisfies the constraints
     * @throws IllegalArgumentException if a "conflicts" constraint's scope has more than 10 million
     *     combinations (it is turned into the list of allowed ones), or the time is not positive
     */
    public static SolutionSpace compile(ConfigurableProduct product, int maxNodes, Duration maxTime,
            ProgressListener progress) {
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime must be positive, was " + maxTime);
        }
        long started = System.nanoTime();
        SolutionSpace space = new DiagramCompiler.Compiler(product, maxNodes, maxTime,
                Objects.requireNonNull(progress, "progress")).compile();
        LOG.info("{}: {} valid configurations compiled into {} nodes and {} edges in {} ms", product.name(),
                String.format("%.4g", space.solutionCount()), space.nodeCount(), space.edgeCount(),
                (System.nanoTime() - started) / 1_000_000);
        return space;
    }

    static final String FORMAT = "tailor.solution-space";
    static final int VERSION = 1;

    /**
     * Saves the compiled diagram (atomically, with a checksum), so that a service loads it instead of
     * compiling again (Renault big takes about 140 s to compile).
     */
    public void save(Path file) throws IOException {
        ModelRegistry.save(this, file);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeUTF(name);
        out.writeInt(variables.size());
        for (int v = 0; v < variables.size(); v++) {
            out.writeUTF(variables.get(v));
            ArrayCodec.writeInts(domains[v], out);
        }
        ArrayCodec.writeInts(order, out);
        ArrayCodec.writeInts(layerStart, out);
        ArrayCodec.writeInts(edgeStart, out);
        ArrayCodec.writeInts(edgeLabel, out);
        ArrayCodec.writeInts(edgeTarget, out);
    }

    /**
     * Loads a diagram written by {@link #save}.
     *
     * @throws dev.tailor.io.ModelFileException if the file is missing, foreign, newer, truncated, corrupt or
     *     inconsistent
     */
    public static SolutionSpace load(Path file) throws IOException {
        return ModelRegistry.load(file, SolutionSpace.class);
    }

    static SolutionSpace readFrom(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int n = in.readInt();
        // Each variable takes at least a name length (2 bytes) and a domain length (4 bytes).
        ArrayCodec.requireBytes(in, n < 0 ? Long.MAX_VALUE : 6L * n, n + " variables");
        List<String> variables = new ArrayList<>();
        int[][] domains = new int[n][];
        for (int v = 0; v < n; v++) {
            variables.add(in.readUTF());
            domains[v] = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        }
        int[] order = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        int[] layerStart = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        int[] edgeStart = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        int[] edgeLabel = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        int[] edgeTarget = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        String problem = diagramProblem(n, domains, order, layerStart, edgeStart, edgeLabel, edgeTarget);
        if (problem != null) {
            throw new IOException("the solution space's diagram is inconsistent (" + problem + ")");
        }
        return new SolutionSpace(name, variables, domains, order, layerStart, edgeStart, edgeLabel, edgeTarget);
    }

    /**
     * What makes a loaded diagram unusable, or {@code null}: every index is checked before it is used, so
     * a damaged file is refused rather than failing later inside a query.
     */
    private static String diagramProblem(int n, int[][] domains, int[] order, int[] layerStart, int[] edgeStart,
            int[] edgeLabel, int[] edgeTarget) {
        int nodes = edgeStart.length - 1;
        if (order.length != n || layerStart.length != n + 1 || nodes < 1 || edgeLabel.length != edgeTarget.length) {
            return "array lengths disagree";
        }
        boolean[] placed = new boolean[n];
        for (int variable : order) {
            if (variable < 0 || variable >= n || placed[variable]) {
                return "the variable order is not a permutation";
            }
            placed[variable] = true;
        }
        int terminal = nodes - 1;
        if (layerStart[0] != 0 || layerStart[n] != terminal) {
            return "layers do not cover the nodes";
        }
        for (int layer = 0; layer < n; layer++) {
            if (layerStart[layer + 1] < layerStart[layer]) {
                return "layers are not in order";
            }
        }
        if (edgeStart[0] != 0 || edgeStart[nodes] != edgeLabel.length || edgeStart[terminal] != edgeLabel.length) {
            return "edges do not cover the nodes";
        }
        for (int node = 0; node < nodes; node++) {
            if (edgeStart[node + 1] < edgeStart[node]) {
                return "edges are not in order";
            }
        }
        for (int layer = 0; layer < n; layer++) {
            int domainSize = domains[order[layer]].length;
            for (int node = layerStart[layer]; node < layerStart[layer + 1]; node++) {
                for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                    if (edgeLabel[e] < 0 || edgeLabel[e] >= domainSize || (e > edgeStart[node] && edgeLabel[e] <= edgeLabel[e - 1])) {
                        return "node " + node + " has a bad edge label";
                    }
                    // Edges point to the next layer only, and the last layer's to the terminal: the diagram is
                    // acyclic, every walk ends, and a walk meets the variables in order (what project() assumes).
                    int target = edgeTarget[e];
                    boolean fits = layer == n - 1 ? target == terminal
                            : target >= layerStart[layer + 1] && target < layerStart[layer + 2];
                    if (!fits) {
                        return "node " + node + " has an edge to node " + target;
                    }
                }
            }
        }
        return null;
    }

    /** The product's name. */
    public String name() {
        return name;
    }

    /** The variables, in index order: all of the product's, or those a projection kept. */
    public List<String> variables() {
        return variables;
    }

    /** The values of variable v's domain. */
    public int[] domain(int v) {
        return domains[v].clone();
    }

    /**
     * The space of valid configurations seen through some variables only: a partial assignment of them
     * is consistent exactly when some valid configuration of the whole product agrees with it. This is
     * what a sales history that records a subset of the variables needs, and the projected diagram is
     * usually much smaller than the whole.
     *
     * @param keep variable names, which become indices 0.. of the projected space in this order
     * @throws IllegalArgumentException if a name is unknown or repeated
     */
    public SolutionSpace project(List<String> keep) {
        int n = variables.size();
        int[] keptIndex = new int[n];
        Arrays.fill(keptIndex, -1);
        int[][] keptDomains = new int[keep.size()][];
        for (int i = 0; i < keep.size(); i++) {
            int v = variables.indexOf(keep.get(i));
            if (v < 0 || keptIndex[v] >= 0) {
                throw new IllegalArgumentException(name + ": " + (v < 0 ? "no variable " : "variable repeated: ") + keep.get(i));
            }
            keptIndex[v] = i;
            keptDomains[i] = domains[v];
        }
        DiagramCompiler.NodeStore store = new DiagramCompiler.NodeStore(DEFAULT_MAX_NODES, name);
        Map<Long, Integer> unions = new HashMap<>();
        int[] projected = new int[nodeCount()];
        projected[nodeCount() - 1] = DiagramCompiler.NodeStore.TRUE;
        for (int layer = n - 1; layer >= 0; layer--) {
            int kept = keptIndex[order[layer]];
            for (int node = layerStart[layer]; node < layerStart[layer + 1]; node++) {
                if (kept >= 0) {
                    int[] children = new int[domains[order[layer]].length];
                    Arrays.fill(children, DiagramCompiler.NodeStore.FALSE);
                    for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                        children[edgeLabel[e]] = projected[edgeTarget[e]];
                    }
                    projected[node] = store.intern(children);
                } else {
                    int union = DiagramCompiler.NodeStore.FALSE;
                    for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                        union = store.union(union, projected[edgeTarget[e]], unions);
                    }
                    projected[node] = union;
                }
            }
        }
        int[] keptOrder = Arrays.stream(order).filter(v -> keptIndex[v] >= 0).map(v -> keptIndex[v]).toArray();
        SolutionSpace space = store.toSpace(name, keep, keptDomains, keptOrder, projected[0]);
        LOG.info("{}: projected on {} of {} variables: {} nodes, {} edges", name, keep.size(), n, space.nodeCount(),
                space.edgeCount());
        return space;
    }

    /** Nodes of the reduced diagram, terminal included. */
    public int nodeCount() {
        return edgeStart.length - 1;
    }

    /** Edges of the reduced diagram. */
    public int edgeCount() {
        return edgeLabel.length;
    }

    /** The number of valid configurations (a double: real products have more than a long holds). */
    public double solutionCount() {
        double[] count = new double[nodeCount()];
        count[nodeCount() - 1] = 1;
        for (int node = nodeCount() - 2; node >= 0; node--) {
            double sum = 0;
            for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                sum += count[edgeTarget[e]];
            }
            count[node] = sum;
        }
        return count[0];
    }

    /**
     * For each variable, the values (in domain order) that some valid configuration agreeing with the
     * partial assignment has. An assigned variable keeps its value if the assignment can be completed;
     * when it cannot, every variable gets an empty array.
     *
     * @param partial values by variable index, {@link ConfigurableProduct#UNSET} where open
     */
    public int[][] validValues(int[] partial) {
        int[] fixed = fixedPositions(partial);
        int n = order.length;
        boolean[][] valid = new boolean[n][];
        for (int v = 0; v < n; v++) {
            valid[v] = new boolean[domains[v].length];
        }
        if (fixed != null) {
            boolean[] reached = reached(fixed);
            boolean[] alive = new boolean[nodeCount()];
            alive[nodeCount() - 1] = true;
            for (int layer = n - 1; layer >= 0; layer--) {
                int fix = fixed[layer];
                boolean[] validHere = valid[order[layer]];
                for (int node = layerStart[layer]; node < layerStart[layer + 1]; node++) {
                    for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                        if ((fix < 0 || edgeLabel[e] == fix) && alive[edgeTarget[e]]) {
                            alive[node] = true;
                            if (reached[node]) {
                                validHere[edgeLabel[e]] = true;
                            }
                        }
                    }
                }
            }
        }
        int[][] values = new int[n][];
        for (int v = 0; v < n; v++) {
            int count = 0;
            for (boolean b : valid[v]) {
                count += b ? 1 : 0;
            }
            values[v] = new int[count];
            int i = 0;
            for (int p = 0; p < valid[v].length; p++) {
                if (valid[v][p]) {
                    values[v][i++] = domains[v][p];
                }
            }
        }
        return values;
    }

    /** Whether some valid configuration agrees with the partial assignment. */
    public boolean isConsistent(int[] partial) {
        int[] fixed = fixedPositions(partial);
        return fixed != null && reached(fixed)[nodeCount() - 1];
    }

    /**
     * The valid configuration agreeing with the partial assignment whose values have the largest total
     * score, or empty when none agrees.
     *
     * @param score per variable, a score per domain position (in {@link ConfigurableProduct#domain} order);
     *     a null row scores every value of that variable 0. Use log-probabilities for the most probable
     *     configuration under independent value probabilities.
     */
    public Optional<int[]> bestCompletion(int[] partial, double[][] score) {
        if (score.length != order.length) {
            throw new IllegalArgumentException("score has " + score.length + " rows for " + order.length + " variables");
        }
        int[] fixed = fixedPositions(partial);
        if (fixed == null) {
            return Optional.empty();
        }
        int nodes = nodeCount();
        double[] best = new double[nodes];
        int[] choice = new int[nodes];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        best[nodes - 1] = 0;
        for (int layer = order.length - 1; layer >= 0; layer--) {
            int fix = fixed[layer];
            double[] row = score[order[layer]];
            for (int node = layerStart[layer]; node < layerStart[layer + 1]; node++) {
                for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                    if (fix >= 0 && edgeLabel[e] != fix) {
                        continue;
                    }
                    double value = best[edgeTarget[e]] + (row == null ? 0 : row[edgeLabel[e]]);
                    if (value > best[node]) {
                        best[node] = value;
                        choice[node] = e;
                    }
                }
            }
        }
        if (best[0] == Double.NEGATIVE_INFINITY) {
            return Optional.empty();
        }
        int[] configuration = new int[order.length];
        int node = 0;
        for (int layer = 0; layer < order.length; layer++) {
            int e = choice[node];
            configuration[order[layer]] = domains[order[layer]][edgeLabel[e]];
            node = edgeTarget[e];
        }
        return Optional.of(configuration);
    }

    /** Per layer, the domain position the partial assignment fixes, or -1; null if a value is outside its domain. */
    private int[] fixedPositions(int[] partial) {
        if (partial.length != order.length) {
            throw new IllegalArgumentException("assignment has " + partial.length + " entries for " + order.length
                    + " variables of " + name);
        }
        int[] fixed = new int[order.length];
        for (int layer = 0; layer < order.length; layer++) {
            int v = order[layer];
            if (partial[v] == ConfigurableProduct.UNSET) {
                fixed[layer] = -1;
            } else {
                int i = Arrays.binarySearch(sortedValues[v], partial[v]);
                if (i < 0) {
                    return null;
                }
                fixed[layer] = positionOfSorted[v][i];
            }
        }
        return fixed;
    }

    private boolean[] reached(int[] fixed) {
        boolean[] reached = new boolean[nodeCount()];
        reached[0] = true;
        for (int layer = 0; layer < order.length; layer++) {
            int fix = fixed[layer];
            for (int node = layerStart[layer]; node < layerStart[layer + 1]; node++) {
                if (reached[node]) {
                    for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                        if (fix < 0 || edgeLabel[e] == fix) {
                            reached[edgeTarget[e]] = true;
                        }
                    }
                }
            }
        }
        return reached;
    }
}
