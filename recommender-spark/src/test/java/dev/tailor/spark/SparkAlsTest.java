package dev.tailor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.TestLogs;
import dev.tailor.data.EventLog;
import dev.tailor.io.ModelRegistry;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.als.FactorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkAlsTest {
    /** The weighted pairs of a seeded random shop, as Spark rows. */
    static Dataset<Row> pairs(EventLog log) {
        SparkSession spark = SparkTestSession.get();
        var matrix = dev.tailor.matrix.InteractionMatrix.build(log, WeightingPolicy.defaults()).byCustomer();
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < matrix.rows(); c++) {
            for (int p = matrix.rowStart(c); p < matrix.rowEnd(c); p++) {
                rows.add(RowFactory.create(log.customers().externalId(c), log.items().externalId(matrix.column(p)),
                        matrix.value(p)));
            }
        }
        return spark.createDataFrame(rows, SparkWeighting.SCHEMA).repartition(3);
    }

    @Test
    void theExportedModelScoresAsSparkDoesAndSurvivesTheRegistry(@TempDir Path dir) throws Exception {
        EventLog log = TestLogs.randomShop(6, 200, 50);
        SparkAls.Trained trained = SparkAls.builder().factors(8).iterations(5).build().train(pairs(log),
                WeightingPolicy.defaults());
        FactorModel model = trained.model();
        assertEquals(200, model.customers().size());
        assertEquals(50, model.items().size());
        Path file = dir.resolve("spark-als.tailor");
        ModelRegistry.save(model, file);
        FactorModel loaded = ModelRegistry.load(file, FactorModel.class);
        List<Row> predictions = trained.sparkModel().transform(trained.indexedPairs()).select("cid", "iid", "prediction")
                .collectAsList();
        assertTrue(predictions.size() > 1_000, "pairs scored: " + predictions.size());
        double worst = 0;
        for (Row row : predictions) {
            worst = Math.max(worst, Math.abs(loaded.score(row.getInt(0), row.getInt(1)) - row.getFloat(2)));
        }
        assertTrue(worst <= 1e-5, "largest score difference " + worst);
        int customer = loaded.customers().find("c7");
        RecommendationList list = loaded.recommend(customer, 5);
        assertEquals(5, list.size());
        for (int item : list.items()) {
            assertTrue(!loaded.history(customer).contains(item), "owned items are not recommended");
        }
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void theCoreAndSparkLearnTheSameTasteGroups() {
        EventLog log = TestLogs.twoTasteGroups();
        FactorModel spark = SparkAls.builder().factors(4).iterations(10).lambda(1).build().train(pairs(log),
                WeightingPolicy.defaults()).model();
        int right = 0;
        int total = 0;
        for (int c = 0; c < 40; c++) {
            int customer = spark.customers().find("c" + c);
            for (int item : spark.recommend(customer, 3).items()) {
                int number = Integer.parseInt(spark.items().externalId(item).substring(1));
                right += (c < 20) == (number < 10) ? 1 : 0;
                total++;
            }
        }
        assertTrue(right >= 0.9 * total, right + " of " + total + " recommendations from the customer's own group");
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SparkAls.builder().factors(0));
        assertThrows(IllegalArgumentException.class, () -> SparkAls.builder().lambda(0));
        assertThrows(IllegalArgumentException.class, () -> SparkAls.builder().regParam(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SparkAls.builder().iterations(0));
    }
}
