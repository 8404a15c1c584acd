/**
 * Readers for the public datasets Tailor is measured on, JSON Lines ingestion, and a seeded generator
 * of a realistic shop. Where the datasets live: {@link dev.tailor.datasets.DatasetPaths}.
 */
package dev.tailor.datasets;
