package dev.tailor.data;

import java.util.Arrays;

/**
 * Growable primitive columns stored as chunks: appending never copies a full chunk, and
 * {@code toArray} releases each chunk as soon as it is copied into the exact-size result. The first
 * chunk starts small and doubles up to the chunk size, so a small log stays small.
 */
final class Chunks {
    static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;
    private static final int FIRST = 256;

    private Chunks() {
    }

    /** How many chunks a column of {@code size} values needs. */
    private static int chunksFor(int size) {
        return (int) ((size + (long) CHUNK - 1) >>> CHUNK_BITS);
    }

    static final class Ints {
        private int[][] chunks = new int[4][];
        private int size;

        void add(int value) {
            int c = size >>> CHUNK_BITS;
            int o = size & MASK;
            int[] chunk = c < chunks.length ? chunks[c] : null;
            if (chunk == null || o == chunk.length) {
                chunk = grow(c);
            }
            chunk[o] = value;
            size++;
        }

        private int[] grow(int c) {
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            int[] old = chunks[c];
            int[] chunk = old == null ? new int[c == 0 ? FIRST : CHUNK] : Arrays.copyOf(old, Math.min(CHUNK, old.length * 2));
            chunks[c] = chunk;
            return chunk;
        }

        int[] toArray(int n) {
            int[] out = new int[n];
            for (int c = 0; c < chunksFor(n); c++) {
                System.arraycopy(chunks[c], 0, out, c << CHUNK_BITS, Math.min(CHUNK, n - (c << CHUNK_BITS)));
                chunks[c] = null;
            }
            return out;
        }
    }

    static final class Longs {
        private long[][] chunks = new long[4][];
        private int size;

        void add(long value) {
            int c = size >>> CHUNK_BITS;
            int o = size & MASK;
            long[] chunk = c < chunks.length ? chunks[c] : null;
            if (chunk == null || o == chunk.length) {
                chunk = grow(c);
            }
            chunk[o] = value;
            size++;
        }

        private long[] grow(int c) {
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            long[] old = chunks[c];
            long[] chunk = old == null ? new long[c == 0 ? FIRST : CHUNK] : Arrays.copyOf(old, Math.min(CHUNK, old.length * 2));
            chunks[c] = chunk;
            return chunk;
        }

        long[] toArray(int n) {
            long[] out = new long[n];
            for (int c = 0; c < chunksFor(n); c++) {
                System.arraycopy(chunks[c], 0, out, c << CHUNK_BITS, Math.min(CHUNK, n - (c << CHUNK_BITS)));
                chunks[c] = null;
            }
            return out;
        }
    }

    static final class Floats {
        private float[][] chunks = new float[4][];
        private int size;

        void add(float value) {
            int c = size >>> CHUNK_BITS;
            int o = size & MASK;
            float[] chunk = c < chunks.length ? chunks[c] : null;
            if (chunk == null || o == chunk.length) {
                chunk = grow(c);
            }
            chunk[o] = value;
            size++;
        }

        private float[] grow(int c) {
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            float[] old = chunks[c];
            float[] chunk = old == null ? new float[c == 0 ? FIRST : CHUNK] : Arrays.copyOf(old, Math.min(CHUNK, old.length * 2));
            chunks[c] = chunk;
            return chunk;
        }

        float[] toArray(int n) {
            float[] out = new float[n];
            for (int c = 0; c < chunksFor(n); c++) {
                System.arraycopy(chunks[c], 0, out, c << CHUNK_BITS, Math.min(CHUNK, n - (c << CHUNK_BITS)));
                chunks[c] = null;
            }
            return out;
        }
    }

    static final class Shorts {
        private short[][] chunks = new short[4][];
        private int size;

        void add(short value) {
            int c = size >>> CHUNK_BITS;
            int o = size & MASK;
            short[] chunk = c < chunks.length ? chunks[c] : null;
            if (chunk == null || o == chunk.length) {
                chunk = grow(c);
            }
            chunk[o] = value;
            size++;
        }

        private short[] grow(int c) {
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            short[] old = chunks[c];
            short[] chunk = old == null ? new short[c == 0 ? FIRST : CHUNK] : Arrays.copyOf(old, Math.min(CHUNK, old.length * 2));
            chunks[c] = chunk;
            return chunk;
        }

        short[] toArray(int n) {
            short[] out = new short[n];
            for (int c = 0; c < chunksFor(n); c++) {
                System.arraycopy(chunks[c], 0, out, c << CHUNK_BITS, Math.min(CHUNK, n - (c << CHUNK_BITS)));
                chunks[c] = null;
            }
            return out;
        }
    }

    static final class Bytes {
        private byte[][] chunks = new byte[4][];
        private int size;

        void add(byte value) {
            int c = size >>> CHUNK_BITS;
            int o = size & MASK;
            byte[] chunk = c < chunks.length ? chunks[c] : null;
            if (chunk == null || o == chunk.length) {
                chunk = grow(c);
            }
            chunk[o] = value;
            size++;
        }

        private byte[] grow(int c) {
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            byte[] old = chunks[c];
            byte[] chunk = old == null ? new byte[c == 0 ? FIRST : CHUNK] : Arrays.copyOf(old, Math.min(CHUNK, old.length * 2));
            chunks[c] = chunk;
            return chunk;
        }

        byte[] toArray(int n) {
            byte[] out = new byte[n];
            for (int c = 0; c < chunksFor(n); c++) {
                System.arraycopy(chunks[c], 0, out, c << CHUNK_BITS, Math.min(CHUNK, n - (c << CHUNK_BITS)));
                chunks[c] = null;
            }
            return out;
        }
    }
}
