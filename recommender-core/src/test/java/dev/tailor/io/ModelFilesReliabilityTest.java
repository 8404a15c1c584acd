package dev.tailor.io;

import dev.tailor.internal.ArrayCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading as a service that hot-reloads models sees them (issue #12, items 9 to 13). */
class ModelFilesReliabilityTest {
    private static final String FORMAT = "tailor.test";

    @TempDir
    Path dir;

    private static void writeVersion(Path file, int value, int count) throws IOException {
        ModelFiles.write(file, FORMAT, 1, out -> {
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeInt(value);
            }
        });
    }

    /** Reads the file and checks every int is the same: a mix of two versions would show. */
    private static int readVersion(Path file) throws IOException {
        return ModelFiles.read(file, FORMAT, 1, (in, version) -> {
            int[] values = ArrayCodec.readInts(in, 1 << 24);
            for (int v : values) {
                if (v != values[0]) {
                    throw new AssertionError("a mixed file was read");
                }
            }
            return values[0];
        });
    }

    private static List<Path> temporaries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void readingWhileAnotherThreadReplacesTheFileAlwaysGivesOneWholeVersion() throws Exception {
        Path file = dir.resolve("hot.model");
        writeVersion(file, 0, 50_000);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int v = 1; !stop.get(); v++) {
                    writeVersion(file, v, 50_000 + (v % 3) * 1000); // sizes differ, so a mixed read cannot line up
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        });
        writer.start();
        try {
            for (int r = 0; r < 300; r++) {
                readVersion(file);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertNull(writerFailure.get());
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneFollowsTheUmask() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("shared.model");
        writeVersion(file, 1, 10);
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file),
                "a new model file gets what the umask gives any new file, not 0600");
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(file, shared);
        writeVersion(file, 2, 10);
        assertEquals(shared, Files.getPosixFilePermissions(file));
        Set<PosixFilePermission> group = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, group);
        writeVersion(file, 3, 10);
        assertEquals(group, Files.getPosixFilePermissions(file));
    }

    /** Defect (#30, item 7): the temporary of a save was 0644 while it replaced a 0600 model. */
    @Test
    void theTemporaryOfASaveHasTheReplacedFilesPermissionsFromTheStart() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("private.model");
        writeVersion(file, 1, 10);
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(file, owner);
        List<Set<PosixFilePermission>> seen = new java.util.ArrayList<>();
        dev.tailor.io.ModelFiles.write(file, "test.version", 1, out -> {
            for (Path temporary : temporaries(dir)) {
                seen.add(Files.getPosixFilePermissions(temporary));
            }
            out.writeInt(2);
        });
        assertEquals(List.of(owner), seen, "the temporary while the payload is written");
        assertEquals(owner, Files.getPosixFilePermissions(file));
    }

    @Test
    void temporaryFilesLeftByADeadWriterAreRemovedButALiveWritersAreNot() throws IOException {
        Path file = dir.resolve("m.model");
        Path stale = Files.writeString(dir.resolve(".m.model.dead1.tmp"), "half a model");
        Path live = Files.writeString(dir.resolve(".m.model.live1.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".other.model.x.tmp"), "another target's");
        try (FileChannel channel = FileChannel.open(live, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            writeVersion(file, 1, 10);
            assertFalse(Files.exists(stale));
            assertTrue(Files.exists(live), "a writer holding its lock keeps its file");
        }
        assertTrue(Files.exists(other), "temporary files of other targets are left alone");
        assertEquals(1, readVersion(file));
    }

    /** Run by a forked JVM: starts a save and never finishes it. */
    public static void main(String[] args) throws IOException {
        ModelFiles.write(Path.of(args[0]), FORMAT, 1, out -> {
            out.writeInt(1);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aSaveKilledWithSigkillLeavesATemporaryFileThatTheNextSaveRemoves() throws Exception {
        Path file = dir.resolve("killed.model");
        writeVersion(file, 7, 10);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ModelFilesReliabilityTest.class.getName(), file.toString())).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader output = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
            String line;
            while ((line = output.readLine()) != null && !line.equals("writing")) {
                // Skips whatever the JVM or logging prints first.
            }
            assertEquals("writing", line, "the forked save did not start");
            assertEquals(1, temporaries(dir).size(), "the save in progress has its temporary file");
        } finally {
            process.destroyForcibly(); // SIGKILL on Linux
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(7, readVersion(file), "the old file is untouched");
        assertEquals(1, temporaries(dir).size());
        writeVersion(file, 8, 10);
        assertEquals(List.of(), temporaries(dir), "the next save cleans up");
        assertEquals(8, readVersion(file));
    }

    @Test
    void everyRefusalNamesTheFile() throws IOException {
        ModelFileException folder = assertThrows(ModelFileException.class, () -> readVersion(dir));
        assertTrue(folder.getMessage().startsWith(dir.toString()), folder.getMessage());
        assertThrows(IOException.class, () -> writeVersion(dir, 1, 1));

        Path badUtf = dir.resolve("utf.model");
        ModelFiles.write(badUtf, FORMAT, 1, out -> {
            out.writeShort(2);
            out.write(new byte[] {(byte) 0xC0, (byte) 0x41}); // not modified UTF-8
        });
        ModelFileException utf = assertThrows(ModelFileException.class,
                () -> ModelFiles.read(badUtf, FORMAT, 1, (in, version) -> in.readUTF()));
        assertTrue(utf.getMessage().startsWith(badUtf.toString()), utf.getMessage());

        Path leftover = dir.resolve("leftover.model");
        ModelFiles.write(leftover, FORMAT, 1, out -> {
            out.writeInt(1);
            out.writeInt(2);
        });
        ModelFileException extra = assertThrows(ModelFileException.class,
                () -> ModelFiles.read(leftover, FORMAT, 1, (in, version) -> in.readInt()));
        assertTrue(extra.getMessage().contains("4 payload bytes are left over"), extra.getMessage());
    }

    @Test
    void aLengthTheFileCannotHoldIsRefusedBeforeAllocating() throws IOException {
        Path file = dir.resolve("huge-length.model");
        ModelFiles.write(file, FORMAT, 1, out -> {
            out.writeInt(Integer.MAX_VALUE - 8); // an array of 2^31 ints announced, 8 bytes present
            out.writeLong(0);
        });
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFiles.read(file, FORMAT, 1, (in, version) -> ArrayCodec.readInts(in, Integer.MAX_VALUE)));
        assertTrue(e.getMessage().contains("only 8 are left"), e.getMessage());
    }
}
