package dev.tailor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.internal.Pacing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    private Path writeSample() throws IOException {
        Path file = dir.resolve("model.bin");
        ModelFiles.write(file, "tailor.test", 2, out -> {
            out.writeInt(42);
            out.writeUTF("hello");
        });
        return file;
    }

    private static String readSample(Path file) throws IOException {
        return ModelFiles.read(file, "tailor.test", 2, (in, version) -> in.readInt() + ":" + in.readUTF() + ":v" + version);
    }

    @Test
    void aPacedLoadReadsTheSameAndPausesInProportionToItsWork() throws IOException {
        Path file = dir.resolve("large.bin");
        java.util.Random random = new java.util.Random(5);
        int[] values = random.ints(4_000_000).toArray();
        ModelFiles.write(file, "tailor.test", 1, out -> dev.tailor.internal.ArrayCodec.writeInts(values, out));
        ModelFiles.PayloadReader<int[]> reader = (in, version) -> {
            int[] read = dev.tailor.internal.ArrayCodec.readInts(in, Integer.MAX_VALUE);
            long sum = 0;
            for (int round = 0; round < 20; round++) { // some work of its own beside the reading, paced at checkpoints
                for (int i = 0; i < read.length; i += 4096) {
                    Pacing.pace();
                    for (int j = i; j < Math.min(read.length, i + 4096); j++) {
                        sum += read[j] ^ round;
                    }
                }
            }
            return sum == 42 ? new int[0] : read;
        };
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int[] paced = Pacing.paced(0.1, () -> ModelFiles.read(file, "tailor.test", 1, reader));
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        wall = System.nanoTime() - wall;
        assertTrue(Arrays.equals(values, paced));
        // At a tenth of a core the load sleeps about nine times its CPU time; three times is a bound no scheduling misses.
        assertTrue(wall >= 3 * cpu, "wall " + wall / 1e6 + " ms for " + cpu / 1e6 + " ms of CPU");
        assertTrue(Arrays.equals(values, Pacing.paced(1, () -> ModelFiles.read(file, "tailor.test", 1, reader))));
        Pacing.pace(); // outside a paced load: nothing
        assertThrows(IllegalArgumentException.class, () -> Pacing.paced(0, () -> "never"));
        assertThrows(IllegalArgumentException.class, () -> Pacing.paced(1.5, () -> "never"));
        assertThrows(IllegalArgumentException.class, () -> dev.tailor.offer.LiveOffers.builder(
                dev.tailor.offer.Offers.builder(dev.tailor.data.TestLogs.twoTasteGroups(), dev.tailor.data.Catalog.builder(
                        dev.tailor.data.TestLogs.twoTasteGroups().items()).build()).build(), java.time.Instant.EPOCH)
                .reloadShare(0));
    }

    @Test
    void roundTripsAndLeavesNoTemporaryFiles() throws IOException {
        Path file = writeSample();
        assertEquals("42:hello:v2", readSample(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void refusesAFlippedByteAsCorrupt() throws IOException {
        Path file = writeSample();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 25] ^= 0x10;
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> readSample(file));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        Path file = writeSample();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        ModelFileException e = assertThrows(ModelFileException.class, () -> readSample(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesForeignFilesOtherFormatsAndNewerVersions() throws IOException {
        Path foreign = dir.resolve("foreign.bin");
        Files.writeString(foreign, "user,item\n1,2\n");
        assertTrue(assertThrows(ModelFileException.class, () -> readSample(foreign)).getMessage().contains("not a Tailor file"));

        Path other = dir.resolve("other.bin");
        ModelFiles.write(other, "tailor.other", 1, out -> out.writeInt(1));
        assertTrue(assertThrows(ModelFileException.class, () -> readSample(other)).getMessage().contains("tailor.other"));

        Path newer = dir.resolve("newer.bin");
        ModelFiles.write(newer, "tailor.test", 3, out -> out.writeInt(1));
        assertTrue(assertThrows(ModelFileException.class, () -> readSample(newer)).getMessage().contains("version 3"));

        assertTrue(assertThrows(ModelFileException.class, () -> readSample(dir.resolve("missing.bin")))
                .getMessage().contains("no such file"));
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact() throws IOException {
        Path file = writeSample();
        assertThrows(IOException.class, () -> ModelFiles.write(file, "tailor.test", 2, out -> {
            out.writeInt(7);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("42:hello:v2", readSample(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
