package dev.tailor.cli;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.cdnow.Cdnow;
import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopFiles;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.datasets.groceries.Groceries;
import dev.tailor.datasets.jsonl.EventJsonLinesReader;
import dev.tailor.datasets.movielens.MovieLens100k;
import dev.tailor.datasets.retail.OnlineRetailInvoices;
import dev.tailor.datasets.renttherunway.RentTheRunway;
import dev.tailor.fit.FitData;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where a command's events come from: a named dataset, an events file, or a shop generated on the spot. */
final class DataOptions {
    static final String DATASETS = "movielens-100k, cdnow, cdnow-sample, online-retail, groceries, renttherunway, generated";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--dataset", paramLabel = "NAME", description = "A public dataset: " + DATASETS + ".")
        String dataset;

        @Option(names = "--events", paramLabel = "FILE",
                description = "An events file in Tailor's CSV layout (customer,item,time,kind,quantity,amount,rating,fit,size; "
                        + "gzip allowed) or JSON Lines with the same field names (*.jsonl, *.jsonl.gz).")
        Path events;
    }

    @Option(names = "--lenient", description = "Skip bad records and report them instead of stopping at the first.")
    boolean lenient;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "5000",
            description = "Customers of a generated shop (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed for generated data, random splits and random baselines (default: ${DEFAULT-VALUE}).")
    long seed;

    ParseMode mode() {
        return lenient ? ParseMode.LENIENT : ParseMode.STRICT;
    }

    Dataset load(PrintWriter err) {
        Dataset dataset;
        if (source.events != null) {
            dataset = readFile(source.events);
        } else {
            dataset = switch (source.dataset) {
                case "movielens-100k" -> MovieLens100k.read(DatasetPaths.require(MovieLens100k.NAME), "u.data", mode());
                case "cdnow" -> Cdnow.readMaster(DatasetPaths.require(Cdnow.NAME), mode());
                case "cdnow-sample" -> Cdnow.readSample(DatasetPaths.require(Cdnow.NAME), mode());
                case "online-retail" -> OnlineRetailInvoices.read(DatasetPaths.require(OnlineRetailInvoices.NAME), mode());
                case "groceries" -> Groceries.read(DatasetPaths.require(Groceries.NAME), mode());
                case "renttherunway" -> rentals().dataset();
                case "generated" -> {
                    GeneratedShop shop = ShopGenerator.builder().seed(seed).customers(customers).build().generate();
                    yield new Dataset("generated", shop.events(), shop.catalog(), List.of());
                }
                default -> throw new IllegalArgumentException("unknown dataset '" + source.dataset + "'; known: " + DATASETS);
            };
        }
        for (IngestReport report : dataset.reports()) {
            err.println(report.summary());
            report.firstProblems().forEach(p -> err.println("  skipped: " + p.message()));
        }
        return dataset;
    }

    private RentTheRunway.Rentals rentals;

    /** RentTheRunway, read once per command (events, occasions and profiles). */
    RentTheRunway.Rentals rentals() {
        if (rentals == null) {
            rentals = RentTheRunway.read(DatasetPaths.require(RentTheRunway.NAME), mode());
        }
        return rentals;
    }

    /**
     * The fit observations of the chosen source: RentTheRunway with its occasions and profiles; other sources
     * from their events' sizes and fit feedback (a generated shop also counts kept purchases as fitting).
     */
    FitData fitData(PrintWriter err) {
        Dataset dataset = load(err);
        if ("renttherunway".equals(source.dataset)) {
            return rentals().fitData();
        }
        return FitData.builder(dataset.events()).catalog(dataset.catalog())
                .keptMeansFits("generated".equals(source.dataset)).build();
    }

    private Dataset readFile(Path file) {
        EventLog.Builder events = EventLog.builder();
        String name = file.getFileName().toString();
        IngestReport report = name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")
                ? new EventJsonLinesReader(ShopFiles.EVENT_COLUMNS, mode()).read(file, events)
                : ShopFiles.readEvents(file, mode(), events);
        EventLog log = events.build();
        return new Dataset(name, log, Catalog.builder(log.items()).build(), List.of(report));
    }
}
