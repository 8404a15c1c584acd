/**
 * Offline evaluation: splitting an event log into training and test parts, ranking metrics at k, and
 * an evaluator that runs any {@link dev.tailor.recommend.RecommenderTrainer} over a split.
 */
package dev.tailor.eval;
