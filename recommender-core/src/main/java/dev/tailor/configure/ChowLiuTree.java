package dev.tailor.configure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tree-shaped Bayesian network learned by the Chow-Liu algorithm: the maximum spanning tree of the
 * pairwise mutual information between variables (Chow and Liu, "Approximating discrete probability
 * distributions with dependence trees", IEEE Trans. Information Theory 14(3), 1968). Unlike naive Bayes,
 * correlated chosen values are not counted twice: each chosen value informs the open variable only
 * through the path of the tree between them. The probability of each value of the open variable given
 * the chosen ones is exact on the tree, by message passing toward the open variable (Pearl 1988).
 * Pairwise tables are smoothed by adding {@code alpha} to every cell.
 *
 * <p>Default: {@code alpha = 0.1}.
 */
public final class ChowLiuTree implements CompletionMethod {
    private final double alpha;

    /** With {@code alpha = 0.1}. */
    public ChowLiuTree() {
        this(0.1);
    }

    /** @throws IllegalArgumentException if alpha is not positive */
    public ChowLiuTree(double alpha) {
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
        EncodedHistory data = new EncodedHistory(history);
        int n = data.columns;
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
        // potentials: node marginals, and for each tree edge the ratio P(a, b) / (P(a) P(b)), smoothed
        double[][] marginal = new double[n][];
        for (int u = 0; u < n; u++) {
            int d = data.values[u].length;
            marginal[u] = new double[d];
            for (int a = 0; a < d; a++) {
                marginal[u][a] = (data.counts[u][a] + alpha) / (data.total + alpha * d);
            }
        }
        double[][][] ratio = new double[n][][];
        for (int u = 0; u < n; u++) {
            ratio[u] = new double[adjacent[u].length][];
            for (int i = 0; i < adjacent[u].length; i++) {
                int v = adjacent[u][i];
                int du = data.values[u].length;
                int dv = data.values[v].length;
                double[] joint = new double[du * dv];
                for (int r = 0; r < data.size(); r++) {
                    joint[data.rows[r][u] * dv + data.rows[r][v]] += data.weights[r];
                }
                double total = data.total + alpha * du * dv;
                for (int a = 0; a < du; a++) {
                    for (int b = 0; b < dv; b++) {
                        joint[a * dv + b] = (joint[a * dv + b] + alpha) / total / (marginal[u][a] * marginal[v][b]);
                    }
                }
                ratio[u][i] = joint;
            }
        }
        return new CompletionModel() {
            @Override
            public List<String> variables() {
                return data.variables;
            }

            @Override
            public int[] values(int column) {
                return data.values[column].clone();
            }

            @Override
            public double[] distribution(int[] partial, int column) {
                data.checkPartial(partial);
                int[] evidence = new int[n];
                for (int u = 0; u < n; u++) {
                    evidence[u] = u == column || partial[u] == ConfigurableProduct.UNSET ? -1 : data.position(u, partial[u]);
                }
                double[] belief = marginal[column].clone();
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
                double[] local = evidence[u] >= 0 ? new double[du] : marginal[u].clone();
                if (evidence[u] >= 0) {
                    local[evidence[u]] = 1;
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
                double[] table = ratio[u][toV];
                double[] out = new double[dv];
                for (int a = 0; a < du; a++) {
                    if (local[a] == 0) {
                        continue;
                    }
                    for (int b = 0; b < dv; b++) {
                        out[b] += local[a] * table[a * dv + b];
                    }
                }
                return EncodedHistory.normalized(out);
            }
        };
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
