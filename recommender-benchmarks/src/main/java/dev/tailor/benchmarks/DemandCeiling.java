package dev.tailor.benchmarks;

import dev.tailor.data.EventLog;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Splitter;
import dev.tailor.ingest.ParseMode;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.kit.TopN;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How much a perfect forecast of a week's demand could add to a shared weekly list on RentTheRunway, under the
 * rolling protocol of {@link RollingOffers}. The "best shared list of each week, in hindsight" ranks the items by the
 * week's own rentals and judges each customer on it — her own rentals of the week are in the counts that place
 * them, so it measures how well a list fits the cases it was made from, not what knowing the week's demand is
 * worth. Here each customer is judged on the week's rentals by <em>everyone else</em> (the week's demand with her
 * own left out): what an oracle of the week's item demand, estimated from the other customers, offers her. Beside
 * it, popular-90d with that oracle's counts added at a weight chosen on the 13 validation weeks.
 *
 * <p>Run: {@code java -Xmx8g -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.DemandCeiling}
 * (about two minutes).
 */
public final class DemandCeiling {
    private static final Instant TEST_START = Instant.parse("2017-07-01T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final int VALIDATION_WEEKS = 13;
    private static final long POPULARITY_WINDOW = Duration.ofDays(90).getSeconds();
    /** Breaks the oracle's many ties (most items have no rental in a week) by recent popularity. */
    private static final double TIE_BREAK = 1e-3;

    private DemandCeiling() {
    }

    public static void main(String[] args) {
        EventLog log = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), ParseMode.STRICT).dataset().events();
        Evaluator evaluator = Evaluator.builder().k(10).build();
        List<Splitter.Rolling.Step> validation = Splitter.rolling(TEST_START.minus(WEEK.multipliedBy(VALIDATION_WEEKS)), WEEK)
                .until(TEST_START).split(log);
        List<Splitter.Rolling.Step> test = Splitter.rolling(TEST_START, WEEK).split(log);

        double[] oracleWeights = {0.3, 1, 3, 10, 30};
        double chosenWeight = 0;
        double best = evaluate(evaluator, validation, "popular-90d", 1, 0, false).ndcg();
        System.out.printf(Locale.ROOT, "validation: popular-90d %.5f%n", best);
        for (double weight : oracleWeights) {
            double score = evaluate(evaluator, validation, "mix", 1, weight, false).ndcg();
            System.out.printf(Locale.ROOT, "validation: popular-90d + %.1f × the week's rentals by the others %.5f%n", weight, score);
            if (score > best + 1e-5) {
                best = score;
                chosenWeight = weight;
            }
        }
        for (List<Splitter.Rolling.Step> steps : List.of(validation, test)) {
            List<EvaluationResult.Rolling> results = new ArrayList<>();
            results.add(evaluate(evaluator, steps, "popular-90d", 1, 0, false));
            results.add(evaluate(evaluator, steps, "the week's rentals, her own included (hindsight)", TIE_BREAK, 1, true));
            results.add(evaluate(evaluator, steps, "the week's rentals by the other customers (an oracle of demand)", TIE_BREAK, 1, false));
            results.add(evaluate(evaluator, steps, String.format(Locale.ROOT,
                    "popular-90d + %.1f × the week's rentals by the others (weight chosen on validation)", chosenWeight),
                    1, chosenWeight, false));
            System.out.println();
            System.out.println(steps == validation ? "validation weeks" : "test weeks");
            System.out.print(EvaluationResult.Rolling.table(results));
        }
    }

    /**
     * A shared list scored {@code popularWeight × takes in the 90 days before the step + weekWeight × the step's own
     * rentals}, the latter without the judged customer's unless {@code ownIncluded}.
     */
    private static EvaluationResult.Rolling evaluate(Evaluator evaluator, List<Splitter.Rolling.Step> steps, String name,
            double popularWeight, double weekWeight, boolean ownIncluded) {
        return evaluator.evaluateRolling(name, "rebuilt at every step", steps, WeightingPolicy.defaults(), (step, data) -> {
            EventLog train = step.split().train();
            InteractionMatrix matrix = data.matrix();
            int items = matrix.itemCount();
            long start = step.start().getEpochSecond();
            boolean[] listed = new boolean[items];
            double[] recent = new double[items];
            for (int e = 0; e < train.size(); e++) {
                int item = train.item(e);
                listed[item] = true;
                if (train.epochSecond(e) >= start - POPULARITY_WINDOW) {
                    recent[item]++;
                }
            }
            int[][] weekItems = weekItemsByCustomer(step.split().test(), matrix);
            double[] week = new double[items];
            for (int[] taken : weekItems) {
                if (taken != null) {
                    for (int item : taken) {
                        week[item]++;
                    }
                }
            }
            return (customer, n) -> {
                int[] own = ownIncluded || customer >= weekItems.length || weekItems[customer] == null ? new int[0] : weekItems[customer];
                int[] had = matrix.itemsOf(customer);
                TopN top = new TopN(n);
                for (int item = 0; item < items; item++) {
                    if (!listed[item] || Arrays.binarySearch(had, item) >= 0) {
                        continue;
                    }
                    double demand = week[item] - (Arrays.binarySearch(own, item) >= 0 ? 1 : 0);
                    top.offer(item, (float) (popularWeight * recent[item] + weekWeight * demand));
                }
                return top.drain(customer).items();
            };
        });
    }

    /**
     * Each judged customer's rentals of the step (ascending), as the evaluator counts them: items new to a customer who
     * has a training entry; null for everyone else.
     */
    private static int[][] weekItemsByCustomer(EventLog week, InteractionMatrix train) {
        InteractionMatrix weekMatrix = InteractionMatrix.build(week, train.policy());
        int customers = Math.min(weekMatrix.customerCount(), train.customerCount());
        int[][] taken = new int[customers][];
        for (int c = 0; c < customers; c++) {
            int[] had = train.itemsOf(c);
            int[] fresh = had.length == 0 ? new int[0] : Arrays.stream(weekMatrix.itemsOf(c))
                    .filter(item -> item < train.itemCount() && Arrays.binarySearch(had, item) < 0).toArray();
            taken[c] = fresh.length == 0 ? null : fresh;
        }
        return taken;
    }
}
