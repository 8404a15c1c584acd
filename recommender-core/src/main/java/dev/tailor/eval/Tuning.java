package dev.tailor.eval;

import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommenderTrainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Hyperparameter search: every candidate trainer is trained on validation splits carved out of the
 * training part, the best by mean nDCG@k is retrained on the whole training part and measured once on the
 * test part. The test part is never seen while choosing.
 *
 * <p>Thread-safety: stateless.
 */
public final class Tuning {
    private Tuning() {
    }

    /**
     * The outcome of a search.
     *
     * @param validation every candidate's result on the validation split, best nDCG first
     * @param best the chosen trainer
     * @param test the chosen trainer's result on the real test part
     */
    public record Outcome(List<EvaluationResult> validation, RecommenderTrainer best, EvaluationResult test) {
    }

    /**
     * Runs the search.
     *
     * @param candidates the trainers to compare (e.g. a grid of settings)
     * @param outer the split whose test part judges the chosen trainer once
     * @param validationSplitters splitters applied to the outer training part; a candidate's validation
     *     score is its mean over them (several seeded splits make the choice less noisy)
     * @throws IllegalArgumentException if there are no candidates or no validation splitters
     */
    public static Outcome search(List<RecommenderTrainer> candidates, Split outer, List<Splitter> validationSplitters,
            Evaluator evaluator, WeightingPolicy policy) {
        Objects.requireNonNull(outer, "outer");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates to tune");
        }
        if (validationSplitters.isEmpty()) {
            throw new IllegalArgumentException("at least one validation splitter is needed");
        }
        List<Split> validations = new ArrayList<>();
        for (Splitter splitter : validationSplitters) {
            Split inner = splitter.split(outer.train());
            validations.add(new Split(inner.train(), inner.test(), "validation: " + inner.description()));
        }
        List<EvaluationResult> results = new ArrayList<>();
        int best = 0;
        for (int c = 0; c < candidates.size(); c++) {
            List<EvaluationResult> folds = new ArrayList<>();
            for (Split validation : validations) {
                folds.add(evaluator.evaluate(candidates.get(c), validation, policy));
            }
            results.add(mean(folds, validations.size()));
            if (results.get(c).ndcg() > results.get(best).ndcg()) {
                best = c;
            }
        }
        RecommenderTrainer chosen = candidates.get(best);
        List<EvaluationResult> ranked = new ArrayList<>(results);
        ranked.sort(Comparator.comparingDouble(EvaluationResult::ndcg).reversed());
        return new Outcome(ranked, chosen, evaluator.evaluate(chosen, outer, policy));
    }

    private static EvaluationResult mean(List<EvaluationResult> folds, int count) {
        EvaluationResult first = folds.get(0);
        double p = 0, r = 0, n = 0, m = 0, h = 0, rr = 0, cov = 0, train = 0, micros = 0;
        int customers = 0;
        for (EvaluationResult f : folds) {
            p += f.precision();
            r += f.recall();
            n += f.ndcg();
            m += f.map();
            h += f.hitRate();
            rr += f.mrr();
            cov += f.coverage();
            train += f.trainSeconds();
            micros += f.microsPerCustomer();
            customers += f.customers();
        }
        String split = count == 1 ? first.split() : "mean of " + count + " validation splits, first " + first.split();
        return new EvaluationResult(first.algorithm(), split, first.k(), customers / count, p / count, r / count,
                n / count, m / count, h / count, rr / count, cov / count, train / count, micros / count);
    }
}
