package dev.tailor.data;

import dev.tailor.internal.ReadSharing;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The items on offer, indexed by the dense item ids of an {@link IdIndex}, with each item's category
 * as a dense category id for fast rules (category caps, replenishment per category).
 *
 * <p>Items that appear in events but not in the catalog have no entry: {@link #has} tells.
 *
 * <p>Thread-safety: immutable once built.
 */
public final class Catalog {
    private final IdIndex items;
    private final CatalogItem[] byItem;
    private final int[] categoryOfItem;
    private final List<String> categoryNames;

    private Catalog(IdIndex items, CatalogItem[] byItem, int[] categoryOfItem, List<String> categoryNames) {
        this.items = items;
        this.byItem = byItem;
        this.categoryOfItem = categoryOfItem;
        this.categoryNames = List.copyOf(categoryNames);
    }

    /** A builder that adds items to the given index (typically the one an event log uses). */
    public static Builder builder(IdIndex items) {
        return new Builder(Objects.requireNonNull(items, "items"));
    }

    /** The item index the catalog's dense ids refer to. */
    public IdIndex items() {
        return items;
    }

    /** Whether the catalog describes the item with this dense id. */
    public boolean has(int item) {
        return item >= 0 && item < byItem.length && byItem[item] != null;
    }

    /**
     * The item with this dense id.
     *
     * @throws IllegalArgumentException if the catalog has no entry for it
     */
    public CatalogItem get(int item) {
        if (!has(item)) {
            throw new IllegalArgumentException("the catalog has no item with dense id " + item);
        }
        return byItem[item];
    }

    /** Dense category id of an item, or -1 if the catalog does not describe it. */
    public int category(int item) {
        return item >= 0 && item < categoryOfItem.length ? categoryOfItem[item] : -1;
    }

    /** The number of distinct categories; category ids run from 0 to {@code categoryCount() - 1}. */
    public int categoryCount() {
        return categoryNames.size();
    }

    /** The name of a dense category id. */
    public String categoryName(int category) {
        return categoryNames.get(category);
    }

    /** The dense id of a category name, or -1 if no item has it. */
    public int categoryId(String name) {
        return categoryNames.indexOf(name);
    }

    /** The number of items described. */
    public int size() {
        int n = 0;
        for (CatalogItem item : byItem) {
            if (item != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * This catalog over a frozen copy of its item index (the same dense ids): ids added to the index later — by an
     * event log that shares it — never reach this copy, so a served model reads it without racing a writer.
     */
    public Catalog frozen() {
        return items.isFrozen() ? this : new Catalog(items.frozenCopy(), byItem, categoryOfItem, categoryNames);
    }

    /** Writes the catalog and its item index (for model files). */
    public void writeTo(DataOutputStream out) throws IOException {
        items.writeTo(out);
        out.writeInt(categoryNames.size());
        for (String name : categoryNames) {
            out.writeUTF(name);
        }
        out.writeInt(size());
        for (int item = 0; item < byItem.length; item++) {
            CatalogItem entry = byItem[item];
            if (entry == null) {
                continue;
            }
            out.writeInt(item);
            out.writeInt(categoryOfItem[item]);
            out.writeDouble(entry.price());
            out.writeInt(entry.attributes().size());
            for (Map.Entry<String, String> attribute : new TreeMap<>(entry.attributes()).entrySet()) {
                out.writeUTF(attribute.getKey());
                out.writeUTF(attribute.getValue());
            }
            out.writeInt(entry.sizesInStock().size());
            for (String size : new TreeSet<>(entry.sizesInStock())) {
                out.writeUTF(size);
            }
        }
    }

    /**
     * Reads a catalog written by {@link #writeTo}, over a frozen item index.
     *
     * @throws java.io.IOException if it is truncated or inconsistent
     */
    public static Catalog readFrom(DataInputStream in) throws IOException {
        IdIndex items = IdIndex.readFrom(in);
        int categories = in.readInt();
        if (categories < 0 || categories > in.available() / 2) {
            throw new IOException("catalog: " + categories + " categories do not fit the bytes left");
        }
        List<String> names = new ArrayList<>(categories);
        for (int c = 0; c < categories; c++) {
            names.add(ReadSharing.canonical(in.readUTF()));
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IOException("catalog: a category name is listed twice");
        }
        int entries = in.readInt();
        if (entries < 0 || entries > items.size()) {
            throw new IOException("catalog: " + entries + " entries for " + items.size() + " items");
        }
        CatalogItem[] byItem = new CatalogItem[items.size()];
        int[] categoryOfItem = new int[items.size()];
        Arrays.fill(categoryOfItem, -1);
        // Most items share a few attribute maps and size sets: each distinct one is built once, found again by its texts.
        Map<List<String>, Map<String, String>> attributesByTexts = new HashMap<>();
        Map<List<String>, Set<String>> sizesByTexts = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            int item = in.readInt();
            int category = in.readInt();
            if (item < 0 || item >= byItem.length || byItem[item] != null || category < 0 || category >= categories) {
                throw new IOException("catalog: entry " + i + " has item " + item + " and category " + category
                        + " (out of range or repeated)");
            }
            double price = in.readDouble();
            int attributeCount = in.readInt();
            if (attributeCount < 0 || attributeCount > in.available() / 4) {
                throw new IOException("catalog: " + attributeCount + " attributes do not fit the bytes left");
            }
            String[] attributeTexts = new String[2 * attributeCount];
            for (int a = 0; a < attributeTexts.length; a++) {
                attributeTexts[a] = in.readUTF();
            }
            int sizeCount = in.readInt();
            if (sizeCount < 0 || sizeCount > in.available() / 2) {
                throw new IOException("catalog: " + sizeCount + " sizes do not fit the bytes left");
            }
            String[] sizeTexts = new String[sizeCount];
            for (int z = 0; z < sizeCount; z++) {
                sizeTexts[z] = in.readUTF();
            }
            try {
                Map<String, String> attributes = attributesByTexts.computeIfAbsent(Arrays.asList(attributeTexts), texts -> {
                    Map<String, String> built = new HashMap<>();
                    for (int a = 0; a < texts.size(); a += 2) {
                        built.put(ReadSharing.canonical(texts.get(a)), ReadSharing.canonical(texts.get(a + 1)));
                    }
                    // Equal maps are one object within a model file, across its parts too.
                    Map<String, String> shared = Map.copyOf(built);
                    return ReadSharing.sharedWithinRead(shared, () -> shared);
                });
                Set<String> sizes = sizesByTexts.computeIfAbsent(Arrays.asList(sizeTexts), texts -> {
                    Set<String> built = new HashSet<>();
                    for (String size : texts) {
                        built.add(ReadSharing.canonical(size));
                    }
                    Set<String> shared = Set.copyOf(built);
                    return ReadSharing.sharedWithinRead(shared, () -> shared);
                });
                byItem[item] = new CatalogItem(items.externalId(item), names.get(category), price, attributes, sizes);
            } catch (IllegalArgumentException e) {
                throw new IOException("catalog: " + e.getMessage(), e);
            }
            categoryOfItem[item] = category;
        }
        return new Catalog(items, byItem, categoryOfItem, names);
    }

    /** Collects catalog items. Not thread-safe. */
    public static final class Builder {
        private final IdIndex items;
        private final Map<Integer, CatalogItem> entries = new HashMap<>();
        private final Map<String, Integer> categoryIds = new HashMap<>();
        private final List<String> categoryNames = new ArrayList<>();

        private Builder(IdIndex items) {
            this.items = items;
        }

        /**
         * Adds an item, registering its id in the index.
         *
         * @throws IllegalArgumentException if the item id was already added
         */
        public Builder add(CatalogItem item) {
            int id = items.idOf(item.id());
            if (entries.putIfAbsent(id, item) != null) {
                throw new IllegalArgumentException("catalog: item '" + item.id() + "' added twice");
            }
            categoryIds.computeIfAbsent(item.category(), name -> {
                categoryNames.add(name);
                return categoryNames.size() - 1;
            });
            return this;
        }

        /** Builds the catalog, sized to the index as it is now. */
        public Catalog build() {
            CatalogItem[] byItem = new CatalogItem[items.size()];
            int[] categoryOfItem = new int[items.size()];
            Arrays.fill(categoryOfItem, -1);
            entries.forEach((id, item) -> {
                byItem[id] = item;
                categoryOfItem[id] = categoryIds.get(item.category());
            });
            return new Catalog(items, byItem, categoryOfItem, categoryNames);
        }
    }
}
