package dev.tailor.cli;

import picocli.CommandLine.ArgGroup;

/** Adds the data source options to a command. */
final class DataSourceMixin {
    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Data:%n")
    DataOptions options;
}
