package dev.tailor.ingest;

/** The fields of an event that a source column can be mapped to. */
public enum EventField {
    /** External customer id (required). */
    CUSTOMER,
    /** External item id (required). */
    ITEM,
    /** Event time (required), read with the mapping's {@link TimeFormat}. */
    TIME,
    /** Event kind; a mapping may give a constant kind instead. */
    KIND,
    /** Units; blank or unmapped means 1. */
    QUANTITY,
    /** Amount paid; blank or unmapped means 0. */
    AMOUNT,
    /** Explicit rating; blank or unmapped means none. */
    RATING,
    /** Fit feedback; blank or unmapped means none. */
    FIT,
    /** Size label; blank or unmapped means unknown. */
    SIZE;

    static final int COUNT = values().length;
}
