/**
 * Customer value: RFM, BG/NBD, Pareto/NBD, Gamma-Gamma and lifetime value, fitted with Hipparchus (kept out of the
 * core), with calibration plots; the value models save and load through the core's model registry.
 */
module dev.tailor.value {
    requires transitive dev.tailor.core;
    requires hipparchus.core;
    requires hipparchus.optim;
    requires org.slf4j;
    // The calibration plots are PNG files.
    requires java.desktop;

    exports dev.tailor.value;

    provides dev.tailor.io.ModelFormat with dev.tailor.value.ValueModelFormat, dev.tailor.value.SpendModelFormat;
}
