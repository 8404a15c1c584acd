package dev.tailor.configure;

import dev.tailor.data.UnsuitableDataException;
import dev.tailor.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a {@link ConfigurableProduct} into a {@link SolutionSpace}: chooses the variable order, turns every
 * constraint into an automaton over the layers, and builds their conjunction as a reduced multi-valued decision
 * diagram within a node budget.
 */
final class DiagramCompiler {
    /** Logs as the solution space it compiles. */
    private static final Logger LOG = LoggerFactory.getLogger(SolutionSpace.class);

    private DiagramCompiler() {
    }

    /** Builds the diagram: variable order, constraint automata, their conjunction. */
    static final class Compiler {
        private final ConfigurableProduct product;
        private final String name;
        private final int maxNodes;
        private final long deadline;
        private final java.time.Duration maxTime;
        private final ProgressListener progress;
        private final int n;
        private final int[][] domains;
        private int[] order;
        private int[] layerOf;
        private final List<Automaton> automata = new ArrayList<>();

        Compiler(ConfigurableProduct product, int maxNodes, java.time.Duration maxTime, ProgressListener progress) {
            this.product = product;
            this.name = product.name();
            this.maxNodes = maxNodes;
            this.maxTime = maxTime;
            this.deadline = System.nanoTime() + maxTime.toNanos();
            this.progress = progress;
            this.n = product.size();
            this.domains = new int[n][];
            for (int v = 0; v < n; v++) {
                domains[v] = product.domain(v);
            }
        }

        SolutionSpace compile() {
            order = variableOrder();
            layerOf = new int[n];
            for (int layer = 0; layer < n; layer++) {
                layerOf[order[layer]] = layer;
            }
            for (TableConstraint c : product.constraints()) {
                automata.add(new Automaton(c, layerOf, domains));
            }
            return build();
        }

        /** Greedy order: next, the variable that leaves the fewest (log-domain-weighted) open-scope variables. */
        private int[] variableOrder() {
            List<TableConstraint> constraints = product.constraints();
            int[] assignedInScope = new int[constraints.size()];
            List<List<Integer>> constraintsOf = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                constraintsOf.add(new ArrayList<>());
            }
            for (int c = 0; c < constraints.size(); c++) {
                for (int v : constraints.get(c).scope()) {
                    constraintsOf.get(v).add(c);
                }
            }
            boolean[] assigned = new boolean[n];
            int[] order = new int[n];
            for (int layer = 0; layer < n; layer++) {
                int best = -1;
                double bestWidth = Double.POSITIVE_INFINITY;
                for (int candidate = 0; candidate < n; candidate++) {
                    if (assigned[candidate]) {
                        continue;
                    }
                    assigned[candidate] = true;
                    for (int c : constraintsOf.get(candidate)) {
                        assignedInScope[c]++;
                    }
                    double width = frontierWidth(constraints, assignedInScope, assigned);
                    for (int c : constraintsOf.get(candidate)) {
                        assignedInScope[c]--;
                    }
                    assigned[candidate] = false;
                    if (width < bestWidth) {
                        bestWidth = width;
                        best = candidate;
                    }
                }
                order[layer] = best;
                assigned[best] = true;
                for (int c : constraintsOf.get(best)) {
                    assignedInScope[c]++;
                }
            }
            return order;
        }

        private double frontierWidth(List<TableConstraint> constraints, int[] assignedInScope, boolean[] assigned) {
            boolean[] inFrontier = new boolean[n];
            double width = 0;
            for (int c = 0; c < constraints.size(); c++) {
                int[] scope = constraints.get(c).scope();
                if (assignedInScope[c] == 0 || assignedInScope[c] == scope.length) {
                    continue;
                }
                for (int v : scope) {
                    if (assigned[v] && !inFrontier[v]) {
                        inFrontier[v] = true;
                        width += Math.log(domains[v].length);
                    }
                }
            }
            return width;
        }

        /**
         * Conjoins the constraints one at a time into a quasi-reduced diagram (every path visits every
         * layer): the product of the current diagram with the next constraint's automaton, nodes shared
         * through a unique table, failed branches dropped as they appear. Constraints are taken by their
         * deepest layer, so each step completes the part of the diagram above it.
         */
        private SolutionSpace build() {
            NodeStore store = new NodeStore(maxNodes, name);
            int root = store.allTrue(domains, order);
            List<Automaton> sorted = new ArrayList<>(automata);
            sorted.sort((a, b) -> a.lastLayer != b.lastLayer ? Integer.compare(a.lastLayer, b.lastLayer)
                    : Integer.compare(a.firstLayer, b.firstLayer));
            int done = 0;
            int live = store.size();
            progress.start("compiling " + name, sorted.size());
            for (Automaton automaton : sorted) {
                Conjunction conjunction = new Conjunction(store, automaton, this, done, sorted.size());
                root = automaton.root < 0 ? NodeStore.FALSE : conjunction.apply(root, automaton.root, 0);
                if (root == NodeStore.FALSE) {
                    throw new UnsuitableDataException(name + ": no configuration satisfies all constraints"
                            + " (the conjunction fails at " + automaton.name + ")");
                }
                if (store.size() > 4L * live + 100_000) {
                    root = store.compact(root);
                    live = store.size();
                }
                done++;
                progress.advance(1);
                LOG.debug("{}: {} of {} constraints conjoined, {} nodes", name, done, sorted.size(), store.size());
            }
            progress.finish();
            return store.toSpace(name, product.variables(), domains, order, root);
        }

        /**
         * Refuses to go on past the time bound: the node bound alone does not bound the time, since a conjunction
         * can work through many (node, state) pairs that end in few nodes (a graph-colouring grid does).
         */
        void checkTime(int done, int total, int nodes) {
            if (System.nanoTime() - deadline > 0) {
                throw new UnsuitableDataException(name + ": compiling the solution space took longer than " + maxTime
                        + " (" + done + " of " + total + " constraints conjoined, " + nodes + " nodes); the product's "
                        + "constraints interact too much for one diagram, or allow more time");
            }
        }
    }

    /** One product of a diagram with a constraint's automaton, memoized on (node, automaton state). */
    private static final class Conjunction {
        private final NodeStore store;
        private final Automaton automaton;
        private final Map<Long, Integer> memo = new HashMap<>();
        private final Compiler compiler;
        private final int done;
        private final int total;

        Conjunction(NodeStore store, Automaton automaton, Compiler compiler, int done, int total) {
            this.store = store;
            this.automaton = automaton;
            this.compiler = compiler;
            this.done = done;
            this.total = total;
        }

        /** The diagram of node (at layer) AND the automaton in state; state 0 accepts whatever follows. */
        int apply(int node, int state, int layer) {
            if (node == NodeStore.FALSE) {
                return NodeStore.FALSE;
            }
            if (state == Automaton.ACCEPT || node == NodeStore.TRUE) {
                return node;
            }
            long key = ((long) node << 32) | (state & 0xFFFF_FFFFL);
            Integer cached = memo.get(key);
            if (cached != null) {
                return cached;
            }
            int[] children = store.children(node);
            int[] result = new int[children.length];
            boolean inScope = automaton.hasLayer(layer);
            boolean any = false;
            for (int d = 0; d < children.length; d++) {
                int nextState = inScope ? automaton.next(state, d) : state;
                result[d] = nextState < 0 ? NodeStore.FALSE : apply(children[d], nextState, layer + 1);
                any |= result[d] != NodeStore.FALSE;
            }
            int id = any ? store.intern(result) : NodeStore.FALSE;
            memo.put(key, id);
            if ((memo.size() & 0xFFF) == 0) {
                compiler.checkTime(done, total, store.size());
            }
            return id;
        }
    }

    /**
     * Nodes of quasi-reduced diagrams: each node is the array of its children by domain position
     * ({@link #FALSE} where no valid configuration continues, {@link #TRUE} below the last layer).
     */
    static final class NodeStore {
        static final int FALSE = -1;
        static final int TRUE = -2;

        private final int maxNodes;
        private final String productName;
        private List<int[]> nodes = new ArrayList<>();
        private Map<IntArrayKey, Integer> unique = new HashMap<>();

        NodeStore(int maxNodes, String productName) {
            this.maxNodes = maxNodes;
            this.productName = productName;
        }

        int size() {
            return nodes.size();
        }

        int[] children(int node) {
            return nodes.get(node);
        }

        int intern(int[] children) {
            IntArrayKey key = new IntArrayKey(children);
            Integer id = unique.get(key);
            if (id == null) {
                if (nodes.size() >= maxNodes) {
                    throw new UnsuitableDataException(productName + ": the solution space needs more than " + maxNodes
                            + " nodes while it is being compiled");
                }
                id = nodes.size();
                nodes.add(children);
                unique.put(key, id);
            }
            return id;
        }

        /** The union of two nodes of the same layer (or TRUE/FALSE), memoized in unions. */
        int union(int a, int b, Map<Long, Integer> unions) {
            if (a == FALSE || a == b) {
                return b;
            }
            if (b == FALSE) {
                return a;
            }
            if (a == TRUE || b == TRUE) {
                return TRUE;
            }
            long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
            Integer cached = unions.get(key);
            if (cached != null) {
                return cached;
            }
            int[] left = nodes.get(a);
            int[] right = nodes.get(b);
            int[] children = new int[left.length];
            for (int d = 0; d < children.length; d++) {
                children[d] = union(left[d], right[d], unions);
            }
            int id = intern(children);
            unions.put(key, id);
            return id;
        }

        /** The diagram of every combination of values. */
        int allTrue(int[][] domains, int[] order) {
            int below = TRUE;
            for (int layer = order.length - 1; layer >= 0; layer--) {
                int[] children = new int[domains[order[layer]].length];
                Arrays.fill(children, below);
                below = intern(children);
            }
            return below;
        }

        /** Keeps only the nodes reachable from root; returns root's new id. */
        int compact(int root) {
            List<int[]> oldNodes = nodes;
            nodes = new ArrayList<>();
            unique = new HashMap<>();
            Map<Integer, Integer> moved = new HashMap<>();
            return copy(root, oldNodes, moved);
        }

        private int copy(int node, List<int[]> oldNodes, Map<Integer, Integer> moved) {
            if (node < 0) {
                return node;
            }
            Integer done = moved.get(node);
            if (done != null) {
                return done;
            }
            int[] children = oldNodes.get(node).clone();
            for (int d = 0; d < children.length; d++) {
                children[d] = copy(children[d], oldNodes, moved);
            }
            int id = intern(children);
            moved.put(node, id);
            return id;
        }

        /** Numbers the nodes reachable from root layer by layer, terminal last, and lays out their edges. */
        SolutionSpace toSpace(String name, List<String> variables, int[][] domains, int[] order, int root) {
            int n = order.length;
            List<List<Integer>> layers = new ArrayList<>();
            Map<Integer, Integer> finalId = new HashMap<>();
            List<Integer> current = List.of(root);
            int next = 0;
            int[] layerStart = new int[n + 1];
            for (int layer = 0; layer < n; layer++) {
                layerStart[layer] = next;
                layers.add(current);
                for (int node : current) {
                    finalId.put(node, next++);
                }
                LinkedHashSet<Integer> below = new LinkedHashSet<>();
                for (int node : current) {
                    for (int child : nodes.get(node)) {
                        if (child != FALSE) {
                            below.add(child);
                        }
                    }
                }
                current = new ArrayList<>(below);
            }
            layerStart[n] = next;
            int terminal = next;
            finalId.put(TRUE, terminal);
            int count = next + 1;
            IntArrayList labels = new IntArrayList();
            IntArrayList targets = new IntArrayList();
            int[] edgeStart = new int[count + 1];
            int id = 0;
            for (List<Integer> layer : layers) {
                for (int node : layer) {
                    edgeStart[id++] = labels.size();
                    int[] children = nodes.get(node);
                    for (int d = 0; d < children.length; d++) {
                        if (children[d] != FALSE) {
                            labels.add(d);
                            targets.add(finalId.get(children[d]));
                        }
                    }
                }
            }
            edgeStart[terminal] = labels.size();
            edgeStart[count] = labels.size();
            return new SolutionSpace(name, variables, domains, order, layerStart, edgeStart, labels.toArray(), targets.toArray());
        }
    }

    /**
     * The minimal automaton of one table constraint over its scope, read in diagram order: state ids by
     * depth, transitions by domain position; {@code next} is -1 where no allowed tuple continues.
     */
    private static final class Automaton {
        static final int ACCEPT = 0;

        final String name;
        final int firstLayer;
        final int lastLayer;
        final int root;
        private final int[] layers;
        private final List<int[]> transitions = new ArrayList<>();
        private final Map<IntArrayKey, Integer> unique = new HashMap<>();

        Automaton(TableConstraint constraint, int[] layerOf, int[][] domains) {
            this.name = constraint.name();
            int[] scope = constraint.scope();
            Integer[] byLayer = new Integer[scope.length];
            for (int i = 0; i < scope.length; i++) {
                byLayer[i] = i;
            }
            Arrays.sort(byLayer, (a, b) -> Integer.compare(layerOf[scope[a]], layerOf[scope[b]]));
            int k = scope.length;
            layers = new int[k];
            int[] variables = new int[k];
            for (int i = 0; i < k; i++) {
                variables[i] = scope[byLayer[i]];
                layers[i] = layerOf[variables[i]];
            }
            firstLayer = layers[0];
            lastLayer = layers[k - 1];
            List<int[]> tuples = new ArrayList<>();
            for (int[] tuple : allowedTuples(constraint, domains)) {
                int[] positions = new int[k];
                boolean inDomains = true;
                for (int i = 0; i < k && inDomains; i++) {
                    positions[i] = indexIn(domains[variables[i]], tuple[byLayer[i]]);
                    inDomains = positions[i] >= 0;
                }
                if (inDomains) {
                    tuples.add(positions);
                }
            }
            tuples.sort(Arrays::compare);
            transitions.add(null); // state 0 accepts: the whole scope is assigned
            int[] sizes = new int[k];
            for (int i = 0; i < k; i++) {
                sizes[i] = domains[variables[i]].length;
            }
            root = tuples.isEmpty() ? -1 : state(tuples, 0, tuples.size(), 0, sizes);
            unique.clear();
        }

        /** Whether the constraint has a variable at this layer. */
        boolean hasLayer(int layer) {
            return Arrays.binarySearch(layers, layer) >= 0;
        }

        int next(int state, int position) {
            return state < 0 ? -1 : transitions.get(state)[position];
        }

        private int state(List<int[]> tuples, int from, int to, int depth, int[] sizes) {
            if (depth == layers.length) {
                return 0;
            }
            int[] next = new int[sizes[depth]];
            Arrays.fill(next, -1);
            int i = from;
            while (i < to) {
                int value = tuples.get(i)[depth];
                int j = i;
                while (j < to && tuples.get(j)[depth] == value) {
                    j++;
                }
                next[value] = state(tuples, i, j, depth + 1, sizes);
                i = j;
            }
            int[] key = Arrays.copyOf(next, next.length + 1);
            key[next.length] = depth;
            return unique.computeIfAbsent(new IntArrayKey(key), unused -> {
                transitions.add(next);
                return transitions.size() - 1;
            });
        }

        private static List<int[]> allowedTuples(TableConstraint constraint, int[][] domains) {
            int[][] listed = constraint.sharedTuples();
            if (constraint.supports()) {
                return Arrays.asList(listed);
            }
            int[] scope = constraint.scope();
            long combinations = 1;
            for (int v : scope) {
                combinations *= domains[v].length;
                if (combinations > SolutionSpace.MAX_CONFLICT_COMBINATIONS) {
                    throw new IllegalArgumentException("constraint " + constraint.name() + " forbids tuples over a scope of more than "
                            + SolutionSpace.MAX_CONFLICT_COMBINATIONS + " combinations; list its allowed tuples instead");
                }
            }
            List<int[]> allowed = new ArrayList<>();
            int[] index = new int[scope.length];
            for (long c = 0; c < combinations; c++) {
                int[] tuple = new int[scope.length];
                for (int i = 0; i < scope.length; i++) {
                    tuple[i] = domains[scope[i]][index[i]];
                }
                if (constraint.allows(tuple)) {
                    allowed.add(tuple);
                }
                for (int i = scope.length - 1; i >= 0 && ++index[i] == domains[scope[i]].length; i--) {
                    index[i] = 0;
                }
            }
            return allowed;
        }

        private static int indexIn(int[] domain, int value) {
            for (int p = 0; p < domain.length; p++) {
                if (domain[p] == value) {
                    return p;
                }
            }
            return -1;
        }
    }

    /** An int array compared by content, as a hash key. */
    private static final class IntArrayKey {
        private final int[] values;
        private final int hash;

        IntArrayKey(int[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IntArrayKey key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A growable int array. */
    private static final class IntArrayList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
