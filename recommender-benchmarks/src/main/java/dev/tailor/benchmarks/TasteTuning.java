package dev.tailor.benchmarks;

import dev.tailor.data.EventLog;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.movielens.MovieLens100k;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Split;
import dev.tailor.eval.Splitter;
import dev.tailor.eval.Tuning;
import dev.tailor.ingest.ParseMode;
import dev.tailor.mahout.TasteTrainer;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.als.ImplicitAls;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Taste's ALS-WR tuned as hard as Tailor's ALS (a grid over rank, λ and α, chosen on a validation split
 * carved from the training part, then scored once on the test part), on two random 75/25 holdouts of
 * MovieLens 100K: Tailor's seeded per-customer holdout, and the peers' own split (each user's ratings in
 * file order, shuffled with {@code new Random(42 + userId)}, the first ceil(0.75 n) for training). Tailor's
 * ALS (defaults) and item-kNN run on the same splits.
 *
 * <p>Run: {@code java -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.TasteTuning}.
 */
public final class TasteTuning {
    private TasteTuning() {
    }

    /** The peers' split: per user, file order shuffled with {@code Random(42 + userId)}, first ceil(0.75 n) train. */
    static Split peersSplit(EventLog log) {
        Map<Integer, List<Integer>> rowsOfUser = new LinkedHashMap<>();
        for (int e = 0; e < log.size(); e++) {
            rowsOfUser.computeIfAbsent(log.customer(e), c -> new ArrayList<>()).add(e);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> user : rowsOfUser.entrySet()) {
            List<Integer> rows = new ArrayList<>(user.getValue());
            long userId = Long.parseLong(log.customers().externalId(user.getKey()));
            Collections.shuffle(rows, new Random(42 + userId));
            int cut = (int) Math.ceil(0.75 * rows.size());
            train.addAll(rows.subList(0, cut));
            test.addAll(rows.subList(cut, rows.size()));
        }
        return new Split(log.select(train.stream().mapToInt(Integer::intValue).toArray()),
                log.select(test.stream().mapToInt(Integer::intValue).toArray()),
                "peers' per-user random 75/25 (Random(42 + userId) over each user's rows in file order)");
    }

    /** Runs the search and prints Markdown. */
    public static void main(String[] args) {
        EventLog events = MovieLens100k.read(DatasetPaths.require(MovieLens100k.NAME), "u.data", ParseMode.STRICT).events();
        Evaluator evaluator = Evaluator.builder().k(10).build();
        List<RecommenderTrainer> grid = new ArrayList<>();
        for (int rank : new int[] {32, 64}) {
            for (double lambda : new double[] {10, 20, 40}) {
                for (double alpha : new double[] {1, 4}) {
                    grid.add(TasteTrainer.alsWr(rank, lambda, alpha, 10, 2));
                }
            }
        }
        for (Split split : List.of(Splitter.randomHoldout(0.25, 42).split(events), peersSplit(events))) {
            Tuning.Outcome taste = Tuning.search(grid, split, List.of(Splitter.randomHoldout(0.25, 43)), evaluator,
                    WeightingPolicy.defaults());
            List<EvaluationResult> rows = new ArrayList<>();
            rows.add(evaluator.evaluate(ImplicitAls.builder().build(), split, WeightingPolicy.defaults()));
            rows.add(evaluator.evaluate(ItemKnn.builder().build(), split, WeightingPolicy.defaults()));
            rows.add(taste.test());
            System.out.println("### " + split.description());
            System.out.println();
            System.out.println("Validation (a 75/25 holdout of the training part), Taste ALS-WR grid:");
            System.out.println();
            print(taste.validation());
            System.out.println("Test part: Tailor ALS and item-kNN with their defaults, Taste with the grid's best ("
                    + taste.best().name() + "):");
            System.out.println();
            print(rows);
        }
    }

    private static void print(List<EvaluationResult> results) {
        System.out.println("| algorithm | P@10 | R@10 | nDCG@10 | MAP@10 | HR@10 | train s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (EvaluationResult r : results) {
            System.out.println(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.1f |", r.algorithm(),
                    r.precision(), r.recall(), r.ndcg(), r.map(), r.hitRate(), r.trainSeconds()));
        }
        System.out.println();
    }
}
