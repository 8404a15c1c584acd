package dev.tailor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.datasets.generator.GeneratedShop;
import dev.tailor.datasets.generator.ShopFiles;
import dev.tailor.datasets.generator.ShopGenerator;
import dev.tailor.io.ModelRegistry;
import dev.tailor.recommend.als.FactorModel;
import dev.tailor.spark.TailorSparkTest.Run;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on a Spark cluster whose executors are JVMs of their own (#30 item 14): {@code local-cluster[2,1,1024]},
 * a master and two workers started from Spark's own classes, each worker launching its executor as a separate
 * process — so rows, models and errors really cross process boundaries, as on a real cluster. Runs in its own
 * surefire execution (the {@code cluster} one), whose working directory is a Spark home made from the test's class
 * path: its {@code jars} links every jar, and the executors get the module's class folders.
 */
class SparkClusterTest {
    private static final String CLUSTER = "local-cluster[2,1,1024]";

    @BeforeAll
    static void sparkHomeFromTheClassPath() throws IOException {
        Path home = Path.of("").toAbsolutePath();
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        // Where Spark's launcher looks for a build's Scala version.
        Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
        List<String> folders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                folders.add(path.toString());
            } else if (entry.endsWith(".jar") && !Files.exists(jars.resolve(path.getFileName()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(jars.resolve(path.getFileName()), path);
            }
        }
        // Every session the jobs start reads these (SparkConf takes spark.* system properties).
        System.setProperty("spark.executor.extraClassPath", String.join(File.pathSeparator, folders));
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.sql.shuffle.partitions", "4");
    }

    private static GeneratedShop shop(Path dir, long seed) throws IOException {
        GeneratedShop shop = ShopGenerator.builder().seed(seed).customers(100).items(60).build().generate();
        shop.writeCsv(dir);
        return shop;
    }

    /** A generated shop's events with "last tuesday" for the time of one line. */
    private static Path eventsWithABadTime(Path dir, long seed, int line) throws IOException {
        shop(dir, seed);
        Path events = dir.resolve(ShopFiles.EVENTS);
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.set(line, lines.get(line).replaceFirst(",20\\d\\d-[^,]*,", ",last tuesday,"));
        Files.write(events, lines);
        return events;
    }

    @Test
    void executorsRunInProcessesOfTheirOwn() {
        SparkSession spark = SparkSession.builder().master(CLUSTER).appName("executors").getOrCreate();
        try {
            long driver = ProcessHandle.current().pid();
            List<Long> executors = spark.range(0, 100, 1, 4).javaRDD()
                    .mapPartitions(rows -> List.of(ProcessHandle.current().pid()).iterator()).collect();
            assertFalse(executors.contains(driver), "executor processes " + executors + ", driver " + driver);
        } finally {
            spark.stop();
        }
    }

    @Test
    void alsAndOffersRunOnTheClusterAndTheCoreLoadsWhatTheyWrite(@TempDir Path dir) throws IOException {
        GeneratedShop shop = shop(dir, 6);
        Path events = dir.resolve(ShopFiles.EVENTS);
        Path model = dir.resolve("als.tailor");
        // Through Hadoop's file system API, as an s3a:// or hdfs:// target would be written.
        Run als = TailorSparkTest.run("als", "--events", events.toString(), "--factors", "8", "--iterations", "3",
                "--out", model.toUri().toString(), "--master", CLUSTER);
        assertEquals(0, als.code(), als.err());
        FactorModel loaded = ModelRegistry.load(model, FactorModel.class);
        assertEquals(shop.events().customers().size(), loaded.customers().size());

        Path offers = dir.resolve("offers");
        Run batch = TailorSparkTest.run("offers", "--events", events.toString(), "--model", model.toString(),
                "--catalog", dir.resolve(ShopFiles.CATALOG).toString(), "--as-of",
                java.time.Instant.ofEpochSecond(shop.events().maxEpochSecond()).toString(), "-n", "5", "--out",
                offers.toString(), "--master", CLUSTER);
        assertEquals(0, batch.code(), batch.err());
        SparkSession reader = SparkSession.builder().master("local[1]").appName("reader").getOrCreate();
        try {
            assertEquals(shop.events().customers().size(),
                    reader.read().parquet(offers.toString()).select("customer").distinct().count());
        } finally {
            reader.stop();
        }
    }

    @Test
    void aBadRowFailsTheApplicationWithExitCodeOneNamingTheRow(@TempDir Path dir) throws IOException {
        Path events = eventsWithABadTime(dir, 7, 40);
        Run bad = TailorSparkTest.run("als", "--events", events.toString(), "--out", dir.resolve("m.tailor").toString(),
                "--master", CLUSTER);
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("'time'") && bad.err().contains("last tuesday"), bad.err());
        assertFalse(Files.exists(dir.resolve("m.tailor")), "no model from bad input");
    }

    @Test
    void lenientRunsReportTheSkippedRowsFromTheExecutorsOnTheDriver(@TempDir Path dir) throws IOException {
        Path events = eventsWithABadTime(dir, 8, 25);
        Path model = dir.resolve("lenient.tailor");
        Run lenient = TailorSparkTest.run("als", "--events", events.toString(), "--lenient", "--factors", "4",
                "--iterations", "2", "--out", model.toString(), "--master", CLUSTER);
        assertEquals(0, lenient.code(), lenient.err());
        assertTrue(lenient.out().contains("1 skipped"), lenient.out());
        assertTrue(lenient.err().contains("skipped: ") && lenient.err().contains("partition")
                && lenient.err().contains("last tuesday"), lenient.err());
        assertTrue(Files.exists(model));
    }
}
