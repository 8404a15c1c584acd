/** EASE^R, the closed-form linear item-item model: {@link dev.tailor.recommend.ease.Ease}. */
package dev.tailor.recommend.ease;
