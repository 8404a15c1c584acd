package dev.tailor.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The array layout of Tailor's model files: the length as an int, then the elements big-endian. Every
 * model and space file writes its arrays through here; readers state the largest length they accept, and
 * a length the rest of the payload cannot hold is refused too, so a damaged length is refused before
 * anything is allocated.
 *
 * <p>Elements move in chunks of {@value #CHUNK} bytes through a byte buffer, not one {@code readInt} at a time: each
 * element read alone costs four synchronized reads of the buffered stream beneath (measured: more than half of loading
 * a 100,000-item factor model went there).
 */
public final class ArrayCodec {
    private static final int CHUNK = 1 << 16;

    private ArrayCodec() {
    }

    /** A chunk of elements read into a big-endian buffer: {@code count} elements of {@code bytes} each. */
    private static ByteBuffer chunk(DataInputStream in, byte[] scratch, int count, int bytes) throws IOException {
        in.readFully(scratch, 0, count * bytes);
        return ByteBuffer.wrap(scratch, 0, count * bytes);
    }

    /** Puts elements {@code [from, from + count)} of an array into a buffer (through its typed view). */
    private interface Put {
        void put(ByteBuffer buffer, int from, int count);
    }

    /** Gets elements {@code [from, from + count)} of an array from a buffer (through its typed view). */
    private interface Get {
        void get(ByteBuffer buffer, int from, int count);
    }

    /** Writes a length, then the elements chunk by chunk through one buffer of at most {@code CHUNK} bytes. */
    private static void writeChunked(int length, int bytes, DataOutputStream out, Put put) throws IOException {
        out.writeInt(length);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(bytes, (long) length * bytes)));
        for (int from = 0; from < length; ) {
            int count = Math.min(length - from, buffer.capacity() / bytes);
            buffer.clear();
            put.put(buffer, from, count);
            out.write(buffer.array(), 0, count * bytes);
            from += count;
        }
    }

    /** Reads {@code length} elements chunk by chunk through one scratch array of at most {@code CHUNK} bytes. */
    private static void readChunked(DataInputStream in, int length, int bytes, Get get) throws IOException {
        byte[] scratch = new byte[(int) Math.min(CHUNK, (long) length * bytes)];
        for (int from = 0; from < length; ) {
            int count = Math.min(length - from, scratch.length / bytes);
            get.get(chunk(in, scratch, count, bytes), from, count);
            from += count;
        }
    }

    /** Writes an int array with its length. */
    public static void writeInts(int[] values, DataOutputStream out) throws IOException {
        writeChunked(values.length, Integer.BYTES, out, (buffer, from, count) -> buffer.asIntBuffer().put(values, from, count));
    }

    /** Reads an int array written by {@link #writeInts}. @throws IOException if the length is outside [0, maxLength] */
    public static int[] readInts(DataInputStream in, int maxLength) throws IOException {
        int[] values = new int[length(in, maxLength, Integer.BYTES)];
        readChunked(in, values.length, Integer.BYTES, (buffer, from, count) -> buffer.asIntBuffer().get(values, from, count));
        return values;
    }

    /** Writes a float array with its length. */
    public static void writeFloats(float[] values, DataOutputStream out) throws IOException {
        writeChunked(values.length, Float.BYTES, out, (buffer, from, count) -> buffer.asFloatBuffer().put(values, from, count));
    }

    /** Reads a float array written by {@link #writeFloats}. @throws IOException if the length is outside [0, maxLength] */
    public static float[] readFloats(DataInputStream in, int maxLength) throws IOException {
        float[] values = new float[length(in, maxLength, Float.BYTES)];
        readChunked(in, values.length, Float.BYTES, (buffer, from, count) -> buffer.asFloatBuffer().get(values, from, count));
        return values;
    }

    /** Writes a double array with its length. */
    public static void writeDoubles(double[] values, DataOutputStream out) throws IOException {
        writeChunked(values.length, Double.BYTES, out, (buffer, from, count) -> buffer.asDoubleBuffer().put(values, from, count));
    }

    /** Reads a double array written by {@link #writeDoubles}. @throws IOException if the length is outside [0, maxLength] */
    public static double[] readDoubles(DataInputStream in, int maxLength) throws IOException {
        double[] values = new double[length(in, maxLength, Double.BYTES)];
        readChunked(in, values.length, Double.BYTES, (buffer, from, count) -> buffer.asDoubleBuffer().get(values, from, count));
        return values;
    }

    private static int length(DataInputStream in, int maxLength, int elementBytes) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative array length " + n);
        }
        if (n > maxLength) {
            throw new IOException("array length " + n + " is above the " + maxLength + " this file can hold");
        }
        requireBytes(in, (long) n * elementBytes, "an array of " + n);
        return n;
    }

    /**
     * Refuses a length whose data the rest of the payload cannot hold, before anything is allocated for it
     * (the payload streams of model files know exactly how many bytes are left).
     *
     * @param what names the thing for the message, e.g. {@code "an array of 12"}
     * @throws IOException if fewer than {@code bytes} bytes are left
     */
    public static void requireBytes(DataInputStream in, long bytes, String what) throws IOException {
        int available = in.available();
        if (available < Integer.MAX_VALUE && bytes > available) {
            throw new IOException(what + " needs " + bytes + " bytes, but only " + available + " are left");
        }
    }
}
