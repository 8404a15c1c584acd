/**
 * Customer value: recency/frequency/monetary summaries and scores, the BG/NBD and Pareto/NBD models of
 * repeat buying, the Gamma-Gamma model of spend, and customer lifetime value, all fitted from Tailor's
 * event log (PURCHASE events; purchases of one customer on one day make one transaction).
 */
package dev.tailor.value;
