package dev.tailor.spark;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.io.ModelRegistry;
import dev.tailor.offer.OfferSource;
import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.Offers;
import dev.tailor.offer.Reason;
import dev.tailor.recommend.Recommender;
import dev.tailor.replenish.ReplenishmentModel;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every customer's offers computed on the executors by the core's own {@link Offers}: the model files (a
 * recommender and, optionally, a replenishment model) and the catalog are broadcast once, each executor loads
 * them once, and each partition — all events of its customers, moved there by customer — builds the core's
 * offers over those customers' events and asks for each customer's offers. A customer's offers depend only on
 * their own events, the models and the catalog, so the answer is the one {@code Offers.offers} gives on one
 * machine (a test checks it customer by customer).
 *
 * <p>Sources: collaborative filtering from the recommender and, when given, replenishment; weights, windows
 * and the rest are the core's defaults unless set.
 */
public final class SparkOffers {
    /** One row per offer. */
    public static final StructType SCHEMA = new StructType()
            .add("customer", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("item", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("size", DataTypes.StringType, true)
            .add("fit_probability", DataTypes.DoubleType, true)
            .add("price", DataTypes.DoubleType, true)
            .add("sources", DataTypes.StringType, false)
            .add("reasons", DataTypes.StringType, false);

    /** Loaded bundles per executor JVM, by broadcast id: each executor reads the model files once. */
    private static final ConcurrentHashMap<Long, Bundle> LOADED = new ConcurrentHashMap<>();
    /** Replenishment models loaded per executor JVM, by broadcast id. */
    private static final ConcurrentHashMap<Long, Object> LOADED_MODELS = new ConcurrentHashMap<>();

    private final Map<String, Double> weights;
    private final Duration replenishmentHorizon;
    private final double replenishmentMinProbability;

    private SparkOffers(Map<String, Double> weights, Duration horizon, double minProbability) {
        this.weights = weights;
        this.replenishmentHorizon = horizon;
        this.replenishmentMinProbability = minProbability;
    }

    /**
     * Offers with the core's defaults ({@code OfferTraining}): collaborative filtering weighs 0.5, replenishment 4,
     * reminding of what is due within 30 days with a probability of at least 0.3.
     */
    public static SparkOffers withDefaults() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("cf", dev.tailor.offer.OfferTraining.DEFAULT_WEIGHTS.getOrDefault("cf", 0.5));
        weights.put("replenishment", dev.tailor.offer.OfferTraining.DEFAULT_WEIGHTS.getOrDefault("replenishment", 4.0));
        return new SparkOffers(weights, Duration.ofDays(30), 0.3);
    }

    /**
     * Every customer's offers.
     *
     * @param events events of {@link SparkEvents#SCHEMA}
     * @param recommender a model file of any recommender (as {@code ModelRegistry} saves it)
     * @param replenishment a replenishment model file, or {@code null} for none
     * @param catalog the items on offer, with their categories, prices and sizes in stock
     * @return rows of {@link #SCHEMA}
     * @throws IOException if a model file cannot be read
     */
    public Dataset<Row> offers(Dataset<Row> events, Path recommender, Path replenishment, List<CatalogItem> catalog,
            OfferRequest request) throws IOException {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(request, "request");
        // Fail on the driver, with the file's own message, before any executor tries.
        ModelRegistry.load(recommender, Recommender.class);
        if (replenishment != null) {
            ModelRegistry.load(replenishment, ReplenishmentModel.class);
        }
        SparkSession spark = events.sparkSession();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Shipment shipment = new Shipment(Files.readAllBytes(recommender),
                replenishment == null ? null : Files.readAllBytes(replenishment), new ArrayList<>(catalog),
                new LinkedHashMap<>(weights), replenishmentHorizon.getSeconds(), replenishmentMinProbability,
                RequestSpec.of(request));
        Broadcast<Shipment> broadcast = context.broadcast(shipment);
        Dataset<Row> byCustomer = events.repartition(functions.col("customer")).sortWithinPartitions("customer",
                "epoch_second");
        JavaRDD<Row> rows = byCustomer.javaRDD().mapPartitions(partition -> {
            Bundle bundle = LOADED.computeIfAbsent(broadcast.id(), id -> Bundle.load(broadcast.value()));
            return bundle.offers(partition, broadcast.value().request().toRequest()).iterator();
        });
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** One row per due reminder. */
    public static final StructType REMINDERS = new StructType()
            .add("rank", DataTypes.LongType, false)
            .add("customer", DataTypes.StringType, false)
            .add("key", DataTypes.StringType, false)
            .add("due_date", DataTypes.DateType, false)
            .add("remind_on", DataTypes.DateType, false)
            .add("probability", DataTypes.DoubleType, false)
            .add("last_item", DataTypes.StringType, false)
            .add("last_size", DataTypes.StringType, true)
            .add("last_quantity", DataTypes.IntegerType, false);

    /** The reminders as the executors compute them, before they are ranked. */
    private static final StructType UNRANKED = new StructType(java.util.Arrays.copyOfRange(REMINDERS.fields(), 1,
            REMINDERS.fields().length));

    /**
     * Every due reminder of a replenishment model file, computed on the executors: the file is broadcast once, each
     * executor loads it once, and each task asks the core's {@code ReplenishmentModel.remindersOf} for one slice of
     * the customers — the rules of {@code tailor remind}, in one implementation.
     *
     * @param slices how many tasks share the customers
     * @return rows of {@link #REMINDERS}, most probable first, each with its rank in that order (ties broken by
     *     customer and key)
     * @throws IOException if the model file cannot be read
     */
    public Dataset<Row> reminders(SparkSession spark, Path replenishment, Duration leadTime, int slices) throws IOException {
        Objects.requireNonNull(replenishment, "replenishment");
        Objects.requireNonNull(leadTime, "leadTime");
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be >= 1, was " + slices);
        }
        int customers = ModelRegistry.load(replenishment, ReplenishmentModel.class).customers().size();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> file = context.broadcast(Files.readAllBytes(replenishment));
        long horizonSeconds = replenishmentHorizon.getSeconds();
        long leadSeconds = leadTime.getSeconds();
        double minProbability = replenishmentMinProbability;
        List<Integer> sliceIds = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            sliceIds.add(s);
        }
        JavaRDD<Row> rows = context.parallelize(sliceIds, slices).flatMap(slice -> {
            ReplenishmentModel model = (ReplenishmentModel) LOADED_MODELS.computeIfAbsent(file.id(), id -> {
                try {
                    return ModelRegistry.load(Bundle.temporary(file.value()), ReplenishmentModel.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int from = (int) ((long) customers * slice / slices);
            int to = (int) ((long) customers * (slice + 1) / slices);
            List<Row> out = new ArrayList<>();
            for (dev.tailor.replenish.Reminder r : model.remindersOf(from, to, Duration.ofSeconds(horizonSeconds),
                    Duration.ofSeconds(leadSeconds), minProbability)) {
                out.add(RowFactory.create(r.customer(), r.key(), java.sql.Date.valueOf(r.dueDate()),
                        java.sql.Date.valueOf(r.remindOn()), r.probability(), r.lastItem(), r.lastSize().orElse(null),
                        r.lastQuantity()));
            }
            return out.iterator();
        });
        // Written as many part files, the order is lost to readers: each row carries its place in it (1 = most
        // probable; ties by customer and key), so ORDER BY rank restores it.
        org.apache.spark.sql.expressions.WindowSpec order = org.apache.spark.sql.expressions.Window.orderBy(
                functions.col("probability").desc(), functions.col("customer"), functions.col("key"));
        Dataset<Row> ranked = spark.createDataFrame(rows, UNRANKED)
                .withColumn("rank", functions.row_number().over(order).cast(DataTypes.LongType));
        String[] others = java.util.Arrays.stream(UNRANKED.fieldNames()).toArray(String[]::new);
        return ranked.select("rank", others).orderBy("rank");
    }

    /** What the executors need, serialized once into the broadcast. */
    record Shipment(byte[] recommender, byte[] replenishment, List<CatalogItem> catalog, Map<String, Double> weights,
            long horizonSeconds, double minProbability, RequestSpec request) implements Serializable {
    }

    /** An {@link OfferRequest} in serializable form. */
    record RequestSpec(int n, long asOfSecond, int asOfNano, String channel, List<String> basket, String category,
            String occasion, Double minPrice, Double maxPrice) implements Serializable {
        static RequestSpec of(OfferRequest r) {
            return new RequestSpec(r.n(), r.asOf().getEpochSecond(), r.asOf().getNano(), r.channel().orElse(null),
                    new ArrayList<>(r.basket()), r.category().orElse(null), r.occasion().orElse(null),
                    r.minPrice().isPresent() ? r.minPrice().getAsDouble() : null,
                    r.maxPrice().isPresent() ? r.maxPrice().getAsDouble() : null);
        }

        OfferRequest toRequest() {
            OfferRequest.Builder b = OfferRequest.builder(Instant.ofEpochSecond(asOfSecond, asOfNano)).n(n).basket(basket);
            if (channel != null) {
                b.channel(channel);
            }
            if (category != null) {
                b.category(category);
            }
            if (occasion != null) {
                b.occasion(occasion);
            }
            if (minPrice != null || maxPrice != null) {
                b.priceBand(minPrice == null ? 0 : minPrice, maxPrice == null ? Double.MAX_VALUE : maxPrice);
            }
            return b.build();
        }
    }

    /** The loaded models and catalog of one shipment on one executor. */
    static final class Bundle {
        private final Recommender recommender;
        private final ReplenishmentModel replenishment;
        private final List<CatalogItem> catalog;
        private final Shipment shipment;

        private Bundle(Recommender recommender, ReplenishmentModel replenishment, Shipment shipment) {
            this.recommender = recommender;
            this.replenishment = replenishment;
            this.catalog = shipment.catalog();
            this.shipment = shipment;
        }

        static Bundle load(Shipment shipment) {
            try {
                Recommender recommender = ModelRegistry.load(temporary(shipment.recommender()), Recommender.class);
                ReplenishmentModel replenishment = shipment.replenishment() == null ? null
                        : ModelRegistry.load(temporary(shipment.replenishment()), ReplenishmentModel.class);
                return new Bundle(recommender, replenishment, shipment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Path temporary(byte[] bytes) throws IOException {
            Path file = Files.createTempFile("tailor-model", ".tailor");
            try {
                Files.write(file, bytes);
                return file;
            } finally {
                file.toFile().deleteOnExit();
            }
        }

        /** The core's offers over the partition's customers. */
        List<Row> offers(java.util.Iterator<Row> partition, OfferRequest request) {
            IdIndex items = new IdIndex();
            Catalog.Builder catalogBuilder = Catalog.builder(items);
            for (CatalogItem item : catalog) {
                catalogBuilder.add(item);
            }
            Catalog built = catalogBuilder.build();
            EventLog.Builder logBuilder = EventLog.builder(new IdIndex(), built.items());
            List<String> customers = new ArrayList<>();
            while (partition.hasNext()) {
                Row row = partition.next();
                String customer = row.getString(0);
                if (customers.isEmpty() || !customers.get(customers.size() - 1).equals(customer)) {
                    customers.add(customer);
                }
                logBuilder.add(SparkEvents.event(row));
            }
            if (customers.isEmpty()) {
                return List.of();
            }
            Offers.Builder offers = Offers.builder(logBuilder.build(), built);
            offers.source(OfferSource.collaborative(recommender), shipment.weights().getOrDefault("cf", 0.0));
            if (replenishment != null) {
                offers.source(OfferSource.replenishment(replenishment, Duration.ofSeconds(shipment.horizonSeconds()),
                        shipment.minProbability()), shipment.weights().getOrDefault("replenishment", 0.0));
            }
            Offers partitionOffers = offers.build();
            List<Row> out = new ArrayList<>();
            for (String customer : customers) {
                List<Offer> list = partitionOffers.offers(customer, request);
                for (int rank = 0; rank < list.size(); rank++) {
                    out.add(row(customer, rank + 1, list.get(rank)));
                }
            }
            return out;
        }
    }

    static Row row(String customer, int rank, Offer offer) {
        StringBuilder reasons = new StringBuilder();
        for (Reason reason : offer.reasons()) {
            if (reasons.length() > 0) {
                reasons.append(" | ");
            }
            reasons.append(reason.text());
        }
        return RowFactory.create(customer, rank, offer.item(), offer.score(), offer.size().orElse(null),
                offer.fitProbability().isPresent() ? offer.fitProbability().getAsDouble() : null,
                offer.price().isPresent() ? offer.price().getAsDouble() : null, String.join(",", offer.sources()),
                reasons.toString());
    }
}
