package dev.tailor.offer;

import dev.tailor.data.Catalog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Each catalog item's attributes as a sorted array of attribute=value ids, so the share of attributes two items
 * have in common (Jaccard) is one merge of two short int arrays instead of map lookups. Within a category whose
 * items use at most 64 attribute=value pairs in all (the common case: content neighbours compare items of one
 * category), each item also has them as the bits of one long, and the share is two population counts.
 */
final class AttributeSignatures {
    private static final int[] NONE = new int[0];

    private final int[][] byItem;
    /** The item's attribute=value pairs as bits numbered within its category, valid where {@link #bitsCategory} ≥ 0. */
    private final long[] bits;
    /** The category the item's bits are numbered in, or -1 (no category, or one with more than 64 pairs). */
    private final int[] bitsCategory;

    AttributeSignatures(Catalog catalog) {
        Map<String, Integer> ids = new HashMap<>();
        int items = catalog.items().size();
        byItem = new int[items][];
        bits = new long[items];
        bitsCategory = new int[items];
        Arrays.fill(bitsCategory, -1);
        for (int item = 0; item < items; item++) {
            if (!catalog.has(item)) {
                byItem[item] = NONE;
                continue;
            }
            int[] signature = catalog.get(item).attributes().entrySet().stream()
                    .mapToInt(e -> ids.computeIfAbsent(e.getKey() + '\u0000' + e.getValue(), k -> ids.size())).toArray();
            Arrays.sort(signature);
            byItem[item] = signature;
        }
        Map<Integer, Map<Integer, Integer>> bitOfPairByCategory = new HashMap<>();
        for (int item = 0; item < items; item++) {
            if (catalog.has(item)) {
                Map<Integer, Integer> bitOfPair = bitOfPairByCategory.computeIfAbsent(catalog.category(item), c -> new HashMap<>());
                for (int pair : byItem[item]) {
                    bitOfPair.computeIfAbsent(pair, p -> bitOfPair.size());
                }
            }
        }
        for (int item = 0; item < items; item++) {
            if (!catalog.has(item)) {
                continue;
            }
            int category = catalog.category(item);
            Map<Integer, Integer> bitOfPair = bitOfPairByCategory.get(category);
            if (bitOfPair.size() > Long.SIZE) {
                continue;
            }
            long set = 0;
            for (int pair : byItem[item]) {
                set |= 1L << bitOfPair.get(pair);
            }
            bits[item] = set;
            bitsCategory[item] = category;
        }
    }

    /**
     * The item's attribute=value pair ids, sorted (not to be modified): two items with equal arrays have the same
     * {@link #jaccard} with any third item.
     */
    int[] pairs(int item) {
        return item >= 0 && item < byItem.length ? byItem[item] : NONE;
    }

    /** Shared attribute=value pairs over all pairs of the two items (0 when neither has attributes). */
    double jaccard(int a, int b) {
        boolean known = a >= 0 && a < byItem.length && b >= 0 && b < byItem.length;
        if (known && bitsCategory[a] >= 0 && bitsCategory[a] == bitsCategory[b]) {
            int union = Long.bitCount(bits[a] | bits[b]);
            return union == 0 ? 0 : Long.bitCount(bits[a] & bits[b]) / (double) union;
        }
        int[] x = a >= 0 && a < byItem.length ? byItem[a] : NONE;
        int[] y = b >= 0 && b < byItem.length ? byItem[b] : NONE;
        if (x.length == 0 && y.length == 0) {
            return 0;
        }
        int shared = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length;) {
            if (x[i] == y[j]) {
                shared++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared / (double) (x.length + y.length - shared);
    }
}
