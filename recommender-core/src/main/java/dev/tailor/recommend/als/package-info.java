/**
 * Matrix factorization for implicit feedback: {@link dev.tailor.recommend.als.ImplicitAls} trains,
 * {@link dev.tailor.recommend.als.FactorModel} serves (float factors, one-pass top-N, batch scoring,
 * fold-in of new customers).
 */
package dev.tailor.recommend.als;
