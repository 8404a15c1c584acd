package dev.tailor.configure;

import dev.tailor.internal.Parallel;
import dev.tailor.internal.Shuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The interactive-configuration protocol of the configuration recommendation literature (Fargier,
 * Gimenez and Mengin 2016/2020; Brouard, de Givry and Schiex, CP 2020): each test configuration is
 * revealed one variable at a time in a random order; before each reveal, the recommender proposes a
 * value for that variable given the values revealed so far, and succeeds when it proposes the value the
 * customer chose. Rows count by their weight (sales). The reveal order of a row depends only on the seed
 * and the row, so every method sees the same orders.
 *
 * <p>With a solution space, the proposal is the most probable value among those some complete valid
 * configuration has; steps where only one value is left ("forced") are counted separately so results
 * can be given with and without them.
 */
public final class CompletionEvaluation {
    private CompletionEvaluation() {
    }

    /**
     * Success counts of one method, by number of revealed values.
     *
     * @param method the method's name
     * @param constrained whether a solution space filtered the proposals
     * @param trials weight of proposals made with {@code i} values revealed
     * @param successes weight of those that were right
     * @param forced weight of proposals where the space left a single value (always right)
     */
    public record Result(String method, boolean constrained, double[] trials, double[] successes, double[] forced) {
        /** Keeps copies (a result is immutable). */
        public Result {
            trials = trials.clone();
            successes = successes.clone();
            forced = forced.clone();
        }

        /** The trials by number of revealed values (a copy). */
        @Override
        public double[] trials() {
            return trials.clone();
        }

        /** The successes by number of revealed values (a copy). */
        @Override
        public double[] successes() {
            return successes.clone();
        }

        /** The forced proposals by number of revealed values (a copy). */
        @Override
        public double[] forced() {
            return forced.clone();
        }

        /** Success rate over every proposal. */
        public double successRate() {
            return Arrays.stream(successes).sum() / Arrays.stream(trials).sum();
        }

        /** Success rate over the proposals that had a choice (more than one valid value). */
        public double successRateUnforced() {
            double f = Arrays.stream(forced).sum();
            return (Arrays.stream(successes).sum() - f) / (Arrays.stream(trials).sum() - f);
        }

        /** Success rate with {@code revealed} values revealed. */
        public double successRate(int revealed) {
            return successes[revealed] / trials[revealed];
        }

        /** Share of proposals that were forced. */
        public double forcedShare() {
            return Arrays.stream(forced).sum() / Arrays.stream(trials).sum();
        }

        Result plus(Result other) {
            double[] t = trials.clone();
            double[] s = successes.clone();
            double[] f = forced.clone();
            for (int i = 0; i < t.length; i++) {
                t[i] += other.trials[i];
                s[i] += other.successes[i];
                f[i] += other.forced[i];
            }
            return new Result(method, constrained, t, s, f);
        }
    }

    /**
     * Cross-validation: for each fold, trains on the other folds' rows and tests on the fold's.
     *
     * @param folds per row, its fold id (0..)
     * @param space over the history's variables (projected), or null for no constraint filtering
     * @param onlyFolds the folds to test (all when empty)
     */
    public static Result crossValidate(ConfigurationHistory history, int[] folds, CompletionMethod method,
            SolutionSpace space, long seed, int threads, int... onlyFolds) {
        if (folds.length != history.size()) {
            throw new IllegalArgumentException(history.product() + ": " + folds.length + " fold ids for " + history.size() + " rows");
        }
        int foldCount = Arrays.stream(folds).max().orElse(-1) + 1;
        int[] tested = onlyFolds.length > 0 ? onlyFolds : IntStream.range(0, foldCount).toArray();
        Result total = empty(method.name(), space != null, history.variables().size());
        for (int fold : tested) {
            ConfigurationHistory training = history.select(r -> folds[r] != fold);
            ConfigurationHistory test = history.select(r -> folds[r] == fold);
            int[] testRows = IntStream.range(0, history.size()).filter(r -> folds[r] == fold).toArray();
            Configurator configurator = configurator(method.train(training), space);
            List<List<int[]>> noCustomer = Collections.nCopies(test.size(), List.of());
            total = total.plus(reveal(configurator, test, testRows, noCustomer, method.name(), space != null, seed, threads));
        }
        return total;
    }

    /**
     * Seeded folds of rows dealt one by one in a random order: every row is a unit, so when a history
     * repeats a configuration on several rows, its sales can fall in several folds. For such histories use
     * {@link #randomFolds(ConfigurationHistory, int, long)}.
     */
    public static int[] randomFolds(int rows, int k, long seed) {
        int[] order = IntStream.range(0, rows).toArray();
        Shuffle.seeded(order, seed);
        int[] folds = new int[rows];
        for (int i = 0; i < rows; i++) {
            folds[order[i]] = i % k;
        }
        return folds;
    }

    /**
     * Seeded folds by distinct configuration: identical rows (the same configuration sold again, on
     * another row) are grouped, the groups dealt to {@code k} folds in a random order, so every sale of a
     * configuration stays in one fold and no test configuration was seen in training.
     */
    public static int[] randomFolds(ConfigurationHistory history, int k, long seed) {
        Map<List<Integer>, Integer> groupOf = new HashMap<>();
        int[] group = new int[history.size()];
        for (int r = 0; r < history.size(); r++) {
            List<Integer> key = Arrays.stream(history.rowArray()[r]).boxed().toList();
            group[r] = groupOf.computeIfAbsent(key, x -> groupOf.size());
        }
        int[] foldOfGroup = randomFolds(groupOf.size(), k, seed);
        int[] folds = new int[history.size()];
        for (int r = 0; r < folds.length; r++) {
            folds[r] = foldOfGroup[group[r]];
        }
        return folds;
    }

    /** How many distinct configurations a history holds (rows that repeat one count once). */
    public static int distinctConfigurations(ConfigurationHistory history) {
        Set<List<Integer>> distinct = new HashSet<>();
        for (int r = 0; r < history.size(); r++) {
            distinct.add(Arrays.stream(history.rowArray()[r]).boxed().toList());
        }
        return distinct.size();
    }

    /**
     * Next-order prediction for repeat customers of a dated history with customers: each repeat
     * customer's last order is the test, everything else trains the model, and the customer's earlier
     * orders are their history.
     *
     * @param prefillAccuracy share of the test orders' variables that the prefill got right
     * @param prefillExact share of test orders the prefill got entirely right
     * @param reveal the reveal protocol on the test orders
     */
    public record NextOrderResult(double prefillAccuracy, double prefillExact, Result reveal) {
    }

    /**
     * Runs next-order prediction.
     *
     * @param useCustomerHistory whether the configurator sees the customer's earlier orders; without them the
     *     "prefill" is the most probable configuration of the population
     */
    public static NextOrderResult nextOrder(ConfigurationHistory history, CompletionMethod method, SolutionSpace space,
            boolean useCustomerHistory, long seed, int threads) {
        if (history.customerArray() == null || history.timeArray() == null) {
            throw new IllegalArgumentException(history.product() + ": next-order prediction needs customers and times");
        }
        Map<String, List<Integer>> byCustomer = new HashMap<>();
        for (int r = 0; r < history.size(); r++) {
            byCustomer.computeIfAbsent(history.customerArray()[r], c -> new ArrayList<>()).add(r);
        }
        boolean[] isTest = new boolean[history.size()];
        Map<Integer, List<int[]>> earlierOf = new HashMap<>();
        for (List<Integer> rows : byCustomer.values()) {
            if (rows.size() < 2) {
                continue;
            }
            rows.sort((a, b) -> history.timeArray()[a].compareTo(history.timeArray()[b]));
            int last = rows.get(rows.size() - 1);
            isTest[last] = true;
            List<int[]> before = new ArrayList<>();
            for (int i = 0; i < rows.size() - 1; i++) {
                before.add(history.rowArray()[rows.get(i)]);
            }
            earlierOf.put(last, useCustomerHistory ? before : List.of());
        }
        if (earlierOf.isEmpty()) {
            throw new IllegalArgumentException(history.product() + ": no customer has two orders");
        }
        Configurator configurator = configurator(method.train(history.select(r -> !isTest[r])), space);
        // select keeps row order, so the i-th test row is the i-th of the ascending test row ids
        int[] testRows = IntStream.range(0, history.size()).filter(r -> isTest[r]).toArray();
        ConfigurationHistory test = history.select(r -> isTest[r]);
        List<List<int[]>> earlierBySelection = Arrays.stream(testRows).mapToObj(earlierOf::get).toList();
        Result reveal = reveal(configurator, test, testRows, earlierBySelection,
                method.name() + (useCustomerHistory ? " + customer" : ""), space != null, seed, threads);
        int columns = history.variables().size();
        int[] none = new int[columns];
        Arrays.fill(none, ConfigurableProduct.UNSET);
        int[] popular = mostProbable(configurator, none);
        double right = 0;
        double exact = 0;
        for (int i = 0; i < test.size(); i++) {
            List<int[]> own = earlierBySelection.get(i);
            int[] guess = own.isEmpty() ? popular : configurator.prefill(own).orElse(popular);
            int correct = 0;
            for (int c = 0; c < columns; c++) {
                correct += guess[c] == test.rowArray()[i][c] ? 1 : 0;
            }
            right += correct / (double) columns;
            exact += correct == columns ? 1 : 0;
        }
        return new NextOrderResult(right / test.size(), exact / test.size(), reveal);
    }

    /** The configuration built by taking, variable after variable, the most probable valid value. */
    private static int[] mostProbable(Configurator configurator, int[] start) {
        int[] partial = start.clone();
        for (int c = 0; c < partial.length; c++) {
            if (partial[c] == ConfigurableProduct.UNSET) {
                int[][] valid = configurator.validValues(partial);
                partial[c] = configurator.predict(partial, c, valid == null ? null : valid[c], List.of());
            }
        }
        return partial;
    }

    private static Configurator configurator(CompletionModel model, SolutionSpace space) {
        Configurator.Builder builder = Configurator.builder(model);
        if (space != null) {
            builder.solutionSpace(space);
        }
        return builder.build();
    }

    private static Result reveal(Configurator configurator, ConfigurationHistory test, int[] rowIds,
            List<List<int[]>> customerOrders, String method, boolean constrained, long seed, int threads) {
        int columns = test.variables().size();
        // per test row and step: 0 wrong, 1 right, 2 forced (right, single valid value)
        byte[][] outcome = new byte[test.size()][columns];
        Parallel.forEach("reveal " + method, threads, test.size(), i -> {
            int[] truth = test.rowArray()[i];
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + rowIds[i]);
            int[] order = IntStream.range(0, columns).toArray();
            for (int k = columns - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            int[] partial = new int[columns];
            Arrays.fill(partial, ConfigurableProduct.UNSET);
            for (int step = 0; step < columns; step++) {
                int column = order[step];
                int[] allowed = constrained ? configurator.validValues(partial)[column] : null;
                int guess = configurator.predict(partial, column, allowed, customerOrders.get(i));
                outcome[i][step] = (byte) (guess != truth[column] ? 0 : allowed != null && allowed.length == 1 ? 2 : 1);
                partial[column] = truth[column];
            }
        });
        double[] trials = new double[columns];
        double[] successes = new double[columns];
        double[] forced = new double[columns];
        for (int i = 0; i < test.size(); i++) {
            double w = test.weight(i);
            for (int step = 0; step < columns; step++) {
                trials[step] += w;
                successes[step] += outcome[i][step] > 0 ? w : 0;
                forced[step] += outcome[i][step] == 2 ? w : 0;
            }
        }
        return new Result(method, constrained, trials, successes, forced);
    }

    private static Result empty(String method, boolean constrained, int columns) {
        return new Result(method, constrained, new double[columns], new double[columns], new double[columns]);
    }
}
