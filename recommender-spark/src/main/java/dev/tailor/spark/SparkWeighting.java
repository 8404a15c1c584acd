package dev.tailor.spark;

import dev.tailor.data.EventKind;
import dev.tailor.data.FitFeedback;
import dev.tailor.matrix.WeightingPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The (customer, item) weights of the core's {@link WeightingPolicy}, computed in Spark: each event's
 * {@link WeightingPolicy#contribution contribution} on the executors, summed per pair, then
 * {@link WeightingPolicy#pairWeight}, by the policy's own code. Pairs whose weight is 0 are dropped, as the core
 * drops them; without an as-of time, decay is relative to the latest event, as in the core.
 */
public final class SparkWeighting {
    /** The schema of the weighted pairs. */
    public static final StructType SCHEMA = new StructType()
            .add("customer", DataTypes.StringType, false)
            .add("item", DataTypes.StringType, false)
            .add("weight", DataTypes.FloatType, false);

    private SparkWeighting() {
    }

    /**
     * Weighted pairs from events of {@link SparkEvents#SCHEMA}.
     *
     * @return rows of {@link #SCHEMA}
     */
    public static Dataset<Row> pairs(Dataset<Row> events, WeightingPolicy policy) {
        Objects.requireNonNull(events, "events");
        byte[] policyBytes = bytes(Objects.requireNonNull(policy, "policy"));
        long asOf;
        if (policy.asOf().isPresent()) {
            asOf = policy.asOf().get().getEpochSecond();
        } else {
            Row latest = events.agg(org.apache.spark.sql.functions.max("epoch_second")).head();
            asOf = latest.isNullAt(0) ? 0 : latest.getLong(0);
        }
        boolean cut = policy.asOf().isPresent();
        JavaRDD<Row> weighted = events.javaRDD().mapPartitions(rows -> {
            WeightingPolicy local = policy(policyBytes);
            java.util.List<Tuple2<Tuple2<String, String>, Double>> out = new java.util.ArrayList<>();
            int returnOrdinal = EventKind.RETURN.ordinal();
            while (rows.hasNext()) {
                Row row = rows.next();
                long time = row.getLong(2);
                if (cut && time > asOf) {
                    continue;
                }
                int kind = EventKind.valueOf(row.getString(3)).ordinal();
                boolean badFit = kind == returnOrdinal && FitFeedback.valueOf(row.getString(7)).isBadFit();
                out.add(new Tuple2<>(new Tuple2<>(row.getString(0), row.getString(1)),
                        local.contribution(kind, badFit, time, asOf)));
            }
            return out.iterator();
        }).mapToPair(t -> t).reduceByKey(Double::sum).mapPartitions(sums -> {
            WeightingPolicy local = policy(policyBytes);
            java.util.List<Row> out = new java.util.ArrayList<>();
            while (sums.hasNext()) {
                Tuple2<Tuple2<String, String>, Double> pair = sums.next();
                if (pair._2() == 0.0) {
                    continue;
                }
                float weight = (float) local.pairWeight(pair._2());
                out.add(RowFactory.create(pair._1()._1(), pair._1()._2(), weight));
            }
            return out.iterator();
        });
        return events.sparkSession().createDataFrame(weighted, SCHEMA);
    }

    static byte[] bytes(WeightingPolicy policy) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            policy.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static WeightingPolicy policy(byte[] bytes) {
        try {
            return WeightingPolicy.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
