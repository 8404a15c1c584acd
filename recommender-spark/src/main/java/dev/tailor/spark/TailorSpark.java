package dev.tailor.spark;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.IdIndex;
import dev.tailor.datasets.generator.ShopFiles;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import dev.tailor.io.ModelRegistry;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.offer.OfferRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code tailor-spark} entry points, for {@code spark-submit} on a cluster or in local mode:
 * <pre>
 * als    --events PATH [--format parquet|csv|json] [--columns field=column,...] [--time-format iso|epoch-seconds|...]
 *        [--lenient] --out MODEL [--factors 64] [--lambda 30] [--alpha 2] [--iterations 15] [--master local[2]]
 * offers --events PATH [...as above] --model MODEL [--replenishment MODEL] --catalog CATALOG.csv --as-of TIME [-n 10]
 *        --out DIRECTORY [--reminders-out DIRECTORY]
 * model  --events PATH [...as above] --catalog CATALOG.csv [--engine MODEL | --factors 64 ...] [--as-of TIME]
 *        --out OFFERS.tailor
 * </pre>
 * {@code model} writes the whole offers model — the engine trained on the cluster (or an {@code als} file), every other
 * source, the catalog and each customer's events — as the one file {@code tailor offers --model} and a service load.
 * Without {@code --columns} the events are in Tailor's own layout (what {@code tailor generate} writes). {@code als}
 * writes a core model file that {@code tailor} and every service load unchanged; {@code offers} writes Parquet.
 * Exit codes: 0 done, 1 bad input (the message names the file, row and column), 2 bad usage. {@code --out} of
 * {@code als} and {@code model} may be a URI of any Hadoop file system; {@code --lenient} prints the first skipped rows.
 */
public final class TailorSpark {
    private TailorSpark() {
    }

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !(args[0].equals("als") || args[0].equals("offers") || args[0].equals("model"))) {
            err.println("usage: tailor-spark als|offers|model --events PATH ... (see the README, \"Scaling out\")");
            return 2;
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println("tailor-spark: " + e.getMessage());
            return 2;
        }
        // A session that was running before (a notebook, a test) is left running.
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder builder = SparkSession.builder().appName("tailor-spark " + args[0]);
        if (options.containsKey("master")) {
            builder.master(options.get("master"));
        }
        SparkSession spark = builder.getOrCreate();
        try {
            EventColumns columns = columns(options);
            String events = required(options, "events");
            ParseMode mode = options.containsKey("lenient") ? ParseMode.LENIENT : ParseMode.STRICT;
            SparkEvents.Result read = SparkEvents.read(reader(spark, options).load(events), columns, mode, events);
            out.println(read.report().summary());
            // The skipped records (source and partition, line within it, reason; the first few), as tailor prints them.
            read.report().firstProblems().forEach(problem -> err.println("  skipped: " + problem.message()));
            try {
                if (args[0].equals("als")) {
                    als(read.events(), options, out);
                } else if (args[0].equals("model")) {
                    model(read.events(), options, out);
                } else {
                    offers(read.events(), options, out);
                }
            } finally {
                read.release();
            }
            return 0;
        } catch (IngestException e) {
            err.println("tailor-spark: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("tailor-spark: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("tailor-spark: " + e.getMessage());
            return 1;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /**
     * The offers model: the engine from the cluster (trained here, or loaded from an {@code als} file), the events
     * brought to the driver once for the sources that need every customer's history, and the core's training of the
     * rest — so the file is the one {@code tailor train} writes, and the core serves it.
     */
    private static void model(Dataset<Row> events, Map<String, String> options, PrintStream out) throws IOException {
        String target = required(options, "out");
        Path catalogFile = Path.of(required(options, "catalog"));
        java.time.Instant asOf = options.containsKey("as-of") ? instant(options.get("as-of")) : null;
        dev.tailor.recommend.Recommender engine = options.containsKey("engine")
                ? ModelRegistry.load(Path.of(options.get("engine")), dev.tailor.recommend.Recommender.class)
                : trainAls(events, options).model();
        dev.tailor.data.EventLog.Builder log = dev.tailor.data.EventLog.builder();
        events.toLocalIterator().forEachRemaining(row -> log.add(SparkEvents.event(row)));
        dev.tailor.data.EventLog history = log.build();
        Catalog catalog = dev.tailor.ingest.csv.CatalogCsvReader.read(catalogFile, ParseMode.STRICT, history.items()).catalog();
        dev.tailor.offer.OfferTraining.Builder training = dev.tailor.offer.OfferTraining.builder(history, catalog)
                .engine(new dev.tailor.recommend.RecommenderTrainer() {
                    @Override
                    public String name() {
                        return engine.name();
                    }

                    @Override
                    public dev.tailor.recommend.Recommender train(dev.tailor.recommend.TrainingData data) {
                        return engine;
                    }
                });
        if (asOf != null) {
            training.asOf(asOf);
        }
        dev.tailor.offer.OffersModel model = training.train().buildModel();
        ClusterFiles.save(events.sparkSession(), model, target);
        out.println("wrote the offers model (" + model.customers().size() + " customers, " + model.items().size()
                + " items, sources " + model.weights() + ", trained until " + model.trainedUntil() + ") to " + target);
    }

    private static java.time.Instant instant(String text) {
        try {
            return java.time.Instant.ofEpochSecond(TimeFormat.iso8601().toEpochSecond(text));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("--as-of: '" + text + "' is not an ISO-8601 time", e);
        }
    }

    private static SparkAls.Trained trainAls(Dataset<Row> events, Map<String, String> options) {
        WeightingPolicy policy = WeightingPolicy.defaults();
        SparkAls.Builder trainer = SparkAls.builder();
        if (options.containsKey("factors")) {
            trainer.factors(integer(options, "factors"));
        }
        if (options.containsKey("lambda")) {
            trainer.lambda(decimal(options, "lambda"));
        }
        if (options.containsKey("alpha")) {
            trainer.alpha(decimal(options, "alpha"));
        }
        if (options.containsKey("iterations")) {
            trainer.iterations(integer(options, "iterations"));
        }
        SparkAls.Trained trained = trainer.build().train(SparkWeighting.pairs(events, policy), policy);
        trained.indexedPairs().unpersist();
        return trained;
    }

    private static void als(Dataset<Row> events, Map<String, String> options, PrintStream out) throws IOException {
        String target = required(options, "out");
        SparkAls.Trained trained = trainAls(events, options);
        ClusterFiles.save(events.sparkSession(), trained.model(), target);
        out.println("wrote " + trained.model().name() + " (" + trained.model().customers().size() + " customers, "
                + trained.model().items().size() + " items) to " + target);
    }

    private static void offers(Dataset<Row> events, Map<String, String> options, PrintStream out) throws IOException {
        Path catalogFile = Path.of(required(options, "catalog"));
        Catalog catalog = dev.tailor.ingest.csv.CatalogCsvReader.read(catalogFile, ParseMode.STRICT, new IdIndex()).catalog();
        List<CatalogItem> items = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.has(i)) {
                items.add(catalog.get(i));
            }
        }
        Instant asOf;
        try {
            asOf = Instant.ofEpochSecond(TimeFormat.iso8601().toEpochSecond(required(options, "as-of")));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("--as-of: '" + options.get("as-of") + "' is not an ISO-8601 time", e);
        }
        OfferRequest request = OfferRequest.builder(asOf).n(options.containsKey("n") ? integer(options, "n") : 10).build();
        String replenishment = options.get("replenishment");
        Dataset<Row> offers = SparkOffers.withDefaults().offers(events, Path.of(required(options, "model")),
                replenishment == null ? null : Path.of(replenishment), items, request);
        String target = required(options, "out");
        offers.write().mode(SaveMode.ErrorIfExists).parquet(target);
        out.println("wrote offers to " + target);
        if (options.containsKey("reminders-out")) {
            if (replenishment == null) {
                throw new IllegalArgumentException("--reminders-out needs --replenishment");
            }
            String reminders = options.get("reminders-out");
            SparkOffers.withDefaults().reminders(events.sparkSession(), Path.of(replenishment), java.time.Duration.ofDays(3),
                    Math.max(1, events.rdd().getNumPartitions())).write().mode(SaveMode.ErrorIfExists).parquet(reminders);
            out.println("wrote due reminders to " + reminders);
        }
    }

    private static DataFrameReader reader(SparkSession spark, Map<String, String> options) {
        String format = options.getOrDefault("format", "csv");
        DataFrameReader reader = spark.read().format(format);
        if (format.equals("csv")) {
            reader.option("header", "true");
        }
        return reader;
    }

    private static EventColumns columns(Map<String, String> options) {
        if (!options.containsKey("columns")) {
            return ShopFiles.EVENT_COLUMNS;
        }
        TimeFormat format = TimeFormat.parse(options.getOrDefault("time-format", "iso"));
        EventColumns.Builder b = EventColumns.builder();
        for (String pair : options.get("columns").split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--columns: '" + pair + "' is not field=column");
            }
            b.field(parts[0], parts[1].strip(), format);
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--columns: " + e.getMessage(), e);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.replaceFirst("^--?", "");
            if (name.equals("lenient")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int integer(Map<String, String> options, String name) {
        try {
            return Integer.parseInt(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + options.get(name) + "' is not a whole number", e);
        }
    }

    private static double decimal(Map<String, String> options, String name) {
        try {
            return Double.parseDouble(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + options.get(name) + "' is not a number", e);
        }
    }
}
