package dev.tailor.eval;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.progress.ProgressListener;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.Recommender;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.TrainingData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an engine on a split's training part and measures its top-k lists against the test part.
 *
 * <p>Protocol:
 * <ul>
 *   <li>A customer's relevant items are the distinct items of their test events of a relevant kind (by
 *       default RENT, WEAR, PURCHASE and RATING) with a rating of at least {@code minRating} when one is
 *       set, minus the items they already have in the training matrix (those are excluded from every
 *       list, so counting them would make a perfect score impossible).</li>
 *   <li>Evaluated customers: those with at least one relevant item and, unless cold-start customers
 *       are included, at least one training entry.</li>
 *   <li>Each evaluated customer gets {@code recommend(customer, k)} with their training items excluded;
 *       the {@link Metrics} are averaged over customers; coverage counts distinct recommended items
 *       over all items in the index.</li>
 * </ul>
 * Customers are evaluated in parallel; per-customer values are summed in customer order, so the
 * results do not depend on the number of threads.
 *
 * <p>Thread-safety: immutable.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final int k;
    private final Workers workers;
    private final Set<EventKind> relevantKinds;
    private final double minRating;
    private final boolean includeColdStart;
    private final ProgressListener progress;

    private Evaluator(Builder b) {
        this.k = b.k;
        this.workers = b.workers();
        this.relevantKinds = Set.copyOf(b.relevantKinds);
        this.minRating = b.minRating;
        this.includeColdStart = b.includeColdStart;
        this.progress = b.progress();
    }

    /** A builder: k = 10, all cores, relevant kinds RENT, WEAR, PURCHASE, RATING, no minimum rating. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cut-off. */
    public int k() {
        return k;
    }

    /** Builds the training matrix with {@code policy}, trains, and evaluates. */
    public EvaluationResult evaluate(RecommenderTrainer trainer, Split split, WeightingPolicy policy) {
        TrainingData data = TrainingData.of(split.train(), policy);
        long start = System.nanoTime();
        Recommender model = trainer.train(data);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        LOG.info("trained {} in {} s", trainer.name(), String.format(Locale.ROOT, "%.2f", trainSeconds));
        return evaluate(trainer.name(), model, data.matrix(), split, trainSeconds);
    }

    /**
     * Evaluates a trained model.
     *
     * @param train the matrix the model was trained on (its rows are the exclusions and tell who is cold)
     * @param trainSeconds reported as is (NaN when unknown)
     */
    public EvaluationResult evaluate(String algorithm, Recommender model, InteractionMatrix train, Split split,
            double trainSeconds) {
        int[][] relevant = relevantItems(split.test(), train);
        int[] customers = IntStream.range(0, relevant.length).filter(c -> relevant[c] != null).toArray();
        int n = customers.length;
        double[][] perCustomer = new double[n][];
        int[][] lists = new int[n][];
        long[] nanos = new long[n];
        progress.start("evaluating " + algorithm + " on " + n + " customers", n);
        try {
            workers.forEach("evaluation of " + algorithm, n, i -> {
                int c = customers[i];
                long t0 = System.nanoTime();
                RecommendationList list = model.recommend(c, k, Exclusions.owned());
                nanos[i] = System.nanoTime() - t0;
                lists[i] = list.items();
                Metrics.AtK m = Metrics.atK(list.items(), relevant[c], k);
                perCustomer[i] = new double[] {m.precision(), m.recall(), m.ndcg(), m.averagePrecision(), m.hit(),
                        m.reciprocalRank()};
                progress.advance(1);
            });
        } finally {
            progress.finish();
        }
        double[] sums = new double[6];
        long totalNanos = 0;
        BitSet recommended = new BitSet(train.itemCount());
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < sums.length; m++) {
                sums[m] += perCustomer[i][m];
            }
            totalNanos += nanos[i];
            for (int item : lists[i]) {
                recommended.set(item);
            }
        }
        double denominator = Math.max(1, n);
        int catalog = Math.max(1, train.items().size());
        return new EvaluationResult(algorithm, split.description(), k, n, sums[0] / denominator, sums[1] / denominator,
                sums[2] / denominator, sums[3] / denominator, sums[4] / denominator, sums[5] / denominator,
                recommended.cardinality() / (double) catalog, trainSeconds, totalNanos / 1e3 / denominator);
    }

    /**
     * Lists as a shop serves them, rebuilt at every rolling step: the engine is retrained on each step's training
     * part (everything before the step) and judged on the step, with the protocol of
     * {@link #evaluateRolling(String, String, List, WeightingPolicy, StepLists)}.
     */
    public EvaluationResult.Rolling evaluateRolling(RecommenderTrainer trainer, List<Splitter.Rolling.Step> steps, WeightingPolicy policy) {
        return evaluateRolling(trainer, steps, policy, Updates.RETRAIN);
    }

    /**
     * How a model follows rolling steps: retrained on everything before each step, or trained once before the
     * first step and then fed each customer's events since, the way a running service records them
     * ({@link Recommender#historyWith}: her list reflects her new events, the item model stays as trained).
     */
    public enum Updates {
        /** Trained again before every step. */
        RETRAIN("retrained at every step"),
        /** Trained before the first step; each customer's later events are recorded into her history. */
        RECORD("trained before the first step, customers' later events recorded");

        private final String description;

        Updates(String description) {
            this.description = description;
        }

        /** How the table names it. */
        public String description() {
            return description;
        }
    }

    /**
     * As {@link #evaluateRolling(RecommenderTrainer, List, WeightingPolicy)}, with the model following the steps as
     * {@code updates} says.
     */
    public EvaluationResult.Rolling evaluateRolling(RecommenderTrainer trainer, List<Splitter.Rolling.Step> steps,
            WeightingPolicy policy, Updates updates) {
        if (updates == Updates.RETRAIN) {
            return evaluateRolling(trainer.name(), updates.description(), steps, policy, (step, data) -> {
                Recommender model = trainer.train(data);
                return (customer, n) -> model.recommend(customer, n, Exclusions.owned()).items();
            });
        }
        Recommender[] first = new Recommender[1];
        Instant firstStart = steps.isEmpty() ? Instant.EPOCH : steps.get(0).start();
        return evaluateRolling(trainer.name(), updates.description(), steps, policy, (step, data) -> {
            if (first[0] == null) {
                first[0] = trainer.train(data);
            }
            Recommender model = first[0];
            Map<Integer, List<Event>> since = step.trainingEventsFrom(firstStart);
            return (customer, n) -> {
                List<Event> recorded = since.get(customer);
                if (recorded == null) {
                    return model.recommend(customer, n, Exclusions.owned()).items();
                }
                return model.recommend(model.historyWith(customer, recorded), n, Exclusions.owned()).items();
            };
        });
    }

    /**
     * Rolling evaluation of any list-maker. At each step: the training part is weighted with {@code policy} into a
     * matrix, whose rows say what each customer has (excluded from relevance, as in the static protocol) and who is
     * known; {@code lists} prepares the step's lists (retrained, or a live model brought up to the step's start);
     * every customer with a relevant item in the step (and, unless cold-start customers are included, a training
     * entry) is a case, judged on the list as of the step's start. Metrics average over cases; the nDCG's standard
     * error is clustered by customer. Cases are evaluated in parallel and summed in (step, customer) order, so the
     * result does not depend on the number of threads.
     *
     * @param name the name of the lists in the table
     * @param updates how the models follow the steps, for the table (e.g. {@code "retrained at every step"})
     * @throws IllegalArgumentException if there is no step, or a step's training part is empty
     */
    public EvaluationResult.Rolling evaluateRolling(String name, String updates, List<Splitter.Rolling.Step> steps, WeightingPolicy policy,
            StepLists lists) {
        Objects.requireNonNull(lists, "lists");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no rolling step to evaluate");
        }
        int stepCount = steps.size();
        List<double[]> stepValues = new ArrayList<>();
        List<int[]> stepCustomers = new ArrayList<>();
        double precision = 0;
        double recall = 0;
        double hits = 0;
        BitSet recommended = new BitSet();
        int itemCount = 0;
        progress.start("evaluating " + name + " over " + stepCount + " rolling steps", stepCount);
        try {
            for (Splitter.Rolling.Step step : steps) {
                EventLog train = step.split().train();
                if (train.size() == 0) {
                    throw new IllegalArgumentException("rolling step " + (step.index() + 1) + " (from " + step.start()
                            + ") has no events before it to learn from: start the steps after the log's first event");
                }
                TrainingData data = TrainingData.of(train, policy);
                itemCount = Math.max(itemCount, data.matrix().itemCount());
                int[][] relevant = relevantItems(step.split().test(), data.matrix());
                int[] customers = IntStream.range(0, relevant.length).filter(c -> relevant[c] != null).toArray();
                int n = customers.length;
                double[][] perCase = new double[n][];
                int[][] shown = new int[n][];
                if (n > 0) {
                    Lists stepLists = Objects.requireNonNull(lists.prepare(step, data), "lists of step " + step.index());
                    workers.forEach("rolling evaluation of " + name, n, i -> {
                        int c = customers[i];
                        int[] top = stepLists.top(c, k);
                        shown[i] = top.length > k ? Arrays.copyOf(top, k) : top;
                        Metrics.AtK m = Metrics.atK(shown[i], relevant[c], k);
                        perCase[i] = new double[] {m.precision(), m.recall(), m.ndcg(), m.hit()};
                    });
                }
                double[] ndcg = new double[n];
                double stepSum = 0;
                for (int i = 0; i < n; i++) {
                    precision += perCase[i][0];
                    recall += perCase[i][1];
                    ndcg[i] = perCase[i][2];
                    stepSum += ndcg[i];
                    hits += perCase[i][3];
                    for (int item : shown[i]) {
                        recommended.set(item);
                    }
                }
                stepValues.add(ndcg);
                stepCustomers.add(customers);
                LOG.info("{}: step {} from {}: {} cases, nDCG@{} {}", name, stepValues.size(), step.start(), n, k,
                        n == 0 ? "-" : String.format(Locale.ROOT, "%.4f", stepSum / n));
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
        int cases = stepValues.stream().mapToInt(v -> v.length).sum();
        int[] caseStep = new int[cases];
        int[] caseCustomer = new int[cases];
        double[] caseNdcg = new double[cases];
        int at = 0;
        for (int s = 0; s < stepCount; s++) {
            for (int i = 0; i < stepValues.get(s).length; i++) {
                caseStep[at] = s;
                caseCustomer[at] = stepCustomers.get(s)[i];
                caseNdcg[at++] = stepValues.get(s)[i];
            }
        }
        double denominator = Math.max(1, cases);
        Splitter.Rolling.Step first = steps.get(0);
        String protocol = "rolling " + Splitter.Rolling.describe(Duration.between(first.start(), first.end())) + " steps from " + first.start()
                + " to " + steps.get(stepCount - 1).end() + ", models " + updates;
        return new EvaluationResult.Rolling(name, protocol, k, stepCount, precision / denominator, recall / denominator,
                hits / denominator, recommended.cardinality() / (double) Math.max(1, itemCount),
                caseStep, caseCustomer, caseNdcg);
    }

    /** Prepares the lists of one rolling step. */
    @FunctionalInterface
    public interface StepLists {
        /**
         * The lists as of the step's start: trained on (or brought up to) the step's training part.
         *
         * @param data the step's training part, weighted into the matrix the evaluation uses for exclusions
         */
        Lists prepare(Splitter.Rolling.Step step, TrainingData data);
    }

    /** One step's lists. Called from several threads at once. */
    @FunctionalInterface
    public interface Lists {
        /** Up to n dense item ids, best first, without the customer's training items. */
        int[] top(int customer, int n);
    }

    /** Relevant items per customer (ascending), or null for a customer who is not evaluated. */
    private int[][] relevantItems(EventLog test, InteractionMatrix train) {
        int customers = test.customers().size();
        long[] pairs = new long[test.size()];
        int count = 0;
        for (int e = 0; e < test.size(); e++) {
            if (!relevantKinds.contains(test.kind(e))) {
                continue;
            }
            if (!Double.isNaN(minRating) && !(test.rating(e) >= minRating)) {
                continue;
            }
            pairs[count++] = ((long) test.customer(e) << 32) | test.item(e);
        }
        Arrays.sort(pairs, 0, count);
        int[][] relevant = new int[customers][];
        int i = 0;
        while (i < count) {
            int c = (int) (pairs[i] >>> 32);
            int j = i;
            while (j < count && (int) (pairs[j] >>> 32) == c) {
                j++;
            }
            boolean known = c < train.customerCount() && train.byCustomer().rowLength(c) > 0;
            if (known || includeColdStart) {
                int[] items = new int[j - i];
                int m = 0;
                for (int p = i; p < j; p++) {
                    int item = (int) pairs[p];
                    boolean duplicate = m > 0 && items[m - 1] == item;
                    boolean owned = known && train.byCustomer().contains(c, item);
                    if (!duplicate && !owned) {
                        items[m++] = item;
                    }
                }
                if (m > 0) {
                    relevant[c] = Arrays.copyOf(items, m);
                }
            }
            i = j;
        }
        return relevant;
    }

    /**
     * Builds an evaluator; every setting is validated when set. Customers are evaluated on the threads of its
     * {@link Workers.Settings}, and progress is reported over customers.
     */
    public static final class Builder extends Workers.Settings<Builder> {
        private int k = 10;
        private Set<EventKind> relevantKinds = EnumSet.of(EventKind.RENT, EventKind.WEAR, EventKind.PURCHASE,
                EventKind.RATING);
        private double minRating = Double.NaN;
        private boolean includeColdStart;

        private Builder() {
        }

        /** The cut-off k. @throws IllegalArgumentException if k &lt; 1 */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, was " + k);
            }
            this.k = k;
            return this;
        }

        /** Which test event kinds make an item relevant. @throws IllegalArgumentException if empty */
        public Builder relevantKinds(Set<EventKind> kinds) {
            Objects.requireNonNull(kinds, "kinds");
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("relevantKinds must not be empty");
            }
            this.relevantKinds = EnumSet.copyOf(kinds);
            return this;
        }

        /** Only test events rated at least this count (events without a rating then never count). */
        public Builder minRating(double minRating) {
            if (!Double.isFinite(minRating)) {
                throw new IllegalArgumentException("minRating must be finite, was " + minRating);
            }
            this.minRating = minRating;
            return this;
        }

        /** Whether customers with no training entries are evaluated too (default false). */
        public Builder includeColdStart(boolean include) {
            this.includeColdStart = include;
            return this;
        }

        /** Builds the evaluator. */
        public Evaluator build() {
            return new Evaluator(this);
        }
    }
}
