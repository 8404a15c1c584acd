package dev.tailor.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A text file read line by line with line numbers: gzip is detected by its magic bytes (whatever the
 * file is called), and bytes that are not valid in the charset are an error naming the line (strict)
 * or a problem the caller can skip (lenient, where they are replaced by U+FFFD).
 *
 * <p>Not thread-safe.
 */
public final class TextSource implements AutoCloseable {
    /** The character that stands for undecodable bytes in lenient mode. */
    public static final char REPLACEMENT = '\uFFFD';

    private final String name;
    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final boolean asciiCompatible;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;

    private TextSource(String name, InputStream in, Charset charset, ParseMode mode) {
        this.name = name;
        this.in = in;
        this.charset = charset;
        CodingErrorAction action = mode == ParseMode.STRICT ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        this.decoder = charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
        this.asciiCompatible = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.equals(StandardCharsets.US_ASCII);
    }

    /**
     * Opens a file.
     *
     * @param mode strict rejects undecodable bytes; lenient replaces them with {@link #REPLACEMENT}
     * @throws IngestException if the file does not exist or cannot be opened
     */
    public static TextSource open(Path path, Charset charset, ParseMode mode) {
        Objects.requireNonNull(path, "path");
        String name = path.toString();
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new TextSource(name, in, charset, mode);
        } catch (NoSuchFileException e) {
            throw new IngestException(new IngestProblem(name, 0, null, null, "an existing file (it does not exist)"), e);
        } catch (IOException e) {
            throw new IngestException(new IngestProblem(name, 0, null, null, "a readable file (" + e + ")"), e);
        }
    }

    /** Reads from a stream (closed with this source). */
    public static TextSource of(String name, InputStream in, Charset charset, ParseMode mode) {
        return new TextSource(Objects.requireNonNull(name, "name"), Objects.requireNonNull(in, "in"),
                Objects.requireNonNull(charset, "charset"), Objects.requireNonNull(mode, "mode"));
    }

    /** How messages name this source. */
    public String name() {
        return name;
    }

    /** The 1-based number of the line last returned by {@link #readLine()}. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its terminator (LF or CRLF), or {@code null} at the end.
     *
     * <p>Lines are split on bytes and decoded one at a time, so a decoding error names its own line.
     *
     * @throws IngestException if the line holds bytes that are not valid in the charset (strict), or
     *     the file cannot be read
     */
    public String readLine() {
        int length = 0;
        boolean any = false;
        boolean ascii = true;
        try {
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
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
                if (length + chunk > line.length) {
                    line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
                }
                System.arraycopy(buffer, start, line, length, chunk);
                length += chunk;
                if (end < limit) {
                    position = end + 1;
                    break;
                }
                position = limit;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ", line " + (lineNumber + 1) + ": cannot read: " + e.getMessage(), e);
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (ascii && asciiCompatible) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(java.nio.ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IngestException(new IngestProblem(name, lineNumber, null, null,
                    "text in " + charset.name() + " (the line holds bytes that are not valid " + charset.name() + ")"), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot close: " + e.getMessage(), e);
        }
    }
}
