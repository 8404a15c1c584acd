package dev.tailor.configure;

import dev.tailor.configure.Suggestion.RankedValue;
import dev.tailor.io.ModelRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Completes and prefills configurations of one product: a learned {@link CompletionModel}, optionally the
 * product's {@link SolutionSpace} (then only values a complete valid configuration can have are
 * offered), optionally value labels, and a blend with the customer's own previous orders.
 *
 * <p>Customer blend: with {@code n} previous orders, a value's probability is
 * {@code (1 - w) P_model + w P_customer} with {@code w = n / (n + customerPrior)}, where P_customer is the
 * recency-weighted share of the customer's orders with that value (each order counts half as much as
 * the next one). Default {@code customerPrior = 1}: one previous order weighs as much as the population.
 *
 * <p>Thread-safety: immutable; safe from many threads.
 */
public final class Configurator {
    private static final double UNSEEN_LOG_PROBABILITY = Math.log(1e-9);

    private final CompletionModel model;
    private final SolutionSpace space;
    private final ConfigurableProduct labels;
    private final double customerPrior;
    private final int columns;

    private Configurator(Builder builder) {
        this.model = builder.model;
        this.space = builder.space;
        this.labels = builder.labels;
        this.customerPrior = builder.customerPrior;
        this.columns = model.variables().size();
    }

    /** A configurator around a trained model. */
    public static Builder builder(CompletionModel model) {
        return new Builder(model);
    }

    /** The variables, in column order. */
    public List<String> variables() {
        return model.variables();
    }

    /**
     * Ranked values for every open variable of a partial configuration.
     *
     * @param partial value codes by column, {@link ConfigurableProduct#UNSET} where open
     * @param customerOrders the customer's previous configurations (oldest first), empty when unknown
     * @throws IllegalArgumentException if the partial configuration has no valid completion
     */
    public List<Suggestion> complete(int[] partial, List<int[]> customerOrders) {
        checkPartial(partial);
        int[][] valid = validValues(partial);
        List<Suggestion> suggestions = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            if (partial[c] == ConfigurableProduct.UNSET) {
                suggestions.add(suggestion(partial, c, valid == null ? null : valid[c], customerOrders));
            }
        }
        return suggestions;
    }

    /** Ranked values for one open variable; see {@link #complete}. */
    public Suggestion suggest(int[] partial, int column, List<int[]> customerOrders) {
        checkPartial(partial);
        int[][] valid = validValues(partial);
        return suggestion(partial, column, valid == null ? null : valid[column], customerOrders);
    }

    /**
     * A complete configuration for a repeat order: the customer's last order when it is still valid;
     * otherwise the valid configuration that is most probable under the blend of the customer's orders
     * with the model's probability of each value given the rest of the last order (a discontinued fabric
     * becomes the valid fabric the model finds closest to the other choices, the other choices stay).
     *
     * @param customerOrders the customer's previous configurations, oldest first, at least one
     * @return empty only when the solution space is empty for every candidate (cannot happen for a compiled space)
     * @throws IllegalArgumentException if there are no previous orders
     */
    public Optional<int[]> prefill(List<int[]> customerOrders) {
        if (customerOrders.isEmpty()) {
            throw new IllegalArgumentException("prefill needs at least one previous order of the customer");
        }
        int[] last = customerOrders.get(customerOrders.size() - 1);
        checkPartial(last);
        if (space == null || space.isConsistent(last)) {
            return Optional.of(last.clone());
        }
        double[][] score = new double[columns][];
        for (int c = 0; c < columns; c++) {
            int[] partial = last.clone();
            partial[c] = ConfigurableProduct.UNSET;
            double[] probability = blended(partial, c, customerOrders);
            int[] known = model.values(c);
            int[] domain = space.domain(c);
            score[c] = new double[domain.length];
            for (int p = 0; p < domain.length; p++) {
                int i = Arrays.binarySearch(known, domain[p]);
                score[c][p] = i >= 0 && probability[i] > 0 ? Math.log(probability[i]) : UNSEEN_LOG_PROBABILITY;
            }
        }
        int[] none = new int[columns];
        Arrays.fill(none, ConfigurableProduct.UNSET);
        return space.bestCompletion(none, score);
    }

    /** Valid values per column, or null without a solution space. */
    int[][] validValues(int[] partial) {
        if (space == null) {
            return null;
        }
        int[][] valid = space.validValues(partial);
        if (valid[0].length == 0) {
            throw new IllegalArgumentException("the partial configuration " + describe(partial) + " has no valid completion");
        }
        return valid;
    }

    /** The probability of each model value of the column, blended with the customer's orders. */
    double[] blended(int[] partial, int column, List<int[]> customerOrders) {
        double[] probability = model.distribution(partial, column);
        if (customerOrders.isEmpty()) {
            return probability;
        }
        int[] known = model.values(column);
        double[] own = new double[known.length];
        double weight = 1;
        double sum = 0;
        for (int i = customerOrders.size() - 1; i >= 0; i--, weight /= 2) {
            int p = Arrays.binarySearch(known, customerOrders.get(i)[column]);
            if (p >= 0) {
                own[p] += weight;
            }
            sum += weight;
        }
        double w = customerOrders.size() / (customerOrders.size() + customerPrior);
        for (int p = 0; p < known.length; p++) {
            probability[p] = (1 - w) * probability[p] + w * own[p] / sum;
        }
        return probability;
    }

    /** The best value for a column among the allowed ones (all model values when allowed is null). */
    int predict(int[] partial, int column, int[] allowed, List<int[]> customerOrders) {
        int[] candidates = allowed != null ? allowed : model.values(column);
        double[] q = candidateProbabilities(partial, column, candidates, customerOrders);
        int best = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (q[i] > q[best]) {
                best = i;
            }
        }
        return candidates[best];
    }

    /** The blended probability of each candidate value (0 for values the model never saw), not renormalized. */
    private double[] candidateProbabilities(int[] partial, int column, int[] candidates, List<int[]> customerOrders) {
        double[] probability = blended(partial, column, customerOrders);
        int[] known = model.values(column);
        double[] q = new double[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            int p = Arrays.binarySearch(known, candidates[i]);
            q[i] = p >= 0 ? probability[p] : 0;
        }
        return q;
    }

    private Suggestion suggestion(int[] partial, int column, int[] allowed, List<int[]> customerOrders) {
        int[] candidates = allowed != null ? allowed : model.values(column);
        double[] q = candidateProbabilities(partial, column, candidates, customerOrders);
        double sum = Arrays.stream(q).sum();
        List<RankedValue> ranked = new ArrayList<>();
        for (int i = 0; i < candidates.length; i++) {
            double share = sum > 0 ? q[i] / sum : 1.0 / candidates.length;
            ranked.add(new RankedValue(candidates[i], label(column, candidates[i]), share));
        }
        ranked.sort((a, b) -> a.probability() != b.probability() ? Double.compare(b.probability(), a.probability())
                : Integer.compare(a.value(), b.value()));
        return new Suggestion(model.variables().get(column), column, ranked);
    }

    private String label(int column, int value) {
        return labels == null ? Integer.toString(value) : labels.label(column, value);
    }

    private String describe(int[] partial) {
        StringBuilder text = new StringBuilder("{");
        for (int c = 0; c < partial.length; c++) {
            if (partial[c] != ConfigurableProduct.UNSET) {
                text.append(text.length() > 1 ? ", " : "").append(model.variables().get(c)).append('=').append(label(c, partial[c]));
            }
        }
        return text.append('}').toString();
    }

    private void checkPartial(int[] partial) {
        if (partial.length != columns) {
            throw new IllegalArgumentException("configuration has " + partial.length + " entries for " + columns + " variables");
        }
    }

    /**
     * Writes the configurator: its completion model and solution space as parts in their own formats
     * ({@link dev.tailor.io.ModelRegistry#writePart}), its labels and customer prior.
     */
    public void writeTo(DataOutputStream out) throws IOException {
        ModelRegistry.writePart(model, out);
        out.writeBoolean(space != null);
        if (space != null) {
            ModelRegistry.writePart(space, out);
        }
        out.writeBoolean(labels != null);
        if (labels != null) {
            labels.writeTo(out);
        }
        out.writeDouble(customerPrior);
    }

    /**
     * Reads a configurator written by {@link #writeTo}.
     *
     * @throws java.io.IOException if a part is damaged or the parts do not fit together
     */
    public static Configurator readFrom(DataInputStream in) throws IOException {
        Builder builder = builder(ModelRegistry.readPart(in, CompletionModel.class));
        try {
            if (in.readBoolean()) {
                builder.solutionSpace(ModelRegistry.readPart(in, SolutionSpace.class));
            }
            if (in.readBoolean()) {
                builder.labels(ConfigurableProduct.readFrom(in));
            }
            builder.customerPrior(in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new IOException("configurator: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** Builds a {@link Configurator}. */
    public static final class Builder {
        private final CompletionModel model;
        private SolutionSpace space;
        private ConfigurableProduct labels;
        private double customerPrior = 1;

        private Builder(CompletionModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Only values of complete valid configurations are offered.
         *
         * @param space over exactly the model's variables in the same order (see {@link SolutionSpace#project})
         * @throws IllegalArgumentException if the variables differ
         */
        public Builder solutionSpace(SolutionSpace space) {
            if (!space.variables().equals(model.variables())) {
                throw new IllegalArgumentException("the solution space's variables " + space.variables()
                        + " differ from the model's " + model.variables() + "; project the space on the model's variables");
            }
            this.space = space;
            return this;
        }

        /** Names values with this product's labels; its variables must be the model's. */
        public Builder labels(ConfigurableProduct product) {
            if (!product.variables().equals(model.variables())) {
                throw new IllegalArgumentException("the product's variables differ from the model's");
            }
            this.labels = product;
            return this;
        }

        /** How many orders' worth of weight the population keeps against the customer's own orders; default 1. */
        public Builder customerPrior(double orders) {
            if (!(orders > 0)) {
                throw new IllegalArgumentException("customerPrior must be > 0, got " + orders);
            }
            this.customerPrior = orders;
            return this;
        }

        /** The configurator. */
        public Configurator build() {
            return new Configurator(this);
        }
    }
}
