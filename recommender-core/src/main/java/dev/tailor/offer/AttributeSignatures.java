package dev.tailor.offer;

import dev.tailor.data.Catalog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Each catalog item's attributes as a sorted array of attribute=value ids, so the share of attributes two items
 * have in common (Jaccard) is one merge of two short int arrays instead of map lookups. Within a category whose
 * items use at most 64 attribute=value pairs in all (the common case: content neighbours compare items of one
 * category), each item also has them as the bits of one long, and the share is two population counts.
 */
final class AttributeSignatures {
    /** Item i's sorted pair ids are pair[pairStart[i] .. pairStart[i + 1]): two arrays, not one per item. */
    private final int[] pairStart;
    private final int[] pair;
    /** The item's attribute=value pairs as bits numbered within its category, valid where {@link #bitsCategory} ≥ 0. */
    private final long[] bits;
    /** The category the item's bits are numbered in, or -1 (no category, or one with more than 64 pairs). */
    private final int[] bitsCategory;

    AttributeSignatures(Catalog catalog) {
        Map<String, Map<String, Integer>> ids = new HashMap<>();
        int[] nextId = {0};
        // Items share their attribute maps (one object per distinct map in a model read from a file): one signature each.
        Map<Map<String, String>, int[]> signatureOfMap = new IdentityHashMap<>();
        int items = catalog.items().size();
        pairStart = new int[items + 1];
        bits = new long[items];
        bitsCategory = new int[items];
        Arrays.fill(bitsCategory, -1);
        int[] pairs = new int[Math.max(16, items)];
        for (int item = 0; item < items; item++) {
            int at = pairStart[item];
            if (catalog.has(item)) {
                int[] signature = signatureOfMap.computeIfAbsent(catalog.get(item).attributes(), attributes -> {
                    int[] sorted = new int[attributes.size()];
                    int p = 0;
                    for (Map.Entry<String, String> e : attributes.entrySet()) {
                        sorted[p++] = ids.computeIfAbsent(e.getKey(), k -> new HashMap<>()).computeIfAbsent(e.getValue(), v -> nextId[0]++);
                    }
                    Arrays.sort(sorted);
                    return sorted;
                });
                if (at + signature.length > pairs.length) {
                    pairs = Arrays.copyOf(pairs, Math.max(2 * pairs.length, at + signature.length));
                }
                System.arraycopy(signature, 0, pairs, at, signature.length);
                at += signature.length;
            }
            pairStart[item + 1] = at;
        }
        pair = Arrays.copyOf(pairs, pairStart[items]);
        Map<Integer, Map<Integer, Integer>> bitOfPairByCategory = new HashMap<>();
        for (int item = 0; item < items; item++) {
            if (catalog.has(item)) {
                Map<Integer, Integer> bitOfPair = bitOfPairByCategory.computeIfAbsent(catalog.category(item), c -> new HashMap<>());
                for (int p = pairStart[item]; p < pairStart[item + 1]; p++) {
                    bitOfPair.computeIfAbsent(pair[p], id -> bitOfPair.size());
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
            for (int p = pairStart[item]; p < pairStart[item + 1]; p++) {
                set |= 1L << bitOfPair.get(pair[p]);
            }
            bits[item] = set;
            bitsCategory[item] = category;
        }
    }

    /** The item's attribute=value pair ids, sorted (a copy): two items with equal ones have the same {@link #jaccard} with any third. */
    int[] pairs(int item) {
        return known(item) ? Arrays.copyOfRange(pair, pairStart[item], pairStart[item + 1]) : new int[0];
    }

    private boolean known(int item) {
        return item >= 0 && item + 1 < pairStart.length;
    }

    /** Shared attribute=value pairs over all pairs of the two items (0 when neither has attributes). */
    double jaccard(int a, int b) {
        boolean known = known(a) && known(b);
        if (known && bitsCategory[a] >= 0 && bitsCategory[a] == bitsCategory[b]) {
            int union = Long.bitCount(bits[a] | bits[b]);
            return union == 0 ? 0 : Long.bitCount(bits[a] & bits[b]) / (double) union;
        }
        int i = known(a) ? pairStart[a] : 0;
        int iEnd = known(a) ? pairStart[a + 1] : 0;
        int j = known(b) ? pairStart[b] : 0;
        int jEnd = known(b) ? pairStart[b + 1] : 0;
        int sizes = iEnd - i + jEnd - j;
        if (sizes == 0) {
            return 0;
        }
        int shared = 0;
        while (i < iEnd && j < jEnd) {
            if (pair[i] == pair[j]) {
                shared++;
                i++;
                j++;
            } else if (pair[i] < pair[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared / (double) (sizes - shared);
    }
}
