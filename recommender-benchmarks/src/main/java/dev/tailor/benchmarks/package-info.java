/**
 * JMH benchmarks. Each measures Tailor against a baseline in the same run (a peer library or a plain
 * memory or I/O scan), so results are ratios that survive a noisy two-core machine. How to run them and
 * the recorded results: {@code recommender-benchmarks/RESULTS.md}.
 */
package dev.tailor.benchmarks;
