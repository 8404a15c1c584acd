/**
 * Reading events from files: CSV/TSV (gzip detected by its magic bytes), column mapping, time formats,
 * and strict or lenient handling of bad records.
 *
 * <p>Strict mode (the default) stops at the first bad record with an {@link dev.tailor.ingest.IngestException}
 * naming the source, line, column, raw value and what was expected. Lenient mode skips bad records and
 * reports how many it skipped, with the first examples, in an {@link dev.tailor.ingest.IngestReport}.
 */
package dev.tailor.ingest;
