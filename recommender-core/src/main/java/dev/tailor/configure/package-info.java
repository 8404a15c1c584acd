/**
 * Configuration histories: configurable products and their valid configurations
 * ({@link dev.tailor.configure.ConfigurableProduct}, {@link dev.tailor.configure.SolutionSpace}), value
 * probabilities learned from sales ({@link dev.tailor.configure.CompletionMethod} and its four
 * implementations), completion and repeat-order prefill ({@link dev.tailor.configure.Configurator}),
 * what sells and what rises ({@link dev.tailor.configure.FrequentCombinations}), and the evaluation
 * protocols ({@link dev.tailor.configure.CompletionEvaluation}).
 */
package dev.tailor.configure;
