package dev.tailor.offer;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.recommend.RecommendationList;
import dev.tailor.recommend.kit.TopN;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Content neighbours from the catalog, which reach items no one has rented or bought yet: for the customer's
 * most recent items, the items of the same category ranked by the share of catalog attributes they share
 * (Jaccard over attribute=value pairs), with a bonus for items new to the shop (first seen within the
 * window before the request, or never). With a trend-driven catalog this is how new arrivals get offered.
 */
final class ContentSource implements OfferSource {
    private static final int RECENT_ITEMS = 5;
    private static final double NEW_ITEM_BONUS = 0.5;

    private final Catalog catalog;
    private final Duration newWindow;
    private final long[] firstSeen;
    private final Map<Integer, int[]> itemsOfCategory = new HashMap<>();
    /**
     * Items of one category with equal attributes are alike to the same degree with any item, so a request
     * computes a share once per distinct attribute set: the set's number within its category, per item.
     */
    private final int[] attributeSetOfItem;
    /** Per category, one item of each of its distinct attribute sets, in the sets' numbering. */
    private final Map<Integer, int[]> attributeSetsOfCategory = new HashMap<>();
    /** Per category, the latest first-seen time of its items (Long.MAX_VALUE when one was never seen). */
    private final Map<Integer, Long> newestOfCategory = new HashMap<>();
    private final AttributeSignatures signatures;

    private ContentSource(Catalog catalog, Duration newWindow, long[] firstSeen) {
        this(catalog, newWindow, firstSeen, new AttributeSignatures(catalog));
    }

    private ContentSource(Catalog catalog, Duration newWindow, long[] firstSeen, AttributeSignatures signatures) {
        this.catalog = catalog;
        this.newWindow = newWindow;
        this.signatures = signatures;
        this.firstSeen = firstSeen;
        Map<Integer, List<Integer>> grouped = new HashMap<>();
        for (int item = 0; item < catalog.items().size(); item++) {
            if (catalog.has(item)) {
                grouped.computeIfAbsent(catalog.category(item), c -> new ArrayList<>()).add(item);
            }
        }
        grouped.forEach((category, items) -> itemsOfCategory.put(category, items.stream().mapToInt(Integer::intValue).toArray()));
        attributeSetOfItem = new int[catalog.items().size()];
        itemsOfCategory.forEach((category, items) -> {
            Map<List<Integer>, Integer> numbers = new HashMap<>();
            List<Integer> representatives = new ArrayList<>();
            for (int item : items) {
                List<Integer> pairs = Arrays.stream(signatures.pairs(item)).boxed().toList();
                attributeSetOfItem[item] = numbers.computeIfAbsent(pairs, p -> {
                    representatives.add(item);
                    return numbers.size();
                });
            }
            attributeSetsOfCategory.put(category, representatives.stream().mapToInt(Integer::intValue).toArray());
            newestOfCategory.put(category, Arrays.stream(items).mapToLong(item -> firstSeen[item]).max().orElse(Long.MIN_VALUE));
        });
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
        long[] firstSeen = new long[catalog.items().size()];
        Arrays.fill(firstSeen, Long.MAX_VALUE);
        for (int e = 0; e < log.size(); e++) {
            int item = catalog.items().find(log.items().externalId(log.item(e)));
            if (item >= 0) {
                firstSeen[item] = Math.min(firstSeen[item], log.epochSecond(e));
            }
        }
        return new ContentSource(catalog.frozen(), newWindow, firstSeen);
    }

    /**
     * Writes the source; its catalog only when it is not the shop's ({@code shopCatalog}, written before it) — the
     * same items under the same ids, entries and categories — so a file holds the catalog once.
     */
    void writeTo(DataOutputStream out, Catalog shopCatalog) throws IOException {
        out.writeLong(newWindow.getSeconds());
        boolean shared = sameItems(catalog, shopCatalog);
        out.writeBoolean(shared);
        if (!shared) {
            catalog.writeTo(out);
        }
        out.writeInt(firstSeen.length);
        for (long second : firstSeen) {
            out.writeLong(second);
        }
    }

    /**
     * Reads a source written by {@link #writeTo}; from files of offers format version 3 on, a source whose catalog
     * is the shop's takes the shop's catalog and attribute signatures instead of reading and building them again.
     */
    static ContentSource readFrom(DataInputStream in, int version, Shop shop) throws IOException {
        long windowSeconds = in.readLong();
        if (windowSeconds <= 0) {
            throw new IOException("content: window of " + windowSeconds + " s");
        }
        boolean shared = version >= 3 && in.readBoolean();
        Catalog catalog = shared ? shop.catalog : Catalog.readFrom(in);
        int n = in.readInt();
        if (n != catalog.items().size()) {
            throw new IOException("content: " + n + " first-seen times for " + catalog.items().size() + " items");
        }
        ArrayCodec.requireBytes(in, 8L * n, "content first-seen times");
        long[] firstSeen = new long[n];
        for (int i = 0; i < n; i++) {
            firstSeen[i] = in.readLong();
        }
        return shared ? new ContentSource(catalog, Duration.ofSeconds(windowSeconds), firstSeen, shop.signatures)
                : new ContentSource(catalog, Duration.ofSeconds(windowSeconds), firstSeen);
    }

    /** Whether two catalogs describe the same items under the same dense ids, with equal entries and categories. */
    static boolean sameItems(Catalog a, Catalog b) {
        if (a == b) {
            return true;
        }
        IdIndex x = a.items();
        IdIndex y = b.items();
        if (x.size() != y.size()) {
            return false;
        }
        for (int item = 0; item < x.size(); item++) {
            if (!x.externalId(item).equals(y.externalId(item)) || a.has(item) != b.has(item)
                    || a.has(item) && (!a.get(item).equals(b.get(item)) || a.category(item) != b.category(item))) {
                return false;
            }
        }
        return true;
    }

    /** The catalog this source ranks by. */
    Catalog catalog() {
        return catalog;
    }

    /** The index of the catalog this source ranks by. */
    IdIndex items() {
        return catalog.items();
    }

    @Override
    public String name() {
        return "content";
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        long asOf = request.asOf().getEpochSecond();
        long newSince = asOf - newWindow.getSeconds();
        List<String> recent = customer.takenItems();
        Map<Integer, List<Integer>> ownByCategory = new LinkedHashMap<>();
        for (String mine : recent.subList(0, Math.min(RECENT_ITEMS, recent.size()))) {
            int own = catalog.items().find(mine);
            if (catalog.has(own)) {
                ownByCategory.computeIfAbsent(catalog.category(own), c -> new ArrayList<>()).add(own);
            }
        }
        TopN top = new TopN(n);
        for (Map.Entry<Integer, List<Integer>> entry : ownByCategory.entrySet()) {
            int[] owns = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            int[] attributeSets = attributeSetsOfCategory.get(entry.getKey());
            double[] likeOfSet = new double[attributeSets.length];
            double likeAtMost = 0;
            for (int set = 0; set < attributeSets.length; set++) {
                double like = 0;
                for (int own : owns) {
                    like = Math.max(like, signatures.jaccard(own, attributeSets[set]));
                }
                likeOfSet[set] = like;
                likeAtMost = Math.max(likeAtMost, like);
            }
            boolean mayHaveNew = newestOfCategory.get(entry.getKey()) >= newSince;
            if ((float) (likeAtMost + (mayHaveNew ? NEW_ITEM_BONUS : 0)) <= top.threshold()) {
                continue; // no item of this category could enter the list
            }
            for (int other : itemsOfCategory.get(entry.getKey())) {
                if (contains(owns, other) || firstSeen[other] != Long.MAX_VALUE && firstSeen[other] > asOf) {
                    continue;
                }
                double like = likeOfSet[attributeSetOfItem[other]];
                float score = (float) (like + (isNew(other, newSince) ? NEW_ITEM_BONUS : 0));
                // Only an item that would enter the list is checked against the rules; among equal scores the
                // first one met stays (categories in the customer's order, items by id within one).
                if (score > 0 && score > top.threshold() && !customer.excluded(catalog.items(), other)) {
                    top.offer(other, score);
                }
            }
        }
        RecommendationList chosen = top.drain(-1);
        List<Candidate> out = new ArrayList<>(chosen.size());
        for (int r = 0; r < chosen.size(); r++) {
            int item = chosen.item(r);
            int because = -1;
            double best = -1;
            for (int own : ownByCategory.get(catalog.category(item))) {
                double like = signatures.jaccard(own, item);
                if (like > best) {
                    best = like;
                    because = own;
                }
            }
            String like = catalog.items().externalId(because);
            String category = catalog.categoryName(catalog.category(item));
            String text = (isNew(item, newSince) ? "new in " + category + ", like your " : "like your ") + like;
            out.add(Candidate.of(catalog.items().externalId(item), chosen.score(r),
                    new Reason(Reason.Kind.LIKE_YOUR_ITEMS, List.of(like), text, Map.of("similarity", best))));
        }
        return out;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private boolean isNew(int item, long newSince) {
        return firstSeen[item] == Long.MAX_VALUE || firstSeen[item] >= newSince;
    }
}
