package dev.tailor.offer;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Content neighbours from the catalog, which reach items no one has rented or bought yet: for the customer's
 * most recent items, the items of the same category ranked by the share of catalog attributes they share
 * (Jaccard over attribute=value pairs), with a bonus for items new to the shop (first seen within the
 * window before the request, or never). With a trend-driven catalog this is how new arrivals get offered.
 */
public final class ContentSource implements OfferSource {
    private static final int RECENT_ITEMS = 5;
    private static final double NEW_ITEM_BONUS = 0.5;

    private final Catalog catalog;
    private final Duration newWindow;
    private final long[] firstSeen;
    private final Map<Integer, int[]> itemsOfCategory = new HashMap<>();

    private ContentSource(EventLog log, Catalog catalog, Duration newWindow) {
        this.catalog = catalog;
        this.newWindow = newWindow;
        this.firstSeen = new long[catalog.items().size()];
        Arrays.fill(firstSeen, Long.MAX_VALUE);
        for (int e = 0; e < log.size(); e++) {
            int item = catalog.items().find(log.items().externalId(log.item(e)));
            if (item >= 0) {
                firstSeen[item] = Math.min(firstSeen[item], log.epochSecond(e));
            }
        }
        Map<Integer, List<Integer>> grouped = new HashMap<>();
        for (int item = 0; item < catalog.items().size(); item++) {
            if (catalog.has(item)) {
                grouped.computeIfAbsent(catalog.category(item), c -> new ArrayList<>()).add(item);
            }
        }
        grouped.forEach((category, items) -> itemsOfCategory.put(category, items.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * A source over a catalog, with the log that says when each item was first seen.
     *
     * @param newWindow how recent an item's first event must be for it to count as new
     * @throws IllegalArgumentException if the window is not positive
     */
    public static ContentSource of(EventLog log, Catalog catalog, Duration newWindow) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(catalog, "catalog");
        if (newWindow.isNegative() || newWindow.isZero()) {
            throw new IllegalArgumentException("newWindow must be positive, was " + newWindow);
        }
        return new ContentSource(log, catalog, newWindow);
    }

    @Override
    public String name() {
        return "content";
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        long asOf = request.asOf().getEpochSecond();
        long newSince = asOf - newWindow.getSeconds();
        Map<Integer, Double> best = new HashMap<>();
        Map<Integer, Integer> because = new HashMap<>();
        List<String> recent = customer.takenItems();
        for (String mine : recent.subList(0, Math.min(RECENT_ITEMS, recent.size()))) {
            int own = catalog.items().find(mine);
            if (!catalog.has(own)) {
                continue;
            }
            CatalogItem ownEntry = catalog.get(own);
            for (int other : itemsOfCategory.getOrDefault(catalog.category(own), new int[0])) {
                if (other == own || firstSeen[other] != Long.MAX_VALUE && firstSeen[other] > asOf) {
                    continue;
                }
                double score = jaccard(ownEntry, catalog.get(other)) + (isNew(other, newSince) ? NEW_ITEM_BONUS : 0);
                if (score > best.getOrDefault(other, 0.0)) {
                    best.put(other, score);
                    because.put(other, own);
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        best.entrySet().stream()
                .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEachOrdered(entry -> {
                    String item = catalog.items().externalId(entry.getKey());
                    if (out.size() < n && !customer.excluded(item)) {
                        String like = catalog.items().externalId(because.get(entry.getKey()));
                        String category = catalog.categoryName(catalog.category(entry.getKey()));
                        String text = (isNew(entry.getKey(), newSince) ? "new in " + category + ", like your " : "like your ")
                                + like;
                        out.add(Candidate.of(item, entry.getValue(), new Reason(Reason.Kind.LIKE_YOUR_ITEMS, List.of(like), text)));
                    }
                });
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::item));
        return out;
    }

    private boolean isNew(int item, long newSince) {
        return firstSeen[item] == Long.MAX_VALUE || firstSeen[item] >= newSince;
    }

    /** Shared attribute=value pairs over all pairs of the two items. */
    static double jaccard(CatalogItem a, CatalogItem b) {
        if (a.attributes().isEmpty() && b.attributes().isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (Map.Entry<String, String> attribute : a.attributes().entrySet()) {
            if (attribute.getValue().equals(b.attributes().get(attribute.getKey()))) {
                shared++;
            }
        }
        return shared / (double) (a.attributes().size() + b.attributes().size() - shared);
    }
}
