package dev.tailor.ingest.text;

import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.ParseMode;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.ZipException;

/**
 * A text file read line by line with line numbers: gzip is detected by its magic bytes (whatever the
 * file is called), a UTF-8 byte-order mark at the start is dropped, and a line that cannot be read — bytes
 * that are not valid in the charset, or more than {@link #maxLineBytes()} bytes — is an error naming the
 * line. Such a line is consumed whole before the error is raised, so a lenient caller goes on with the
 * next one ({@link #readLine(Consumer)}); strict and lenient mode therefore accept exactly the same
 * lines.
 *
 * <p>A damaged file (a truncated or corrupt gzip stream, a read error) is an {@link IngestException}
 * naming the file and line in both modes: nothing after it can be trusted.
 *
 * <p>Not thread-safe.
 */
public final class TextSource implements AutoCloseable {
    /** The default bound on one line, in bytes (1 MiB): far above any real record, far below the heap. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private final String name;
    private final InputStream in;
    private final Charset charset;
    private final ParseMode mode;
    private final CharsetDecoder decoder;
    private final boolean asciiCompatible;
    private final boolean utf8;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean ended;
    private byte[] line = new byte[256];
    private long lineNumber;

    private TextSource(String name, InputStream in, Charset charset, ParseMode mode, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, was " + maxLineBytes);
        }
        this.name = name;
        this.in = in;
        this.charset = charset;
        this.mode = mode;
        this.maxLineBytes = maxLineBytes;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.asciiCompatible = utf8 || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.equals(StandardCharsets.US_ASCII);
    }

    /**
     * Opens a file with lines of at most {@link #DEFAULT_MAX_LINE_BYTES}.
     *
     * @param mode strict stops at the first unreadable line; lenient lets {@link #readLine(Consumer)} skip it
     * @throws IngestException if the file does not exist or cannot be opened
     */
    public static TextSource open(Path path, Charset charset, ParseMode mode) {
        return open(path, charset, mode, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * Opens a file.
     *
     * @param maxLineBytes the longest line accepted, in bytes
     * @throws IngestException if the file does not exist or cannot be opened
     * @throws IllegalArgumentException if {@code maxLineBytes < 1}
     */
    public static TextSource open(Path path, Charset charset, ParseMode mode, int maxLineBytes) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(mode, "mode");
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new IngestException(new IngestProblem(name, 0, null, null, "a file (it is a folder)"));
        }
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GzipMembers(in);
            }
            return new TextSource(name, in, charset, mode, maxLineBytes);
        } catch (NoSuchFileException e) {
            throw new IngestException(new IngestProblem(name, 0, null, null, "an existing file (it does not exist)"), e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new IngestException(new IngestProblem(name, 0, null, null,
                    "a readable file (" + describe(e) + ")"), e);
        }
    }

    /** Reads from a stream (closed with this source), with lines of at most {@link #DEFAULT_MAX_LINE_BYTES}. */
    public static TextSource of(String name, InputStream in, Charset charset, ParseMode mode) {
        return new TextSource(Objects.requireNonNull(name, "name"), Objects.requireNonNull(in, "in"),
                Objects.requireNonNull(charset, "charset"), Objects.requireNonNull(mode, "mode"), DEFAULT_MAX_LINE_BYTES);
    }

    /** How messages name this source. */
    public String name() {
        return name;
    }

    /** The longest line this source accepts, in bytes. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** The 1-based number of the line last returned (or refused). */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The next readable line: in lenient mode an unreadable line is handed to {@code skipped} and
     * reading goes on; in strict mode it is thrown.
     *
     * @return the line without its terminator, or {@code null} at the end
     * @throws IngestException in strict mode for an unreadable line; in either mode if the file is damaged
     */
    public String readLine(Consumer<IngestProblem> skipped) {
        while (true) {
            try {
                return readLine();
            } catch (IngestException e) {
                if (mode == ParseMode.STRICT || !e.lineOnly()) {
                    throw e;
                }
                skipped.accept(e.problem());
            }
        }
    }

    /**
     * The next line without its terminator (LF or CRLF), or {@code null} at the end.
     *
     * <p>Lines are split on bytes and decoded one at a time, so a decoding error names its own line.
     *
     * @throws IngestException if the line is too long or holds bytes that are not valid in the charset
     *     (the line is consumed first, so the next call reads the line after it), or the file is damaged
     */
    public String readLine() {
        if (ended) {
            return null;
        }
        int length = 0;
        long longLine = -1;
        boolean any = false;
        boolean ascii = true;
        while (true) {
            if (position == limit) {
                fill();
                if (limit <= 0) {
                    ended = true;
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                ascii &= buffer[end] >= 0;
                end++;
            }
            int chunk = end - start;
            if (longLine >= 0 || (long) length + chunk > maxLineBytes + 1L) {
                // Keeps counting to the end of the line without storing it, so memory stays bounded.
                longLine = (longLine < 0 ? length : longLine) + chunk;
            } else {
                if (length + chunk > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
                }
                System.arraycopy(buffer, start, line, length, chunk);
                length += chunk;
            }
            if (end < limit) {
                position = end + 1;
                break;
            }
            position = limit;
        }
        lineNumber++;
        if (longLine >= 0) {
            throw unreadable(new IngestProblem(name, lineNumber, null, null,
                    "a line of at most " + maxLineBytes + " bytes (this line has more than " + maxLineBytes + ")"));
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            throw unreadable(new IngestProblem(name, lineNumber, null, null,
                    "a line of at most " + maxLineBytes + " bytes (this line has " + length + ")"));
        }
        int offset = 0;
        if (lineNumber == 1 && utf8 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB
                && line[2] == (byte) 0xBF) {
            offset = 3;
        }
        if (ascii && asciiCompatible) {
            return new String(line, offset, length - offset, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(line, offset, length - offset)).toString();
        } catch (CharacterCodingException e) {
            throw unreadable(new IngestProblem(name, lineNumber, null, null,
                    "text in " + charset.name() + " (the line holds bytes that are not valid " + charset.name() + ")"));
        }
    }

    private void fill() {
        try {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
        } catch (IOException e) {
            throw new IngestException(new IngestProblem(name, lineNumber + 1, null, null,
                    "a readable file (" + describe(e) + ")"), e);
        }
    }

    private static String describe(IOException e) {
        String kind = e instanceof ZipException || e instanceof EOFException
                ? "the gzip data is corrupt or truncated: " : "";
        return kind + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new IngestException(new IngestProblem(name, 0, null, null, "a file that closes (" + describe(e) + ")"), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException suppressed) {
                // The open failure is what the caller needs to hear about.
            }
        }
    }

    private static IngestException unreadable(IngestProblem problem) {
        return new IngestException(problem, true);
    }
}
