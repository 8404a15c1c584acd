package dev.tailor.offer;

import dev.tailor.data.Catalog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Each catalog item's attributes as a sorted array of attribute=value ids, so the share of attributes two items
 * have in common (Jaccard) is one merge of two short int arrays instead of map lookups.
 */
final class AttributeSignatures {
    private static final int[] NONE = new int[0];

    private final int[][] byItem;

    AttributeSignatures(Catalog catalog) {
        Map<String, Integer> ids = new HashMap<>();
        byItem = new int[catalog.items().size()][];
        for (int item = 0; item < byItem.length; item++) {
            if (!catalog.has(item)) {
                byItem[item] = NONE;
                continue;
            }
            int[] signature = catalog.get(item).attributes().entrySet().stream()
                    .mapToInt(e -> ids.computeIfAbsent(e.getKey() + '\u0000' + e.getValue(), k -> ids.size())).toArray();
            Arrays.sort(signature);
            byItem[item] = signature;
        }
    }

    /** Shared attribute=value pairs over all pairs of the two items (0 when neither has attributes). */
    double jaccard(int a, int b) {
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
