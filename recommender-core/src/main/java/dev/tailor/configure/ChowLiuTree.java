package dev.tailor.configure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tree-shaped Bayesian network learned by the Chow-Liu algorithm: the maximum spanning tree of the
 * pairwise mutual information between variables (Chow and Liu, "Approximating discrete probability
 * distributions with dependence trees", IEEE Trans. Information Theory 14(3), 1968). Unlike naive Bayes,
 * correlated chosen values are not counted twice: each chosen value informs the open variable only
 * through the path of the tree between them. The tree is a Bayesian network rooted at the first variable
 * (a prior there, each other variable's distribution given its parent), its tables smoothed by adding
 * {@code alpha} to every count; the probability of each value of the open variable given the chosen ones
 * is exact in that network, by message passing toward the open variable (Pearl 1988).
 *
 * <p>Default: {@code alpha = 0.1}.
 */
final class ChowLiuTree implements CompletionMethod {
    private final double alpha;

    /** With {@code alpha = 0.1}. */
    ChowLiuTree() {
        this(0.1);
    }

    /** @throws IllegalArgumentException if alpha is not positive */
    ChowLiuTree(double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "chow-liu-tree";
    }

    @Override
    public CompletionModel train(ConfigurationHistory history) {
        return fit(new EncodedHistory(history));
    }

    /** The settings a saved model is rebuilt with ({@code CompletionModelFormat}). */
    double[] parameters() {
        return new double[] {alpha};
    }

    CompletionModel fit(EncodedHistory data) {
        int n = data.columns;
        // The information of every pair, and the tree's tables: each edge's is at most its larger end's values times
        // the largest domain.
        EncodedHistory.requireWithinBudget(data.product, "pairwise information and tree tables",
                8L * n * n + 16L * data.largestDomain * data.totalValues);
        double[][] information = new double[n][n];
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                information[u][v] = information[v][u] = mutualInformation(data, u, v);
            }
        }
        // Prim's maximum spanning tree
        int[] parent = new int[n];
        double[] best = new double[n];
        boolean[] inTree = new boolean[n];
        Arrays.fill(parent, -1);
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        best[0] = 0;
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            neighbours.add(new ArrayList<>());
        }
        for (int added = 0; added < n; added++) {
            int next = -1;
            for (int u = 0; u < n; u++) {
                if (!inTree[u] && (next < 0 || best[u] > best[next])) {
                    next = u;
                }
            }
            inTree[next] = true;
            if (parent[next] >= 0) {
                neighbours.get(next).add(parent[next]);
                neighbours.get(parent[next]).add(next);
            }
            for (int u = 0; u < n; u++) {
                if (!inTree[u] && information[next][u] > best[u]) {
                    best[u] = information[next][u];
                    parent[u] = next;
                }
            }
        }
        int[][] adjacent = neighbours.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        // the tree as a Bayesian network rooted at column 0: a prior at the root, and for each edge the
        // child's conditional table given its parent, add-alpha smoothed; table[u][i] is indexed
        // [value of u * |D_w| + value of w] for the edge to the i-th neighbour w, whichever way it points
        double[][] potential = new double[n][];
        for (int u = 0; u < n; u++) {
            int d = data.values[u].length;
            potential[u] = new double[d];
            for (int a = 0; a < d; a++) {
                potential[u][a] = parent[u] >= 0 ? 1 : (data.counts[u][a] + alpha) / (data.total + alpha * d);
            }
        }
        double[][][] table = new double[n][][];
        for (int u = 0; u < n; u++) {
            table[u] = new double[adjacent[u].length][];
            for (int i = 0; i < adjacent[u].length; i++) {
                int w = adjacent[u][i];
                boolean uIsParent = parent[w] == u;
                int child = uIsParent ? w : u;
                int up = uIsParent ? u : w;
                double[] conditional = conditional(data, up, child, alpha);
                int du = data.values[u].length;
                int dw = data.values[w].length;
                int dc = data.values[child].length;
                double[] t = new double[du * dw];
                for (int a = 0; a < du; a++) {
                    for (int b = 0; b < dw; b++) {
                        // conditional is indexed [parent value * |D_child| + child value]
                        t[a * dw + b] = uIsParent ? conditional[a * dc + b] : conditional[b * dc + a];
                    }
                }
                table[u][i] = t;
            }
        }
        return new EncodedModel(data, this) {
            @Override
            double[] probabilities(int[] partial, int column) {
                int[] evidence = new int[n];
                for (int u = 0; u < n; u++) {
                    evidence[u] = u == column || partial[u] == ConfigurableProduct.UNSET ? -1 : data.position(u, partial[u]);
                }
                double[] belief = potential[column].clone();
                for (int i = 0; i < adjacent[column].length; i++) {
                    double[] message = message(adjacent[column][i], column, evidence);
                    for (int a = 0; a < belief.length; a++) {
                        belief[a] *= message[a];
                    }
                }
                return EncodedHistory.normalized(belief);
            }

            /** The message from u to its neighbour v: for each value of v, the evidence below u, normalized. */
            private double[] message(int u, int v, int[] evidence) {
                int du = data.values[u].length;
                double[] local = potential[u].clone();
                if (evidence[u] >= 0) {
                    double kept = local[evidence[u]];
                    Arrays.fill(local, 0);
                    local[evidence[u]] = kept;
                }
                int toV = -1;
                for (int i = 0; i < adjacent[u].length; i++) {
                    int w = adjacent[u][i];
                    if (w == v) {
                        toV = i;
                        continue;
                    }
                    double[] incoming = message(w, u, evidence);
                    for (int a = 0; a < du; a++) {
                        local[a] *= incoming[a];
                    }
                }
                int dv = data.values[v].length;
                double[] edge = table[u][toV];
                double[] out = new double[dv];
                for (int a = 0; a < du; a++) {
                    if (local[a] == 0) {
                        continue;
                    }
                    for (int b = 0; b < dv; b++) {
                        out[b] += local[a] * edge[a * dv + b];
                    }
                }
                return EncodedHistory.normalized(out);
            }
        };
    }

    /** P(child | parent), add-alpha smoothed, indexed [parent value * |D_child| + child value]. */
    private static double[] conditional(EncodedHistory data, int parent, int child, double alpha) {
        int dp = data.values[parent].length;
        int dc = data.values[child].length;
        double[] table = new double[dp * dc];
        for (int r = 0; r < data.size(); r++) {
            table[data.rows[r][parent] * dc + data.rows[r][child]] += data.weights[r];
        }
        for (int a = 0; a < dp; a++) {
            double denominator = data.counts[parent][a] + alpha * dc;
            for (int b = 0; b < dc; b++) {
                table[a * dc + b] = (table[a * dc + b] + alpha) / denominator;
            }
        }
        return table;
    }

    private static double mutualInformation(EncodedHistory data, int u, int v) {
        int du = data.values[u].length;
        int dv = data.values[v].length;
        double[] joint = new double[du * dv];
        for (int r = 0; r < data.size(); r++) {
            joint[data.rows[r][u] * dv + data.rows[r][v]] += data.weights[r];
        }
        double information = 0;
        for (int a = 0; a < du; a++) {
            for (int b = 0; b < dv; b++) {
                double p = joint[a * dv + b] / data.total;
                if (p > 0) {
                    information += p * Math.log(p / (data.counts[u][a] / data.total * data.counts[v][b] / data.total));
                }
            }
        }
        return information;
    }
}
