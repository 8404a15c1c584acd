package dev.tailor.spark;

import dev.tailor.data.IdIndex;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Weighted pairs on dense ids ({@code cid}, {@code iid}, {@code weight}; persisted, the caller unpersists them) and
 * the core matrix of the same pairs with both id indexes: what every Spark trainer exports a model from.
 */
record IndexedPairs(Dataset<Row> pairs, InteractionMatrix history) {
    /**
     * Gives customers and items dense ids in Spark's sort order of their external ids.
     *
     * @param engine how the message names the trainer
     * @throws IllegalArgumentException if there are no pairs
     */
    static IndexedPairs of(Dataset<Row> weighted, WeightingPolicy policy, String engine) {
        Dataset<Row> customerIds = denseIds(weighted, "customer", "cid");
        Dataset<Row> itemIds = denseIds(weighted, "item", "iid");
        Dataset<Row> indexed = weighted.join(functions.broadcast(itemIds), "item").join(customerIds, "customer")
                .select("cid", "iid", "weight").persist(StorageLevel.MEMORY_AND_DISK());
        if (indexed.isEmpty()) {
            indexed.unpersist();
            throw new IllegalArgumentException(engine + ": no (customer, item) pairs to train on");
        }
        IdIndex customers = index(customerIds, "customer", "cid");
        IdIndex items = index(itemIds, "item", "iid");
        return new IndexedPairs(indexed, InteractionMatrix.of(customers, items,
                matrix(indexed, customers.size(), items.size()), policy));
    }

    /** Dense ids 0..n-1 in Spark's sort order of the distinct external ids. */
    private static Dataset<Row> denseIds(Dataset<Row> pairs, String column, String idColumn) {
        SparkSession spark = pairs.sparkSession();
        var ids = pairs.select(column).distinct().javaRDD().map(r -> r.getString(0)).sortBy(s -> s, true, 0)
                .zipWithIndex().map(t -> RowFactory.create(t._1(), Math.toIntExact(t._2())));
        return spark.createDataFrame(ids, new StructType().add(column, DataTypes.StringType, false)
                .add(idColumn, DataTypes.IntegerType, false));
    }

    private static IdIndex index(Dataset<Row> ids, String column, String idColumn) {
        List<Row> rows = ids.orderBy(idColumn).collectAsList();
        IdIndex index = new IdIndex();
        for (Row row : rows) {
            int dense = index.idOf(row.getString(0));
            if (dense != row.getInt(1)) {
                throw new IllegalStateException("dense ids out of order at " + row);
            }
        }
        return index.frozenCopy();
    }

    private static SparseMatrix matrix(Dataset<Row> indexed, int customers, int items) {
        List<Row> rows = indexed.orderBy("cid", "iid").collectAsList();
        int[] rowPointers = new int[customers + 1];
        int[] columns = new int[rows.size()];
        float[] values = new float[rows.size()];
        for (int p = 0; p < rows.size(); p++) {
            Row row = rows.get(p);
            rowPointers[row.getInt(0) + 1]++;
            columns[p] = row.getInt(1);
            values[p] = row.getFloat(2);
        }
        for (int c = 0; c < customers; c++) {
            rowPointers[c + 1] += rowPointers[c];
        }
        return new SparseMatrix(customers, items, rowPointers, columns, values);
    }
}
