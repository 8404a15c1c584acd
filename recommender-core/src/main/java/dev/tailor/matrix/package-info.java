/**
 * Interaction matrices: the customer × item evidence that recommenders learn from, built from an event
 * log by a {@link dev.tailor.matrix.WeightingPolicy}, stored as compressed sparse rows (CSR) with the
 * transpose alongside.
 */
package dev.tailor.matrix;
