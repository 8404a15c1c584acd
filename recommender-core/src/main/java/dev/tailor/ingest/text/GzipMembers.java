package dev.tailor.ingest.text;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip stream of one or more members (RFC 1952 allows any number, each with its own header and trailer), inflated
 * member after member in a loop. The JDK's {@code GZIPInputStream} goes on to the next member by calling itself, so ten
 * thousand empty members overflow the stack, and it ignores whatever follows the last member; here any number of
 * members is read in constant stack, each member's CRC-32 and length are checked, and bytes after the last member that
 * are not another member are an error.
 *
 * <p>Thread-safety: for one reader.
 */
final class GzipMembers extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final PushbackInputStream source;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[1 << 16];
    private int inputLength;
    private boolean inMember;
    private boolean started;
    private boolean finished;
    private long memberBytes;

    GzipMembers(InputStream in) {
        this.source = new PushbackInputStream(in, 1 << 16);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!finished) {
            if (!inMember && !startMember()) {
                finished = true;
                break;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data (" + e.getMessage() + ")");
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("a gzip member asks for a preset dictionary");
            } else if (inflater.needsInput()) {
                inputLength = source.read(input, 0, input.length);
                if (inputLength < 0) {
                    throw new EOFException("the gzip stream ends inside a member");
                }
                inflater.setInput(input, 0, inputLength);
            }
        }
        return -1;
    }

    /** Reads the next member's header; false at the clean end of the stream after at least one member. */
    private boolean startMember() throws IOException {
        int b1 = source.read();
        if (b1 < 0 && started) {
            return false;
        }
        int b2 = source.read();
        if (b1 != 0x1f || b2 != 0x8b) {
            throw new ZipException(started ? "the data after the last gzip member is not another member (trailing garbage)"
                    : "not in gzip format");
        }
        if (readByte() != 8) {
            throw new ZipException("a gzip member with a compression method other than deflate");
        }
        int flags = readByte();
        for (int i = 0; i < 6; i++) {
            readByte(); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int length = readByte() | readByte() << 8;
            for (int i = 0; i < length; i++) {
                readByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (readByte() != 0) {
                // the original file name, zero-terminated
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (readByte() != 0) {
                // a comment, zero-terminated
            }
        }
        if ((flags & FHCRC) != 0) {
            readByte();
            readByte();
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        inputLength = 0;
        inMember = true;
        started = true;
        return true;
    }

    /** Gives back the input the member did not use, and checks its trailer: CRC-32 and length modulo 2^32. */
    private void endMember() throws IOException {
        int unused = inflater.getRemaining();
        if (unused > 0) {
            source.unread(input, inputLength - unused, unused);
        }
        long storedCrc = readInt();
        long storedSize = readInt();
        if (storedCrc != crc.getValue()) {
            throw new ZipException("a gzip member's CRC-32 does not match its data");
        }
        if (storedSize != (memberBytes & 0xffffffffL)) {
            throw new ZipException("a gzip member's length does not match its data");
        }
        inMember = false;
    }

    private int readByte() throws IOException {
        int b = source.read();
        if (b < 0) {
            throw new EOFException("the gzip stream ends inside a member's header or trailer");
        }
        return b;
    }

    private long readInt() throws IOException {
        return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24) & 0xffffffffL;
    }

    @Override
    public int available() throws IOException {
        return finished ? 0 : source.available() > 0 || inMember ? 1 : 0;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        source.close();
    }
}
