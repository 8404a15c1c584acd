/**
 * Apache Mahout Taste interoperability, a migration path for services that run Taste today:
 * {@link dev.tailor.mahout.TailorAsTaste} serves a Tailor model behind Taste's {@code Recommender};
 * {@link dev.tailor.mahout.TasteDataModels} turns a Taste {@code DataModel} (including its JDBC models)
 * into a Tailor event log; {@link dev.tailor.mahout.TasteTrainer} runs Taste's own recommenders through
 * Tailor's evaluator on the same split.
 */
package dev.tailor.mahout;
