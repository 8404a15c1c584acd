package dev.tailor.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Writes model files by hand for other packages' tests: crafted payloads that no trainer would produce. */
public final class RawModelFiles {
    /** Writes a payload. */
    @FunctionalInterface
    public interface Payload {
        /** Writes it. */
        void write(DataOutputStream out) throws IOException;
    }

    private RawModelFiles() {
    }

    /** A valid file (header, checksum, trailer) of this format and version around the payload. */
    public static void write(Path file, String format, int version, Payload payload) throws IOException {
        ModelFiles.write(file, format, version, payload::write);
    }
}
