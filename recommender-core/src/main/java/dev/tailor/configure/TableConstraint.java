package dev.tailor.configure;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An extensional constraint over a scope of variables: the tuples of values it allows ("supports") or
 * forbids ("conflicts"). Immutable.
 */
public final class TableConstraint {
    private final String name;
    private final int[] scope;
    private final boolean supports;
    private final Set<List<Integer>> tuples;
    private final int[][] tupleArray;

    /**
     * A constraint.
     *
     * @param scope variable indices of the product, distinct
     * @param tuples value tuples (values, not domain positions), each as long as the scope
     * @param supports true when the tuples are the allowed ones, false when they are the forbidden ones
     * @throws IllegalArgumentException if a tuple's length differs from the scope's or the scope repeats a variable
     */
    public TableConstraint(String name, int[] scope, int[][] tuples, boolean supports) {
        this.name = Objects.requireNonNull(name, "name");
        this.scope = scope.clone();
        if (Arrays.stream(scope).distinct().count() != scope.length) {
            throw new IllegalArgumentException("constraint " + name + ": scope repeats a variable: " + Arrays.toString(scope));
        }
        this.supports = supports;
        Set<List<Integer>> set = new HashSet<>();
        for (int[] tuple : tuples) {
            if (tuple.length != scope.length) {
                throw new IllegalArgumentException("constraint " + name + ": tuple " + Arrays.toString(tuple) + " has "
                        + tuple.length + " values for a scope of " + scope.length);
            }
            set.add(Arrays.stream(tuple).boxed().toList());
        }
        this.tuples = Set.copyOf(set);
        this.tupleArray = set.stream().map(t -> t.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** The constraint's name. */
    public String name() {
        return name;
    }

    /** The variable indices it constrains. */
    public int[] scope() {
        return scope.clone();
    }

    /** Number of tuples listed. */
    public int tupleCount() {
        return tuples.size();
    }

    /** Whether the listed tuples are the allowed ones (supports) rather than the forbidden ones (conflicts). */
    public boolean supports() {
        return supports;
    }

    /** The distinct listed tuples (copies), values in scope order. */
    public int[][] tuples() {
        return Arrays.stream(tupleArray).map(int[]::clone).toArray(int[][]::new);
    }

    /** The distinct listed tuples, shared: callers in this package must not modify them. */
    int[][] sharedTuples() {
        return tupleArray;
    }

    /** Whether the values (one per scope variable, in scope order) are allowed. */
    public boolean allows(int[] values) {
        return tuples.contains(Arrays.stream(values).boxed().toList()) == supports;
    }
}
