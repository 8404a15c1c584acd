package dev.tailor.spark;

import dev.tailor.io.ModelRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Where a job's model files go: a plain path is written by the core as everywhere (atomically, with a checksum), and
 * a URI of another file system ({@code s3a://…}, {@code hdfs://…}, {@code file://…}) through Hadoop's file system API
 * with the job's Hadoop configuration: the model is written to a local temporary file first and then copied, so
 * what arrives is the checksummed file the core writes (how atomic the copy is, is the file system's: an object
 * store's upload appears whole).
 */
final class ClusterFiles {
    private ClusterFiles() {
    }

    /** Whether a target names a file system by its scheme (a Windows drive letter does not count). */
    static boolean isUri(String target) {
        int colon = target.indexOf("://");
        return colon > 1;
    }

    /**
     * Saves a model where the target says.
     *
     * @throws IOException if it cannot be written; the target is then left as it was
     */
    static void save(SparkSession spark, Object model, String target) throws IOException {
        if (!isUri(target)) {
            ModelRegistry.save(model, Path.of(target));
            return;
        }
        Path local = Files.createTempFile("tailor-model", ".tailor");
        try {
            ModelRegistry.save(model, local);
            URI uri = URI.create(target);
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            FileSystem fileSystem = FileSystem.get(uri, hadoop);
            org.apache.hadoop.fs.Path destination = new org.apache.hadoop.fs.Path(uri);
            fileSystem.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), destination);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
