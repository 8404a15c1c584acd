package dev.tailor.benchmarks;

import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.movielens.MovieLens100k;
import dev.tailor.eval.EvaluationResult;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Split;
import dev.tailor.eval.Splitter;
import dev.tailor.ingest.ParseMode;
import dev.tailor.mahout.TasteTrainer;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.als.AlsSolver;
import dev.tailor.recommend.als.ImplicitAls;
import dev.tailor.recommend.ease.Ease;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.Rp3Beta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every Tailor engine with its defaults and Taste's recommenders, through Tailor's evaluator on MovieLens
 * 100K, under a global temporal 80/20 cut and a seeded per-customer random 75/25 holdout; prints Markdown
 * tables for RESULTS.md. Taste's ALS-WR runs at rank 64, 10 iterations, two threads, both tuned
 * (λ = 10, α = 1) and with its defaults (λ = 0.065, α = 40).
 *
 * <p>Run: {@code java -cp recommender-benchmarks/target/benchmarks.jar dev.tailor.benchmarks.MovieLensComparison [seed [taste|tailor]]}
 * (with {@code taste} or {@code tailor}, only that library's rows).
 */
public final class MovieLensComparison {
    private MovieLensComparison() {
    }

    /** Runs the comparison; the optional argument is the random holdout's seed (default 42). */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        String only = args.length > 1 ? args[1] : "";
        var events = MovieLens100k.read(DatasetPaths.require(MovieLens100k.NAME), "u.data", ParseMode.STRICT).events();
        List<Split> splits = List.of(Splitter.temporal(0.8).split(events), Splitter.randomHoldout(0.25, seed).split(events));
        Evaluator evaluator = Evaluator.builder().k(10).build();
        for (Split split : splits) {
            List<RecommenderTrainer> trainers = new ArrayList<>(List.of(
                    MostPopular.overall(),
                    ItemKnn.builder().similarity(ItemKnn.Similarity.COSINE).build(),
                    ItemKnn.builder().similarity(ItemKnn.Similarity.JACCARD).build(),
                    ItemKnn.builder().similarity(ItemKnn.Similarity.LOG_LIKELIHOOD).build(),
                    ItemKnn.builder().similarity(ItemKnn.Similarity.ASYMMETRIC_COSINE).alpha(0.7).build(),
                    Rp3Beta.builder().build(),
                    ImplicitAls.builder().build(),
                    ImplicitAls.builder().solver(AlsSolver.CHOLESKY).build(),
                    Ease.builder().build(),
                    TasteTrainer.itemBasedLogLikelihood(),
                    TasteTrainer.itemBasedTanimoto(),
                    TasteTrainer.booleanItemBasedLogLikelihood(),
                    TasteTrainer.alsWr(64, 10, 1, 10, 2),
                    TasteTrainer.alsWr(64, 0.065, 40, 10, 2)));
            if (!only.isEmpty()) {
                trainers.removeIf(t -> t.name().startsWith("taste") != only.equals("taste"));
            }
            List<EvaluationResult> results = new ArrayList<>();
            for (RecommenderTrainer trainer : trainers) {
                results.add(evaluator.evaluate(trainer, split, WeightingPolicy.defaults()));
                System.err.println("done: " + trainer.name());
            }
            System.out.println("### " + split.description());
            System.out.println();
            System.out.println("| algorithm | P@10 | R@10 | nDCG@10 | MAP@10 | HR@10 | coverage | train s | µs/customer |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (EvaluationResult r : results) {
                System.out.println(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.2f | %.0f |",
                        r.algorithm(), r.precision(), r.recall(), r.ndcg(), r.map(), r.hitRate(), r.coverage(),
                        r.trainSeconds(), r.microsPerCustomer()));
            }
            System.out.println();
        }
    }
}
