package dev.tailor.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.IdIndex;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttributeSignaturesTest {
    @Test
    void theShareOfAttributesIsTheSetJaccardWithinCategoriesSmallAndLargeAndAcrossThem() {
        SplittableRandom random = new SplittableRandom(5);
        int items = 120;
        String[] names = new String[items];
        for (int i = 0; i < items; i++) {
            names[i] = "i" + i;
        }
        IdIndex ids = IdIndex.of(names);
        Catalog.Builder catalog = Catalog.builder(ids);
        Map<Integer, Map<String, String>> attributes = new HashMap<>();
        for (int i = 0; i < items; i++) {
            // "few": 3 attributes × 4 values (12 pairs, one long of bits); "many": 12 attributes × 9 values (> 64 pairs).
            boolean many = i % 3 == 0;
            Map<String, String> values = new HashMap<>();
            int count = random.nextInt(many ? 12 : 4);
            for (int a = 0; a < count; a++) {
                values.put("a" + random.nextInt(many ? 12 : 3), "v" + random.nextInt(many ? 9 : 4));
            }
            attributes.put(i, values);
            catalog.add(new CatalogItem("i" + i, many ? "many" : "few", 10, values, Set.of()));
        }
        AttributeSignatures signatures = new AttributeSignatures(catalog.build());
        for (int a = -1; a < items; a++) {
            for (int b = -1; b < items; b++) {
                assertEquals(jaccard(attributes.get(a), attributes.get(b)), signatures.jaccard(a, b), 1e-12, a + " ~ " + b);
            }
        }
    }

    private static double jaccard(Map<String, String> x, Map<String, String> y) {
        Set<String> left = pairs(x);
        Set<String> right = pairs(y);
        Set<String> union = new HashSet<>(left);
        union.addAll(right);
        if (union.isEmpty()) {
            return 0;
        }
        left.retainAll(right);
        return left.size() / (double) union.size();
    }

    private static Set<String> pairs(Map<String, String> attributes) {
        Set<String> pairs = new HashSet<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> pairs.add(k + "=" + v));
        }
        return pairs;
    }
}
