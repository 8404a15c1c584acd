package dev.tailor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as a user gets it: unpacked into a folder outside the source tree, {@code bin/tailor demo}
 * runs from there with the Vector API on, and {@code bin/tailor-spark} hands spark-submit the job class, the jars of
 * {@code lib/spark} and the JVM options (a stand-in spark-submit records what it was given). Runs after
 * {@code package} (failsafe), on the archive the build just made.
 */
class DistributionIT {
    @TempDir
    Path dir;

    private Path unpack() throws IOException {
        Path[] archives;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            archives = files.filter(p -> p.getFileName().toString().matches("tailor-.*\\.zip")).toArray(Path[]::new);
        }
        assertEquals(1, archives.length, "one distribution zip in target/");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archives[0]))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path to = dir.resolve(entry.getName()).normalize();
                assertTrue(to.startsWith(dir), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(zip, to);
                }
            }
        }
        Path home;
        try (Stream<Path> top = Files.list(dir)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // Zip entries carry no Unix modes through ZipInputStream; the tar.gz does. Set what the tar.gz holds.
        for (String script : List.of("bin/tailor", "bin/tailor-spark")) {
            Files.setPosixFilePermissions(home.resolve(script), java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        }
        return home;
    }

    private record Result(int code, String output) {
    }

    private Result run(Path workingDir, Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "finished in time");
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void binTailorRunsTheDemoFromAnUnpackedCopyWithTheSimdPath() throws Exception {
        Path home = unpack();
        assertTrue(Files.isRegularFile(home.resolve("lib/tailor.jar")));
        assertTrue(Files.isRegularFile(home.resolve("LICENSE")) && Files.isRegularFile(home.resolve("NOTICE")));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Result demo = run(elsewhere, Map.of("TAILOR_OPTS", "-Xmx2g"), home.resolve("bin/tailor").toString(), "demo",
                "--customers", "300", "-k", "5", "-v");
        assertEquals(0, demo.code(), demo.output());
        assertTrue(demo.output().contains("offers for customer"), demo.output());
        assertTrue(demo.output().contains("factor scoring: SIMD kernels"), "-v says which path is active: " + demo.output());
    }

    @Test
    void binTailorSparkSubmitsTheJobWithItsJarsAndTheVectorModule() throws Exception {
        Path home = unpack();
        Path spark = Files.createDirectories(dir.resolve("spark/bin"));
        Path submit = spark.resolve("spark-submit");
        Path record = dir.resolve("submitted.txt");
        Files.writeString(submit, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + record + "'\n");
        Files.setPosixFilePermissions(submit, java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_EXECUTE));
        Result result = run(dir, Map.of("SPARK_HOME", dir.resolve("spark").toString()), home.resolve("bin/tailor-spark").toString(),
                "--master", "local[2]", "als", "--events", "events with spaces.csv", "--out", "als.tailor");
        assertEquals(0, result.code(), result.output());
        List<String> arguments = new ArrayList<>(Files.readAllLines(record));
        int job = arguments.indexOf("als");
        assertEquals(List.of("--master", "local[2]"), arguments.subList(0, 2), "Spark's options first: " + arguments);
        assertEquals(List.of("als", "--events", "events with spaces.csv", "--out", "als.tailor"),
                arguments.subList(job, arguments.size()), "the job's arguments last, each kept whole: " + arguments);
        assertEquals("dev.tailor.spark.TailorSpark", arguments.get(arguments.indexOf("--class") + 1));
        assertTrue(arguments.get(job - 1).matches(".*/lib/spark/recommender-spark-[^/]*\\.jar"), arguments.toString());
        String jars = arguments.get(arguments.indexOf("--jars") + 1);
        for (String needed : List.of("recommender-core-", "recommender-datasets-", "ojalgo-", "caffeine-")) {
            assertTrue(jars.contains("/lib/spark/" + needed), needed + " in " + jars);
        }
        assertTrue(arguments.contains("--add-modules=jdk.incubator.vector"), arguments.toString());
        assertTrue(arguments.contains("spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector"), arguments.toString());
    }
}
