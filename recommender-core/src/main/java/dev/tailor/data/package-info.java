/**
 * What customers did: dense id indexes, the columnar event log, the catalog and configuration records.
 *
 * <p>Data flows one way through Tailor: events ({@code data}) → interaction matrix ({@code matrix}) →
 * recommender ({@code recommend}) → offers. This package is the first stage.
 */
package dev.tailor.data;
