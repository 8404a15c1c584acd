package dev.tailor.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The array layout of Tailor's model files: the length as an int, then the elements big-endian. Every
 * model and space file writes its arrays through here; readers state the largest length they accept, and
 * a length the rest of the payload cannot hold is refused too, so a damaged length is refused before
 * anything is allocated.
 */
public final class ArrayCodec {
    private ArrayCodec() {
    }

    /** Writes an int array with its length. */
    public static void writeInts(int[] values, DataOutputStream out) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    /** Reads an int array written by {@link #writeInts}. @throws IOException if the length is outside [0, maxLength] */
    public static int[] readInts(DataInputStream in, int maxLength) throws IOException {
        int[] values = new int[length(in, maxLength, Integer.BYTES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    /** Writes a float array with its length. */
    public static void writeFloats(float[] values, DataOutputStream out) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    /** Reads a float array written by {@link #writeFloats}. @throws IOException if the length is outside [0, maxLength] */
    public static float[] readFloats(DataInputStream in, int maxLength) throws IOException {
        float[] values = new float[length(in, maxLength, Float.BYTES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    /** Writes a double array with its length. */
    public static void writeDoubles(double[] values, DataOutputStream out) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    /** Reads a double array written by {@link #writeDoubles}. @throws IOException if the length is outside [0, maxLength] */
    public static double[] readDoubles(DataInputStream in, int maxLength) throws IOException {
        double[] values = new double[length(in, maxLength, Double.BYTES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
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
     * (payload streams from {@link ModelFiles#read} know exactly how many bytes are left).
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
