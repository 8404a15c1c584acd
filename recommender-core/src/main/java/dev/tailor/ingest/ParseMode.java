package dev.tailor.ingest;

/** What a reader does with a bad record. */
public enum ParseMode {
    /** Stop at the first bad record with an {@link IngestException} (the default). */
    STRICT,
    /** Skip bad records and report them in the {@link IngestReport}. */
    LENIENT
}
