/** Made-to-measure order files: one configuration per line ({@link dev.tailor.datasets.orders.OrderCsvReader}). */
package dev.tailor.datasets.orders;
