/**
 * Fit and size: how each size of each item fits each customer, learned from fit feedback (small / fits /
 * large on a rented or bought size), and the size to recommend.
 *
 * <p>{@link dev.tailor.fit.FitData} selects the events that carry a size and fit feedback (with the
 * catalog's categories, the occasion of each event and customers' body profiles when known);
 * {@link dev.tailor.fit.SizeFit} trains a {@link dev.tailor.fit.FitModel}, which gives, for any customer,
 * item and size, the probabilities of {@link dev.tailor.fit.FitProbabilities small, fits and large}, and
 * {@link dev.tailor.fit.SizeAdvice advice} over an item's sizes. {@link dev.tailor.fit.FitEvaluation}
 * measures fit prediction (per-class and average AUC, accuracy, macro-F1) and size advice against
 * baselines.
 *
 * <p>Data flows one way: {@code data} → {@code fit} → offers. Models are immutable and safe to call from
 * many threads.
 */
package dev.tailor.fit;
