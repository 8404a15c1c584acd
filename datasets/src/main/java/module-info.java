/**
 * Readers for the public datasets Tailor is measured on (MovieLens 100K, CDNOW, Groceries, Online Retail invoices,
 * Renault configuration histories and constraint models, RentTheRunway), JSON Lines and order files, and the seeded
 * shop generator that tests and the demo run on.
 */
module dev.tailor.datasets {
    requires transitive dev.tailor.core;
    requires com.fasterxml.jackson.core;
    // Renault's constraint models are XCSP3 (XML).
    requires java.xml;

    exports dev.tailor.datasets;
    exports dev.tailor.datasets.cdnow;
    exports dev.tailor.datasets.generator;
    exports dev.tailor.datasets.groceries;
    exports dev.tailor.datasets.jsonl;
    exports dev.tailor.datasets.movielens;
    exports dev.tailor.datasets.orders;
    exports dev.tailor.datasets.renault;
    exports dev.tailor.datasets.renttherunway;
    exports dev.tailor.datasets.retail;
}
