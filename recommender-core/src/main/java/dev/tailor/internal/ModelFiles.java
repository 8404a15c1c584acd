package dev.tailor.internal;

import dev.tailor.io.ModelFileException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads Tailor's binary files.
 *
 * <p>Layout: magic {@code "TAILOR\u0000\u0001"} (8 bytes), format name (modified UTF-8), format version
 * (int), payload, then a trailer: payload length (long), CRC32C of everything before the trailer (int),
 * and the magic again.
 *
 * <p>Writing goes to a temporary file in the target's folder, which is forced to disk and then moved over
 * the target in one atomic step (and the folder forced too), so a reader sees the old file or the new
 * one, never half of one. The new file keeps the permissions of the file it replaces, or gets the
 * permissions the process's umask gives new files. A writer holds a lock on its temporary file; one
 * left behind by a killed process (no lock) is deleted by the next write to the same target.
 *
 * <p>Reading opens the file once and reads everything from that one open file — header, trailer,
 * checksum, payload — so a file replaced while it is being read is read whole as the old version. The
 * checksum is verified before the payload is parsed; payload readers see the exact number of bytes left
 * ({@link DataInputStream#available()}) and use it to refuse lengths the file cannot hold before
 * allocating; a payload that is not consumed exactly is refused too.
 *
 * <p>Thread-safety: stateless; concurrent writes to the same target leave one of them whole.
 */
public final class ModelFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);
    private static final byte[] MAGIC = "TAILOR\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);
    private static final int TRAILER_BYTES = 8 + 4 + MAGIC.length;
    private static final String TEMP_SUFFIX = ".tmp";

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
    public static void write(Path target, String format, int version, PayloadWriter payload) throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(payload, "payload");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        atomically(target, "a model", channel -> {
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

    /** Writes a text file's content. */
    @FunctionalInterface
    public interface TextWriter {
        /** Writes the text. */
        void write(java.io.Writer out) throws IOException;
    }

    /**
     * Writes a UTF-8 text file (a CSV or JSON Lines export) atomically, as {@link #write} does a model: readers see
     * the old file or the whole new one, and a failure leaves the old one.
     *
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void writeText(Path target, TextWriter body) throws IOException {
        Objects.requireNonNull(body, "body");
        atomically(target, "a file", channel -> {
            java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8), 1 << 16);
            body.write(out);
            out.flush();
        });
    }

    private interface ChannelWriter {
        void write(FileChannel channel) throws IOException;
    }

    /** Writes into a locked temporary beside the target, forces it to disk and moves it over the target. */
    private static void atomically(Path target, String what, ChannelWriter writer) throws IOException {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": cannot write " + what + " there, it is a folder");
        }
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        String prefix = "." + absolute.getFileName() + ".";
        removeStaleTemporaries(folder, prefix);
        Path temporary = createTemporary(folder, prefix, permissionsOf(absolute));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                writer.write(channel);
                channel.force(true);
                keepPermissions(absolute, temporary);
                try {
                    Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException(target + ": the file system cannot replace files atomically", e);
                }
            }
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new empty file: with the permissions of the file it will replace, from its creation on (a model kept 0600 is
     * never readable by others through its temporary, not even one a killed save leaves behind), or, for a new target,
     * with what the umask gives (not the 0600 of {@code createTempFile}).
     */
    private static Path createTemporary(Path folder, String prefix, Set<PosixFilePermission> permissions) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + TEMP_SUFFIX);
            try {
                if (permissions == null) {
                    Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                } else {
                    // Created with at most the target's permissions (the umask can only take bits away), then exactly them.
                    Files.newByteChannel(candidate, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(permissions)).close();
                    Files.setPosixFilePermissions(candidate, permissions);
                }
                return candidate;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** The POSIX permissions of an existing file, or null (no such file, or no POSIX permissions here). */
    private static Set<PosixFilePermission> permissionsOf(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return null;
        }
        try {
            return view.readAttributes().permissions();
        } catch (IOException e) {
            return null;
        }
    }

    /** A replaced file's readers keep reading it: its permissions move to the new file. */
    private static void keepPermissions(Path target, Path temporary) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.exists(target)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (NoSuchFileException e) {
            return;
        }
        Files.setPosixFilePermissions(temporary, permissions);
    }

    /** Deletes temporary files of this target that no live writer holds (left by a killed process). */
    private static void removeStaleTemporaries(Path folder, String prefix) {
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(folder, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX);
        })) {
            for (Path candidate : candidates) {
                try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.WRITE);
                        FileLock lock = channel.tryLock()) {
                    if (lock != null && channel.size() > 0) {
                        Files.deleteIfExists(candidate);
                        LOG.info("Removed {}, left by a save that did not finish", candidate);
                    }
                } catch (OverlappingFileLockException inUseHere) {
                    // A writer in this process is using it.
                } catch (NoSuchFileException | AccessDeniedException gone) {
                    // Finished or not ours to clean.
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not look for stale temporary files in {}: {}", folder, e.toString());
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder, which is then fine to skip. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not force folder {}: {}", folder, e.toString());
        }
    }

    /** What one {@link #read} of this thread shares among the parts it reads, or null outside a read. */
    private static final ThreadLocal<ReadScope> SCOPE = new ThreadLocal<>();

    /**
     * The parts of one model file repeat the same ids and labels (an offers model holds the item ids in its shop, its
     * catalog and every source): one object per distinct text and per equal index keeps a loaded model small and its
     * first collections short.
     */
    private static final class ReadScope {
        final java.util.Map<String, String> strings = new java.util.HashMap<>();
        final java.util.Map<Object, Object> shared = new java.util.HashMap<>();
    }

    /** Inside a {@link #read}, the one String object of this text met so far in the file; outside, the text itself. */
    public static String canonical(String text) {
        ReadScope scope = SCOPE.get();
        if (scope == null || text == null) {
            return text;
        }
        String first = scope.strings.putIfAbsent(text, text);
        return first == null ? text : first;
    }

    /**
     * Inside a {@link #read}, the object made for an equal key earlier in the same file (immutable objects only);
     * outside, a new one.
     */
    public static <T> T sharedWithinRead(Object key, java.util.function.Supplier<T> make) {
        ReadScope scope = SCOPE.get();
        if (scope == null) {
            return make.get();
        }
        @SuppressWarnings("unchecked")
        T shared = (T) scope.shared.computeIfAbsent(key, k -> make.get());
        return shared;
    }

    /** The pacing of the loads of this thread, or null (see {@link #paced}). */
    private static final ThreadLocal<Pacer> PACER = new ThreadLocal<>();

    /** What {@link #paced} runs: a load that may throw. */
    @FunctionalInterface
    public interface Load<T> {
        /** Loads. */
        T load() throws IOException;
    }

    /**
     * Runs a load on this thread at no more than {@code share} of one core: every 64 KiB of payload read, and at the
     * checkpoints of the longer derivations ({@link #pace}), the thread sleeps in proportion to the CPU time it used,
     * so a service that reloads a model beside its requests keeps their latency (the load takes longer instead).
     *
     * @param share the share of one core, in (0, 1]; 1 runs unpaced
     * @throws IllegalArgumentException if the share is outside (0, 1]
     */
    public static <T> T paced(double share, Load<T> load) throws IOException {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the share of a core must be in (0, 1], was " + share);
        }
        Pacer before = PACER.get();
        PACER.set(share < 1 ? new Pacer(share) : null);
        try {
            return load.load();
        } finally {
            PACER.set(before);
        }
    }

    /** A checkpoint of a long derivation inside a {@link #paced} load (nothing outside one). */
    public static void pace() {
        Pacer pacer = PACER.get();
        if (pacer != null) {
            pacer.checkpoint();
        }
    }

    /** Sleeps after every few milliseconds of CPU time so that CPU time / wall time stays at the share. */
    private static final class Pacer {
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        private final double share;
        private long cpuAtLastSleep = THREADS.getCurrentThreadCpuTime();

        Pacer(double share) {
            this.share = share;
        }

        void checkpoint() {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long used = cpu - cpuAtLastSleep;
            if (cpu < 0 || used < 2_000_000L) {
                return; // less than 2 ms of work since the last pause (or no CPU clock): go on
            }
            cpuAtLastSleep = cpu;
            long pauseNanos = (long) (used * (1 / share - 1));
            try {
                Thread.sleep(pauseNanos / 1_000_000L, (int) (pauseNanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An input stream that calls {@link #pace} after every 64 KiB it reads. */
    private static final class PacingInputStream extends java.io.FilterInputStream {
        private long sinceCheckpoint;

        PacingInputStream(java.io.InputStream in) {
            super(in);
        }

        private void count(long n) {
            sinceCheckpoint += Math.max(0, n);
            if (sinceCheckpoint >= 1 << 16) {
                sinceCheckpoint = 0;
                pace();
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }
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
    public static <T> T read(Path source, String format, int maxVersion, PayloadReader<T> reader) throws IOException {
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
            java.io.InputStream payload = new BoundedInputStream(Channels.newInputStream(channel), payloadLength);
            if (PACER.get() != null) {
                payload = new PacingInputStream(payload);
            }
            DataInputStream in = new DataInputStream(new UnsynchronizedBufferedInputStream(payload, 1 << 16));
            T result;
            ReadScope outer = SCOPE.get();
            if (outer == null) {
                SCOPE.set(new ReadScope());
            }
            try {
                result = reader.read(in, version);
            } catch (EOFException e) {
                throw new ModelFileException(source + ": the payload ends early for format '" + format + "' version " + version);
            } catch (ModelFileException e) {
                throw e.getMessage().startsWith(source.toString()) ? e : named(source, format, e);
            } catch (IOException | RuntimeException e) {
                throw named(source, format, e);
            } finally {
                if (outer == null) {
                    SCOPE.remove();
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
    public static String formatOf(Path source) throws IOException {
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
            format = new DataInputStream(new java.io.ByteArrayInputStream(utf)).readUTF();
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
    public static DataInputStream part(DataInputStream in, long length) {
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
