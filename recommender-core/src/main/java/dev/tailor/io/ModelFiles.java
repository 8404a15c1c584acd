package dev.tailor.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Writes and reads Tailor's binary files.
 *
 * <p>Layout: magic {@code "TAILOR\u0000\u0001"} (8 bytes), format name (modified UTF-8), format version
 * (int), payload, then a trailer: payload length (long), CRC32C of everything before the trailer (int),
 * and the magic again. Writing goes to a temporary file in the target's folder, which is forced to disk
 * and then moved over the target in one atomic step, so a reader sees the old file or the new one,
 * never half of one. Reading checks the checksum over the whole file before the payload is parsed.
 *
 * <p>Thread-safety: stateless; concurrent writes to the same target leave one of them whole.
 */
public final class ModelFiles {
    private static final byte[] MAGIC = "TAILOR\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);
    private static final int TRAILER_BYTES = 8 + 4 + MAGIC.length;

    private ModelFiles() {
    }

    /** Writes the payload of a file. */
    @FunctionalInterface
    public interface PayloadWriter {
        /** Writes the payload. */
        void write(DataOutputStream out) throws IOException;
    }

    /** Parses the payload of a file. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        /**
         * Parses the payload.
         *
         * @param version the version found in the file (at most the reader's supported version)
         */
        T read(DataInputStream in, int version) throws IOException;
    }

    /**
     * Writes a file atomically.
     *
     * @param format the format name, e.g. {@code "tailor.id-index"}
     * @param version the format version, at least 1
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void write(Path target, String format, int version, PayloadWriter payload) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                CRC32C crc = new CRC32C();
                CountingChecksumStream counted = new CountingChecksumStream(Channels.newOutputStream(channel), crc);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(counted, 1 << 16));
                out.write(MAGIC);
                out.writeUTF(format);
                out.writeInt(version);
                long payloadStart = headerLength(format);
                payload.write(out);
                out.flush();
                long payloadLength = counted.count - payloadStart;
                ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
                trailer.putLong(payloadLength).putInt((int) crc.getValue()).put(MAGIC).flip();
                while (trailer.hasRemaining()) {
                    channel.write(trailer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(target + ": the file system cannot replace files atomically", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads and verifies a file.
     *
     * @param format the expected format name
     * @param maxVersion the newest version this code understands
     * @throws ModelFileException if the file is missing, not a Tailor file, of another format, of a newer
     *     version, truncated or corrupt; the message says which
     * @throws IOException if reading fails for another reason
     */
    public static <T> T read(Path source, String format, int maxVersion, PayloadReader<T> reader) throws IOException {
        Objects.requireNonNull(source, "source");
        long size;
        try {
            size = Files.size(source);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(source + ": no such file");
        }
        long headerLength = headerLength(format);
        if (size < MAGIC.length || !startsWithMagic(source)) {
            throw new ModelFileException(source + ": not a Tailor file (it does not start with the Tailor magic bytes)");
        }
        String foundFormat;
        int version;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(source)))) {
            in.skipNBytes(MAGIC.length);
            foundFormat = in.readUTF();
            version = in.readInt();
        } catch (EOFException e) {
            throw new ModelFileException(source + ": truncated inside the header");
        }
        if (!foundFormat.equals(format)) {
            throw new ModelFileException(source + ": holds a '" + foundFormat + "', not a '" + format + "'");
        }
        if (version > maxVersion || version < 1) {
            throw new ModelFileException(source + ": format '" + format + "' version " + version
                    + " is not supported (this Tailor reads versions 1 to " + maxVersion + "; a newer Tailor wrote it?)");
        }
        if (size < headerLength + TRAILER_BYTES) {
            throw new ModelFileException(source + ": truncated (" + size + " bytes, too short for header and trailer)");
        }
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            channel.position(size - TRAILER_BYTES);
            while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
                // Reads until the trailer is full.
            }
        }
        trailer.flip();
        long payloadLength = trailer.getLong();
        int storedCrc = trailer.getInt();
        byte[] endMagic = new byte[MAGIC.length];
        trailer.get(endMagic);
        if (!Arrays.equals(endMagic, MAGIC) || payloadLength != size - headerLength - TRAILER_BYTES) {
            throw new ModelFileException(source + ": truncated or damaged (the trailer does not match the file's "
                    + size + " bytes)");
        }
        CRC32C crc = new CRC32C();
        try (InputStream in = Files.newInputStream(source)) {
            byte[] buffer = new byte[1 << 16];
            long remaining = size - TRAILER_BYTES;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new ModelFileException(source + ": truncated while reading");
                }
                crc.update(buffer, 0, n);
                remaining -= n;
            }
        }
        if ((int) crc.getValue() != storedCrc) {
            throw new ModelFileException(source + ": corrupt (CRC32C checksum mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(source), 1 << 16))) {
            in.skipNBytes(headerLength);
            return reader.read(new DataInputStream(new BoundedInputStream(in, payloadLength)), version);
        } catch (EOFException e) {
            throw new ModelFileException(source + ": the payload ends early for format '" + format + "' version " + version);
        }
    }

    /**
     * The format name written in a file's header, without verifying the rest (to choose a reader).
     *
     * @throws ModelFileException if the file is missing or not a Tailor file
     */
    public static String formatOf(Path source) throws IOException {
        if (!Files.exists(source)) {
            throw new ModelFileException(source + ": no such file");
        }
        if (!startsWithMagic(source)) {
            throw new ModelFileException(source + ": not a Tailor file (it does not start with the Tailor magic bytes)");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(source)))) {
            in.skipNBytes(MAGIC.length);
            return in.readUTF();
        } catch (EOFException e) {
            throw new ModelFileException(source + ": truncated inside the header");
        }
    }

    private static boolean startsWithMagic(Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    private static long headerLength(String format) {
        int utfLength = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            utfLength += c >= 0x0001 && c <= 0x007F ? 1 : c > 0x07FF ? 3 : 2;
        }
        return MAGIC.length + 2L + utfLength + 4;
    }

    private static final class CountingChecksumStream extends OutputStream {
        private final OutputStream out;
        private final CRC32C crc;
        private long count;

        CountingChecksumStream(OutputStream out, CRC32C crc) {
            this.out = out;
            this.crc = crc;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
