package dev.tailor.io;

import dev.tailor.internal.ModelFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
