package dev.tailor.configure;

import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A configurable product: variables (attributes) with finite integer domains and table constraints.
 * Values are the domains' integer codes (the Renault models use -1 for "does not apply").
 *
 * <p>{@link #violatedBy} checks a partial assignment against the constraints whose scope it fully assigns.
 * That a value is also extendable to a complete valid configuration is a stronger property, which
 * completion needs on top of this check.
 *
 * <p>Thread-safety: immutable.
 */
public final class ConfigurableProduct {
    /** Marks an unassigned variable in a partial assignment ({@code int[]} of values by variable index). */
    public static final int UNSET = Integer.MIN_VALUE;

    private final String name;
    private final List<String> variables;
    private final int[][] domains;
    private final List<TableConstraint> constraints;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final String[][] labels;

    /**
     * A product.
     *
     * @param domains per variable, its allowed values
     * @param constraints table constraints over variable indices; a listed tuple with a value outside its
     *     variable's domain can never be chosen, so it is ignored
     * @throws IllegalArgumentException if names repeat, sizes differ, a domain is empty, or a constraint refers
     *     to a variable outside the product
     */
    public ConfigurableProduct(String name, List<String> variables, int[][] domains, List<TableConstraint> constraints) {
        this(name, variables, domains, null, constraints);
    }

    private ConfigurableProduct(String name, List<String> variables, int[][] domains, String[][] labels,
            List<TableConstraint> constraints) {
        this.name = Objects.requireNonNull(name, "name");
        this.labels = labels;
        this.variables = List.copyOf(variables);
        if (domains.length != variables.size()) {
            throw new IllegalArgumentException(name + ": " + variables.size() + " variables but " + domains.length + " domains");
        }
        this.domains = new int[domains.length][];
        for (int v = 0; v < domains.length; v++) {
            if (domains[v].length == 0) {
                throw new IllegalArgumentException(name + ": variable " + variables.get(v) + " has an empty domain");
            }
            this.domains[v] = domains[v].clone();
            if (indexOf.put(variables.get(v), v) != null) {
                throw new IllegalArgumentException(name + ": variable " + variables.get(v) + " is declared twice");
            }
        }
        for (TableConstraint c : constraints) {
            for (int v : c.scope()) {
                if (v < 0 || v >= variables.size()) {
                    throw new IllegalArgumentException(name + ": constraint " + c.name() + " refers to variable " + v);
                }
            }
        }
        this.constraints = List.copyOf(constraints);
    }

    /**
     * A product whose values are named (fabric: poplin, twill, ...): each variable's values are coded
     * 0, 1, ... in the order given, and the rules are pairs of values that cannot be combined.
     *
     * @param domains attribute → its value labels, in order
     * @param forbiddenPairs each {attribute, value, attribute, value}
     * @throws IllegalArgumentException if a rule names an unknown attribute or value, or a label repeats
     */
    public static ConfigurableProduct labelled(String name, Map<String, List<String>> domains, List<String[]> forbiddenPairs) {
        List<String> variables = List.copyOf(domains.keySet());
        int[][] codes = new int[variables.size()][];
        String[][] labels = new String[variables.size()][];
        for (int v = 0; v < codes.length; v++) {
            labels[v] = domains.get(variables.get(v)).toArray(String[]::new);
            codes[v] = IntStream.range(0, labels[v].length).toArray();
            if (Arrays.stream(labels[v]).distinct().count() != labels[v].length) {
                throw new IllegalArgumentException(name + ": a value of " + variables.get(v) + " is listed twice");
            }
        }
        List<TableConstraint> constraints = new ArrayList<>();
        for (String[] rule : forbiddenPairs) {
            int a = variables.indexOf(rule[0]);
            int b = variables.indexOf(rule[2]);
            int x = a < 0 ? -1 : Arrays.asList(labels[a]).indexOf(rule[1]);
            int y = b < 0 ? -1 : Arrays.asList(labels[b]).indexOf(rule[3]);
            if (x < 0 || y < 0) {
                throw new IllegalArgumentException(name + ": rule " + String.join(" ", rule) + " names an unknown attribute or value");
            }
            constraints.add(new TableConstraint("not " + rule[0] + "=" + rule[1] + " with " + rule[2] + "=" + rule[3],
                    new int[] {a, b}, new int[][] {{x, y}}, false));
        }
        return new ConfigurableProduct(name, variables, codes, labels, constraints);
    }

    /** The label of a value: its name for a labelled product, its decimal code otherwise. */
    public String label(int variable, int value) {
        if (labels == null) {
            return Integer.toString(value);
        }
        return value >= 0 && value < labels[variable].length ? labels[variable][value] : Integer.toString(value);
    }

    /** The value with this label (or decimal code), or {@link #UNSET} if the domain has none. */
    public int valueOf(int variable, String label) {
        if (labels != null) {
            int i = Arrays.asList(labels[variable]).indexOf(label);
            return i < 0 ? UNSET : i;
        }
        try {
            int value = Integer.parseInt(label.strip());
            return Arrays.stream(domains[variable]).anyMatch(x -> x == value) ? value : UNSET;
        } catch (NumberFormatException e) {
            return UNSET;
        }
    }

    /** Writes the product: name, variables, domains, value labels and constraints (for model files). */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeUTF(name);
        out.writeInt(variables.size());
        for (int v = 0; v < variables.size(); v++) {
            out.writeUTF(variables.get(v));
            ArrayCodec.writeInts(domains[v], out);
            out.writeBoolean(labels != null);
            if (labels != null) {
                out.writeInt(labels[v].length);
                for (String label : labels[v]) {
                    out.writeUTF(label);
                }
            }
        }
        out.writeInt(constraints.size());
        for (TableConstraint c : constraints) {
            out.writeUTF(c.name());
            ArrayCodec.writeInts(c.scope(), out);
            out.writeBoolean(c.supports());
            int[][] tuples = c.sharedTuples();
            out.writeInt(tuples.length);
            for (int[] tuple : tuples) {
                ArrayCodec.writeInts(tuple, out);
            }
        }
    }

    /**
     * Reads a product written by {@link #writeTo}.
     *
     * @throws java.io.IOException if it is truncated or inconsistent
     */
    public static ConfigurableProduct readFrom(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int count = in.readInt();
        if (count < 1 || count > in.available() / 8) {
            throw new IOException("product " + name + ": " + count + " variables do not fit the bytes left");
        }
        List<String> variables = new ArrayList<>(count);
        int[][] domains = new int[count][];
        String[][] labels = null;
        for (int v = 0; v < count; v++) {
            variables.add(in.readUTF());
            domains[v] = ArrayCodec.readInts(in, Integer.MAX_VALUE);
            boolean labelled = in.readBoolean();
            if (v == 0 && labelled) {
                labels = new String[count][];
            } else if (labelled != (labels != null)) {
                throw new IOException("product " + name + ": only some variables have value labels");
            }
            if (labelled) {
                int n = in.readInt();
                if (n != domains[v].length) {
                    throw new IOException("product " + name + ": " + n + " labels for a domain of " + domains[v].length);
                }
                labels[v] = new String[n];
                for (int i = 0; i < n; i++) {
                    labels[v][i] = in.readUTF();
                }
            }
        }
        int constraintCount = in.readInt();
        if (constraintCount < 0 || constraintCount > in.available() / 8) {
            throw new IOException("product " + name + ": " + constraintCount + " constraints do not fit the bytes left");
        }
        List<TableConstraint> constraints = new ArrayList<>(constraintCount);
        for (int c = 0; c < constraintCount; c++) {
            String constraint = in.readUTF();
            int[] scope = ArrayCodec.readInts(in, count);
            boolean supports = in.readBoolean();
            int tupleCount = in.readInt();
            if (tupleCount < 0 || tupleCount > in.available() / 4) {
                throw new IOException("product " + name + ": " + tupleCount + " tuples do not fit the bytes left");
            }
            int[][] tuples = new int[tupleCount][];
            for (int t = 0; t < tupleCount; t++) {
                tuples[t] = ArrayCodec.readInts(in, scope.length);
            }
            try {
                constraints.add(new TableConstraint(constraint, scope, tuples, supports));
            } catch (IllegalArgumentException e) {
                throw new IOException("product " + name + ": " + e.getMessage(), e);
            }
        }
        try {
            return new ConfigurableProduct(name, variables, domains, labels, constraints);
        } catch (IllegalArgumentException e) {
            throw new IOException("product " + name + ": " + e.getMessage(), e);
        }
    }

    /** The product's name. */
    public String name() {
        return name;
    }

    /** The variable names, in index order. */
    public List<String> variables() {
        return variables;
    }

    /** The index of a variable, or -1. */
    public int indexOf(String variable) {
        return indexOf.getOrDefault(variable, -1);
    }

    /** The number of variables. */
    public int size() {
        return variables.size();
    }

    /** The values of variable v's domain. */
    public int[] domain(int v) {
        return domains[v].clone();
    }

    /** The constraints. */
    public List<TableConstraint> constraints() {
        return constraints;
    }

    /**
     * The constraints a partial assignment breaks: those whose scope it fully assigns with a combination
     * the constraint does not allow, plus a pseudo-check of values outside their domain (reported by name
     * {@code "domain of <variable>"}).
     *
     * @param assignment values by variable index; {@link #UNSET} entries are unassigned
     */
    public List<String> violatedBy(int[] assignment) {
        if (assignment.length != variables.size()) {
            throw new IllegalArgumentException("assignment has " + assignment.length + " entries for " + variables.size()
                    + " variables");
        }
        List<String> violated = new ArrayList<>();
        for (int v = 0; v < assignment.length; v++) {
            int value = assignment[v];
            if (value != UNSET && Arrays.stream(domains[v]).noneMatch(x -> x == value)) {
                violated.add("domain of " + variables.get(v));
            }
        }
        for (TableConstraint c : constraints) {
            int[] scope = c.scope();
            int[] values = new int[scope.length];
            boolean complete = true;
            for (int i = 0; i < scope.length && complete; i++) {
                values[i] = assignment[scope[i]];
                complete = values[i] != UNSET;
            }
            if (complete && !c.allows(values)) {
                violated.add(c.name());
            }
        }
        return violated;
    }
}
