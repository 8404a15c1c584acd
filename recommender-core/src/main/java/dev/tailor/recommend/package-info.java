/**
 * The recommender contract and what every engine shares: training data, exclusions, top-N selection,
 * and the baselines every engine must beat ({@link dev.tailor.recommend.popular.MostPopular},
 * {@link dev.tailor.recommend.popular.RandomItems}).
 */
package dev.tailor.recommend;
