/**
 * A seeded generator of a realistic shop that rents, sells and makes to measure, with its ground truth
 * exposed so that tests can check that models recover it.
 */
package dev.tailor.datasets.generator;
