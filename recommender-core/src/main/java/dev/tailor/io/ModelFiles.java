package dev.tailor.io;

import dev.tailor.internal.AtomicFiles;
import dev.tailor.internal.Pacing;
import dev.tailor.internal.ReadSharing;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Writes and reads Tailor's binary files.
 *
 * <p>Layout: magic {@code "TAILOR\u0000\u0001"} (8 bytes), format name (modified UTF-8), format version
 * (int), payload, then a trailer: payload length (long), CRC32C of everything before the trailer (int),
 * and the magic again.
 *
 * <p>Writing is atomic ({@link AtomicFiles}): a reader sees the old file or the new one, never half of one.
 *
 * <p>Reading opens the file once and reads everything from that one open file — header, trailer,
 * checksum, payload — so a file replaced while it is being read is read whole as the old version. The
 * checksum is verified before the payload is parsed; payload readers see the exact number of bytes left
 * ({@link DataInputStream#available()}) and use it to refuse lengths the file cannot hold before
 * allocating; a payload that is not consumed exactly is refused too. One read shares equal texts and values among
 * its parts ({@link ReadSharing}) and runs at the share of a core its caller set ({@link Pacing}).
 *
 * <p>Thread-safety: stateless; concurrent writes to the same target leave one of them whole.
 */
final class ModelFiles {
    private static final byte[] MAGIC = "TAILOR\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);
    private static final int TRAILER_BYTES = 8 + 4 + MAGIC.length;

    private ModelFiles() {
    }

    /** Writes the payload of a file. */
    @FunctionalInterface
    interface PayloadWriter {
        /** Writes the payload. */
        void write(DataOutputStream out) throws IOException;
    }

    /** Parses the payload of a file. */
    @FunctionalInterface
    interface PayloadReader<T> {
        /**
         * Parses the payload.
         *
         * @param in the payload; {@code available()} is the exact number of payload bytes left
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
    static void write(Path target, String format, int version, PayloadWriter payload) throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        AtomicFiles.atomically(target, "a model", channel -> {
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
        });
    }

    /**
     * Reads and verifies a file.
     *
     * @param format the expected format name
     * @param maxVersion the newest version this code understands
     * @throws ModelFileException naming the file, if it is missing, a folder, not a Tailor file, of another
     *     format, of a newer version, truncated, corrupt, or its payload is not what the reader expects
     * @throws IOException if reading fails for another reason
     */
    static <T> T read(Path source, String format, int maxVersion, PayloadReader<T> reader) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reader, "reader");
        if (Files.isDirectory(source)) {
            throw new ModelFileException(source + ": is a folder, not a model file");
        }
        try (FileChannel channel = open(source)) {
            long size = channel.size();
            Header header = readHeader(source, channel, size);
            if (!header.format.equals(format)) {
                throw new ModelFileException(source + ": holds a '" + header.format + "', not a '" + format + "'");
            }
            int version = header.version;
            if (version > maxVersion || version < 1) {
                throw new ModelFileException(source + ": format '" + format + "' version " + version
                        + " is not supported (this Tailor reads versions 1 to " + maxVersion + "; a newer Tailor wrote it?)");
            }
            long headerLength = header.length;
            if (size < headerLength + TRAILER_BYTES) {
                throw new ModelFileException(source + ": truncated (" + size + " bytes, too short for header and trailer)");
            }
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            readFully(channel, trailer, size - TRAILER_BYTES, source);
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
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (long position = 0, end = size - TRAILER_BYTES; position < end; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new ModelFileException(source + ": truncated while reading");
                }
                buffer.flip();
                crc.update(buffer);
                position += n;
            }
            if ((int) crc.getValue() != storedCrc) {
                throw new ModelFileException(source + ": corrupt (CRC32C checksum mismatch)");
            }
            channel.position(headerLength);
            InputStream payload = Pacing.paced(new BoundedInputStream(Channels.newInputStream(channel), payloadLength));
            DataInputStream in = new DataInputStream(new UnsynchronizedBufferedInputStream(payload, 1 << 16));
            T result;
            boolean opened = ReadSharing.open();
            try {
                result = reader.read(in, version);
            } catch (EOFException e) {
                throw new ModelFileException(source + ": the payload ends early for format '" + format + "' version " + version);
            } catch (ModelFileException e) {
                throw e.getMessage().startsWith(source.toString()) ? e : named(source, format, e);
            } catch (IOException | RuntimeException e) {
                throw named(source, format, e);
            } finally {
                if (opened) {
                    ReadSharing.close();
                }
            }
            int left = in.available();
            if (left > 0) {
                throw new ModelFileException(source + ": not a valid '" + format + "' (" + left
                        + " payload bytes are left over after reading it)");
            }
            return result;
        }
    }

    private static ModelFileException named(Path source, String format, Exception cause) {
        String detail = cause instanceof UTFDataFormatException ? "a text field is not valid modified UTF-8"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        ModelFileException e = new ModelFileException(source + ": not a valid '" + format + "' (" + detail + ")");
        e.initCause(cause);
        return e;
    }

    /**
     * The format name written in a file's header, without verifying the rest (to choose a reader).
     *
     * @throws ModelFileException if the file is missing or not a Tailor file
     */
    static String formatOf(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            throw new ModelFileException(source + ": is a folder, not a model file");
        }
        try (FileChannel channel = open(source)) {
            return readHeader(source, channel, channel.size()).format;
        }
    }

    private record Header(String format, int version, long length) {
    }

    private static FileChannel open(Path source) throws IOException {
        try {
            return FileChannel.open(source, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(source + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ModelFileException(source + ": cannot be read (permission denied)");
        }
    }

    private static Header readHeader(Path source, FileChannel channel, long size) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(MAGIC.length + 2);
        if (size < MAGIC.length) {
            throw new ModelFileException(source + ": not a Tailor file (it does not start with the Tailor magic bytes)");
        }
        int got = readUpTo(channel, start, 0);
        byte[] magic = Arrays.copyOf(start.array(), MAGIC.length);
        if (got < MAGIC.length || !Arrays.equals(magic, MAGIC)) {
            throw new ModelFileException(source + ": not a Tailor file (it does not start with the Tailor magic bytes)");
        }
        if (got < MAGIC.length + 2) {
            throw new ModelFileException(source + ": truncated inside the header");
        }
        int nameLength = ((start.get(MAGIC.length) & 0xff) << 8) | (start.get(MAGIC.length + 1) & 0xff);
        ByteBuffer rest = ByteBuffer.allocate(nameLength + 4);
        if (readUpTo(channel, rest, MAGIC.length + 2) < rest.capacity()) {
            throw new ModelFileException(source + ": truncated inside the header");
        }
        byte[] utf = new byte[2 + nameLength];
        utf[0] = start.get(MAGIC.length);
        utf[1] = start.get(MAGIC.length + 1);
        System.arraycopy(rest.array(), 0, utf, 2, nameLength);
        String format;
        try {
            format = new DataInputStream(new ByteArrayInputStream(utf)).readUTF();
        } catch (UTFDataFormatException e) {
            throw new ModelFileException(source + ": damaged header (the format name is not valid text)");
        }
        int version = ByteBuffer.wrap(rest.array(), nameLength, 4).getInt();
        return new Header(format, version, MAGIC.length + 2L + nameLength + 4);
    }

    private static int readUpTo(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path source) throws IOException {
        if (readUpTo(channel, buffer, position) < buffer.capacity()) {
            throw new ModelFileException(source + ": truncated while reading");
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

    /**
     * The next {@code length} bytes of a payload as a stream of their own whose {@code available()} is exact: for a
     * part of a composite file, read by its own format. Reading it advances {@code in}.
     */
    static DataInputStream part(DataInputStream in, long length) {
        return new DataInputStream(new BoundedInputStream(in, length));
    }

    /**
     * A buffered stream for one reader thread: {@link BufferedInputStream}'s reads are synchronized, and a payload is
     * read a few bytes at a time ({@code readInt}, varints, {@code readUTF}), so the locking cost more than the reading
     * (measured: most of the time to load a 100,000-item offers model). {@code available()} stays exact.
     */
    private static final class UnsynchronizedBufferedInputStream extends InputStream {
        private final InputStream in;
        private final byte[] buffer;
        private int position;
        private int limit;

        UnsynchronizedBufferedInputStream(InputStream in, int size) {
            this.in = in;
            this.buffer = new byte[size];
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        }

        @Override
        public int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position == limit) {
                if (len >= buffer.length) {
                    return in.read(b, off, len);
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() throws IOException {
            long left = (long) (limit - position) + in.available();
            return (int) Math.min(Integer.MAX_VALUE, left);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The payload: ends where the trailer starts, and knows exactly how much is left. */
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

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, remaining);
        }

        @Override
        public void close() {
            // The channel belongs to ModelFiles.read.
        }
    }
}
