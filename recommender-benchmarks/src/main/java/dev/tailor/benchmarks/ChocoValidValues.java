package dev.tailor.benchmarks;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.TableConstraint;
import java.util.Arrays;
import java.util.List;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.constraints.Constraint;
import org.chocosolver.solver.constraints.extension.Tuples;
import org.chocosolver.solver.variables.IntVar;

/**
 * The valid values of chosen variables under a partial assignment, computed with Choco-solver (the
 * peer the compiled {@code SolutionSpace} is measured against): the product as a constraint model with
 * one table constraint per relation; for each variable and each value not yet seen in a solution, a
 * solve with that value posted; every solution found marks all its values as valid, so most values
 * need no solve of their own. Exact, like the compiled diagram, but searches at every query.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class ChocoValidValues {
    private final Model model;
    private final IntVar[] variables;
    private final int[] shown;
    private final int[][] domains;

    /**
     * @param shown the product's variable indices to answer for, in column order
     */
    ChocoValidValues(ConfigurableProduct product, int[] shown) {
        this.model = new Model(product.name());
        this.variables = new IntVar[product.size()];
        this.domains = new int[product.size()][];
        for (int v = 0; v < product.size(); v++) {
            domains[v] = product.domain(v);
            variables[v] = model.intVar(product.variables().get(v), domains[v]);
        }
        for (TableConstraint c : product.constraints()) {
            IntVar[] scope = Arrays.stream(c.scope()).mapToObj(v -> variables[v]).toArray(IntVar[]::new);
            Tuples tuples = new Tuples(c.supports());
            for (int[] tuple : c.tuples()) {
                tuples.add(tuple);
            }
            model.table(scope, tuples).post();
        }
        this.shown = shown.clone();
    }

    /** For each shown variable, its values (ascending) that some valid configuration agreeing with the partial one has. */
    int[][] validValues(int[] partial) {
        Solver solver = model.getSolver();
        List<Constraint> fixed = new java.util.ArrayList<>();
        for (int i = 0; i < shown.length; i++) {
            if (partial[i] != ConfigurableProduct.UNSET) {
                Constraint c = model.arithm(variables[shown[i]], "=", partial[i]);
                c.post();
                fixed.add(c);
            }
        }
        boolean[][] valid = new boolean[shown.length][];
        int[][] sorted = new int[shown.length][];
        for (int i = 0; i < shown.length; i++) {
            sorted[i] = domains[shown[i]].clone();
            Arrays.sort(sorted[i]);
            valid[i] = new boolean[sorted[i].length];
        }
        for (int i = 0; i < shown.length; i++) {
            for (int p = 0; p < sorted[i].length; p++) {
                if (valid[i][p]) {
                    continue;
                }
                Constraint probe = model.arithm(variables[shown[i]], "=", sorted[i][p]);
                probe.post();
                solver.reset();
                if (solver.solve()) {
                    for (int j = 0; j < shown.length; j++) {
                        valid[j][Arrays.binarySearch(sorted[j], variables[shown[j]].getValue())] = true;
                    }
                }
                solver.reset();
                model.unpost(probe);
            }
        }
        solver.reset();
        model.unpost(fixed.toArray(Constraint[]::new));
        int[][] values = new int[shown.length][];
        for (int i = 0; i < shown.length; i++) {
            int[] row = sorted[i];
            boolean[] ok = valid[i];
            values[i] = java.util.stream.IntStream.range(0, row.length).filter(p -> ok[p]).map(p -> row[p]).toArray();
        }
        return values;
    }
}
