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
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.csv.EventCsvReader;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.TimeFormat;
import dev.tailor.ingest.ParseMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where a command's events come from: a named dataset, an events file, or a shop generated on the spot. */
final class DataOptions {
    static final String DATASETS = "movielens-100k, cdnow, cdnow-sample, online-retail-invoices, groceries, renttherunway, generated";

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

    @Option(names = "--columns", paramLabel = "FIELD=COLUMN", split = ",",
            description = "How --events names its columns, when it is not Tailor's layout: customer=..., item=..., time=..., "
                    + "and any of kind, quantity, amount, rating, fit, size (e.g. customer=user_id,item=sku,time=ts,kind=type).")
    java.util.Map<String, String> columns;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "Field delimiter of --events: one character, or 'tab' (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(names = "--time-format", paramLabel = "FORMAT", defaultValue = "iso",
            description = "Times in --events: iso, epoch-seconds, epoch-millis or pattern:<DateTimeFormatter pattern> "
                    + "(default: ${DEFAULT-VALUE}).")
    String timeFormat;

    @Option(names = "--kind-alias", paramLabel = "TEXT=KIND", split = ",",
            description = "Words the --events file uses for event kinds, e.g. buy=PURCHASE,hire=RENT.")
    java.util.Map<String, String> kindAliases;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "The kind of every event, for an --events file without a kind column (e.g. PURCHASE).")
    String constantKind;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "A catalog for --events (item,category[,price][,sizes_in_stock][,attributes...]), as generate writes.")
    Path catalog;

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
        validate();
        Dataset dataset;
        if (source.events != null) {
            dataset = readFile(source.events);
        } else {
            dataset = switch (source.dataset) {
                case "movielens-100k" -> MovieLens100k.read(DatasetPaths.require(MovieLens100k.NAME), "u.data", mode());
                case "cdnow" -> Cdnow.readMaster(DatasetPaths.require(Cdnow.NAME), mode());
                case "cdnow-sample" -> Cdnow.readSample(DatasetPaths.require(Cdnow.NAME), mode());
                // The folder's name; "online-retail", its earlier name here, still works.
                case "online-retail-invoices", "online-retail" ->
                        OnlineRetailInvoices.read(DatasetPaths.require(OnlineRetailInvoices.NAME), mode());
                case "groceries" -> Groceries.read(DatasetPaths.require(Groceries.NAME), mode());
                case "renttherunway" -> rentals().dataset();
                case "generated" -> new Dataset("generated", generatedShop().events(), generatedShop().catalog(), List.of());
                default -> throw new IllegalArgumentException("unknown dataset '" + source.dataset + "'; known: " + DATASETS);
            };
        }
        for (IngestReport report : dataset.reports()) {
            if (TerminalProgress.quiet && report.skipped() == 0) {
                continue; // -q: a clean read goes unmentioned; skipped records are always reported
            }
            err.println(report.summary());
            report.firstProblems().forEach(p -> err.println("  skipped: " + p.message()));
        }
        return dataset;
    }

    private RentTheRunway.Rentals rentals;
    private GeneratedShop generated;

    /** The generated shop, made once per command (events, catalog and made-to-measure orders). */
    GeneratedShop generatedShop() {
        if (generated == null) {
            generated = ShopGenerator.builder().seed(seed).customers(customers).build().generate();
        }
        return generated;
    }

    /** The chosen source's name: the dataset's, or the events file's. */
    String sourceName() {
        return source.dataset != null ? source.dataset : source.events.toString();
    }

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

    /** {@link #fitData(PrintWriter)} of the events up to a moment (for a model trained up to it). */
    FitData fitData(PrintWriter err, java.time.Instant until) {
        Dataset dataset = load(err);
        dev.tailor.data.EventLog log = dataset.events();
        long last = until.getEpochSecond();
        int[] kept = java.util.stream.IntStream.range(0, log.size()).filter(e -> log.epochSecond(e) <= last).toArray();
        FitData.Builder fit = FitData.builder(log.select(kept)).catalog(dataset.catalog());
        if ("renttherunway".equals(source.dataset)) {
            String[] occasions = rentals().occasionOfEvent();
            fit.occasions(java.util.Arrays.stream(kept).mapToObj(e -> occasions[e]).toArray(String[]::new))
                    .profiles(rentals().profiles());
        }
        return fit.keptMeansFits("generated".equals(source.dataset)).build();
    }

    /**
     * Checks the file-mapping options before anything is read.
     *
     * @throws IllegalArgumentException naming the option, if a setting cannot be used
     */
    void validate() {
        boolean mapping = columns != null || kindAliases != null || constantKind != null || catalog != null
                || !",".equals(delimiter) || !"iso".equals(timeFormat);
        if (mapping && source.events == null) {
            throw new IllegalArgumentException("--columns, --delimiter, --time-format, --kind-alias, --kind and --catalog "
                    + "describe an --events file");
        }
        if (source.events != null) {
            eventColumns();
            delimiterChar();
        }
    }

    private char delimiterChar() {
        if (delimiter.equals("tab") || delimiter.equals("\\t")) {
            return '\t';
        }
        if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n') {
            throw new IllegalArgumentException("--delimiter must be one character (not a quote or line break) or 'tab', was '"
                    + delimiter + "'");
        }
        return delimiter.charAt(0);
    }

    /** The mapping of --events: Tailor's layout, or what --columns and the other options say. */
    private EventColumns eventColumns() {
        TimeFormat format = TimeFormat.parse(timeFormat);
        EventColumns.Builder b = EventColumns.builder();
        // Without --columns, Tailor's own layout: the mapping generate writes and ShopFiles reads.
        java.util.Map<String, String> mapped = new java.util.LinkedHashMap<>();
        if (columns != null) {
            mapped.putAll(columns);
        } else {
            ShopFiles.EVENT_COLUMNS.mapping().forEach((field, column) ->
                    mapped.put(field.name().toLowerCase(java.util.Locale.ROOT), column));
        }
        if (constantKind != null) {
            mapped.remove("kind");
            b.constantKind(kind(constantKind, "--kind"));
        }
        for (java.util.Map.Entry<String, String> m : mapped.entrySet()) {
            try {
                b.field(m.getKey(), m.getValue().strip(), format);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--columns: " + e.getMessage(), e);
            }
        }
        if (kindAliases != null) {
            kindAliases.forEach((text, kind) -> b.kindAlias(text.strip(), kind(kind, "--kind-alias " + text)));
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--columns: " + e.getMessage(), e);
        }
    }

    private static dev.tailor.data.EventKind kind(String text, String option) {
        try {
            return dev.tailor.data.EventKind.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not an event kind; kinds: "
                    + java.util.Arrays.toString(dev.tailor.data.EventKind.values()), e);
        }
    }

    private Dataset readFile(Path file) {
        EventLog.Builder events = EventLog.builder();
        List<IngestReport> reports = new java.util.ArrayList<>();
        Catalog read = null;
        if (catalog != null) {
            dev.tailor.ingest.csv.CatalogCsvReader.Result catalogRead = dev.tailor.ingest.csv.CatalogCsvReader.read(catalog, mode(), events.items());
            read = catalogRead.catalog();
            reports.add(catalogRead.report());
        }
        String name = file.getFileName().toString();
        EventColumns mapping = eventColumns();
        IngestReport report = name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")
                ? new EventJsonLinesReader(mapping, mode()).read(file, events)
                : EventCsvReader.builder().columns(mapping).delimiter(delimiterChar()).mode(mode()).build().read(file, events);
        reports.add(report);
        EventLog log = events.build();
        return new Dataset(name, log, read != null ? read : Catalog.builder(log.items()).build(), reports);
    }
}
