package dev.tailor.recommend.neighbourhood;

import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Each item's neighbours, best first, in compressed rows: item i's neighbours are
 * {@code neighbour[start(i) .. start(i+1))} with similarities {@code similarity[...]} at the same positions.
 * Immutable.
 */
final class ItemSimilarities {
    final int items;
    final int[] start;
    final int[] neighbour;
    final float[] similarity;

    ItemSimilarities(int items, int[] start, int[] neighbour, float[] similarity) {
        this.items = items;
        this.start = start;
        this.neighbour = neighbour;
        this.similarity = similarity;
    }

    int size() {
        return neighbour.length;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(items);
        out.writeInt(neighbour.length);
        for (int s : start) {
            out.writeInt(s);
        }
        for (int n : neighbour) {
            out.writeInt(n);
        }
        for (float s : similarity) {
            out.writeFloat(s);
        }
    }

    static ItemSimilarities readFrom(DataInputStream in) throws IOException {
        int items = in.readInt();
        int size = in.readInt();
        if (items < 0 || size < 0 || items == Integer.MAX_VALUE) {
            throw new IOException("item similarities: sizes out of range (" + items + " items, " + size + " entries)");
        }
        ArrayCodec.requireBytes(in, 4L * (items + 1) + 8L * size,
                "similarities of " + items + " items with " + size + " entries");
        int[] start = new int[items + 1];
        for (int i = 0; i <= items; i++) {
            start[i] = in.readInt();
            if (i == 0 ? start[0] != 0 : start[i] < start[i - 1] || start[i] > size) {
                throw new IOException("item similarities: row pointer " + i + " (" + start[i]
                        + ") is not in order within [0, " + size + "]");
            }
        }
        if (start[items] != size) {
            throw new IOException("item similarities: row pointers do not match " + size + " entries");
        }
        int[] neighbour = new int[size];
        for (int i = 0; i < size; i++) {
            neighbour[i] = in.readInt();
            if (neighbour[i] < 0 || neighbour[i] >= items) {
                throw new IOException("item similarities: neighbour " + neighbour[i] + " outside [0, " + items + ")");
            }
        }
        float[] similarity = new float[size];
        for (int i = 0; i < size; i++) {
            similarity[i] = in.readFloat();
            // Scoring marks the items a customer's history reaches by a score above zero: a stored
            // similarity must be a positive number for that to hold.
            if (!(similarity[i] > 0) || !Float.isFinite(similarity[i])) {
                throw new IOException("item similarities: similarity " + i + " is " + similarity[i]
                        + ", not a finite number > 0");
            }
        }
        boolean[] seen = new boolean[items];
        for (int i = 0; i < items; i++) {
            for (int p = start[i]; p < start[i + 1]; p++) {
                if (seen[neighbour[p]]) {
                    throw new IOException("item similarities: item " + i + " lists neighbour " + neighbour[p] + " twice");
                }
                seen[neighbour[p]] = true;
            }
            for (int p = start[i]; p < start[i + 1]; p++) {
                seen[neighbour[p]] = false;
            }
        }
        return new ItemSimilarities(items, start, neighbour, similarity);
    }
}
