package dev.tailor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkEventsTest {
    private static final StructType RAW = new StructType()
            .add("user", DataTypes.StringType, true)
            .add("sku", DataTypes.StringType, true)
            .add("at", DataTypes.StringType, true)
            .add("what", DataTypes.StringType, true)
            .add("fit", DataTypes.StringType, true);
    private static final EventColumns COLUMNS = EventColumns.builder().customer("user").item("sku")
            .time("at", TimeFormat.iso8601()).kind("what").fit("fit").build();

    private static Dataset<Row> raw(List<Row> rows, int partitions) {
        SparkSession spark = SparkTestSession.get();
        return spark.createDataFrame(rows, RAW).repartition(partitions);
    }

    /** A seeded log with repeats, returns (some with bad fit), views and carts over 100 days. */
    private static List<Row> randomRows(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] kinds = {"PURCHASE", "RENT", "VIEW", "CART", "RETURN"};
        String[] fits = {"NONE", "FITS", "TOO_SMALL", "TOO_LARGE"};
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            rows.add(RowFactory.create("c" + random.nextInt(40), "i" + random.nextInt(25),
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * random.nextInt(2400)).toString(),
                    kinds[random.nextInt(kinds.length)], fits[random.nextInt(fits.length)]));
        }
        return rows;
    }

    @Test
    void goodRowsBecomeTheCoresEvents() {
        List<Row> rows = randomRows(1, 300);
        SparkEvents.Result result = SparkEvents.read(raw(rows, 3), COLUMNS, ParseMode.STRICT, "events.parquet");
        try {
            assertEquals(300, result.report().records());
            assertEquals(300, result.report().eventsAdded());
            List<Event> events = new ArrayList<>();
            for (Row row : result.events().collectAsList()) {
                events.add(SparkEvents.event(row));
            }
            assertEquals(300, events.size());
            long purchases = rows.stream().filter(r -> r.getString(3).equals("PURCHASE")).count();
            assertEquals(purchases, events.stream().filter(e -> e.kind() == EventKind.PURCHASE).count());
            assertTrue(events.stream().anyMatch(e -> e.fit() == FitFeedback.TOO_SMALL));
        } finally {
            result.release();
        }
    }

    @Test
    void strictModeFailsOnTheFirstBadRowNamingItsColumnAndValue() {
        List<Row> rows = randomRows(2, 50);
        rows.add(RowFactory.create("c1", "i1", "yesterday", "PURCHASE", "NONE"));
        IngestException e = assertThrows(IngestException.class,
                () -> SparkEvents.read(raw(rows, 1), COLUMNS, ParseMode.STRICT, "events.parquet"));
        assertEquals("at", e.problem().column());
        assertEquals("yesterday", e.problem().rawValue());
        assertTrue(e.problem().source().startsWith("events.parquet partition "), e.problem().source());
        assertTrue(e.problem().line() >= 1 && e.problem().line() <= 51, "row " + e.problem().line());
    }

    @Test
    void lenientModeSkipsAndCountsEveryBadRowWithExamples() {
        List<Row> rows = randomRows(3, 100);
        rows.add(RowFactory.create("c1", "i1", "yesterday", "PURCHASE", "NONE"));
        rows.add(RowFactory.create("c2", "i2", "2024-02-01T00:00:00Z", "STOLEN", "NONE"));
        rows.add(RowFactory.create(null, "i2", "2024-02-01T00:00:00Z", "RENT", "NONE"));
        SparkEvents.Result result = SparkEvents.read(raw(rows, 4), COLUMNS, ParseMode.LENIENT, "events.csv");
        try {
            assertEquals(103, result.report().records());
            assertEquals(100, result.report().eventsAdded());
            assertEquals(3, result.report().skipped());
            assertEquals(3, result.report().firstProblems().size());
            assertEquals(100, result.events().count());
        } finally {
            result.release();
        }
    }

    @Test
    void aMissingColumnIsNamed() {
        EventColumns wrong = EventColumns.builder().customer("customer_id").item("sku").time("at", TimeFormat.iso8601())
                .kind("what").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkEvents.read(raw(randomRows(4, 5), 1), wrong, ParseMode.STRICT, "events.parquet"));
        assertTrue(e.getMessage().contains("customer_id") && e.getMessage().contains("user"), e.getMessage());
    }

    @Test
    void sparkWeightsEqualTheCoresMatrix() {
        List<Row> rows = randomRows(5, 2_000);
        for (WeightingPolicy policy : new WeightingPolicy[] {WeightingPolicy.defaults(),
                WeightingPolicy.builder().halfLife(Duration.ofDays(30)).badFitReturnWeight(-0.25).build(),
                WeightingPolicy.builder().logScaleRepeats(false).asOf(Instant.parse("2024-03-01T00:00:00Z")).build()}) {
            SparkEvents.Result result = SparkEvents.read(raw(rows, 3), COLUMNS, ParseMode.STRICT, "events");
            Map<String, Float> spark = new HashMap<>();
            for (Row row : SparkWeighting.pairs(result.events(), policy).collectAsList()) {
                spark.put(row.getString(0) + "/" + row.getString(1), row.getFloat(2));
            }
            EventLog.Builder builder = EventLog.builder();
            for (Row row : result.events().collectAsList()) {
                builder.add(SparkEvents.event(row));
            }
            result.release();
            EventLog log = builder.build();
            InteractionMatrix core = InteractionMatrix.build(log, policy);
            SparseMatrix m = core.byCustomer();
            Map<String, Float> expected = new HashMap<>();
            for (int c = 0; c < m.rows(); c++) {
                for (int p = m.rowStart(c); p < m.rowEnd(c); p++) {
                    expected.put(log.customers().externalId(c) + "/" + log.items().externalId(m.column(p)), m.value(p));
                }
            }
            assertEquals(expected.keySet(), spark.keySet(), policy.toString());
            for (Map.Entry<String, Float> pair : expected.entrySet()) {
                assertEquals(pair.getValue(), spark.get(pair.getKey()), 1e-6f, pair.getKey() + " under " + policy);
            }
        }
    }
}
