package dev.tailor.internal;

import java.io.IOException;
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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that nothing is lost: into a temporary file in the target's folder, which is forced to disk and
 * then moved over the target in one atomic step (and the folder forced too), so a reader sees the old file or the
 * new one, never half of one. The new file keeps the permissions of the file it replaces, or gets the permissions
 * the process's umask gives new files. A writer holds a lock on its temporary file; one left behind by a killed
 * process (no lock) is deleted by the next write to the same target. Model files and text exports both go through
 * here.
 *
 * <p>Thread-safety: stateless; concurrent writes to the same target leave one of them whole.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes a text file's content. */
    @FunctionalInterface
    public interface TextWriter {
        /** Writes the text. */
        void write(Writer out) throws IOException;
    }

    /**
     * Writes a UTF-8 text file (a CSV or JSON Lines export) atomically, as model files are written: readers see
     * the old file or the whole new one, and a failure leaves the old one.
     *
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void writeText(Path target, TextWriter body) throws IOException {
        Objects.requireNonNull(body, "body");
        atomically(target, "a file", channel -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8), 1 << 16);
            body.write(out);
            out.flush();
        });
    }

    /** Writes a file's bytes into the channel of its temporary. */
    @FunctionalInterface
    public interface ChannelWriter {
        /** Writes the content. */
        void write(FileChannel channel) throws IOException;
    }

    /**
     * Writes into a locked temporary beside the target, forces it to disk and moves it over the target.
     *
     * @param what what is written, for the message when the target is a folder ("a model")
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void atomically(Path target, String what, ChannelWriter writer) throws IOException {
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
                            PosixFilePermissions.asFileAttribute(permissions)).close();
                    Files.setPosixFilePermissions(candidate, permissions);
                }
                return candidate;
            } catch (FileAlreadyExistsException e) {
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
}
