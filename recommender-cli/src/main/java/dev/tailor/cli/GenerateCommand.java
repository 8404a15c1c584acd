package dev.tailor.cli;

import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopFiles;
import dev.tailor.datasets.generator.ShopGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tailor generate}: writes a generated shop as CSV files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a shop that rents, sells and makes to measure, and write it as CSV files "
                + "(" + ShopFiles.EVENTS + ", " + ShopFiles.CATALOG + ", " + ShopFiles.CONFIGURATIONS + ", "
                + ShopFiles.TRUTH_CYCLES + ").")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write into (created if needed).")
    Path out;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "5000",
            description = "Customers, about " + ShopGenerator.EVENTS_PER_CUSTOMER + " events each (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--items", paramLabel = "N", defaultValue = "600", description = "Catalog items (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--days", paramLabel = "N", defaultValue = "730", description = "Length of the history (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out must be a folder to write the shop's files into; " + out
                    + " is a file");
        }
        if (customers < 1 || items < 1 || days < 1) {
            throw new IllegalArgumentException("--customers, --items and --days must be at least 1, were " + customers
                    + ", " + items + ", " + days);
        }
        ShopGenerator generator = ShopGenerator.builder().seed(seed).customers(customers).items(items).days(days).build();
        TerminalProgress progress = TerminalProgress.of(spec);
        GeneratedShop shop = progress.indeterminate("generating " + customers + " customers", generator::generate);
        progress.indeterminate("writing " + out, () -> {
            try {
                shop.writeCsv(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            return null;
        });
        spec.commandLine().getOut().printf("wrote %d events, %d catalog items, %d made-to-measure orders to %s%n",
                shop.events().size(), shop.catalog().size(), shop.configurations().size(), out);
        return 0;
    }
}
