/**
 * The recommender contract and what every engine shares: training data, exclusions, top-N selection,
 * and the baselines every engine must beat ({@link dev.tailor.recommend.MostPopular},
 * {@link dev.tailor.recommend.RandomItems}).
 */
package dev.tailor.recommend;
