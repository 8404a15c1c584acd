/**
 * Configurable products: attributes with finite domains and the table constraints that say which
 * combinations of values can be built ({@link dev.tailor.configure.ConfigurableProduct}).
 */
package dev.tailor.configure;
