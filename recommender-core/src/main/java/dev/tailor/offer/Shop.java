package dev.tailor.offer;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the offers know of the shop, owned and frozen: the catalog, and each customer's events (item, kind, time,
 * fit feedback, size) oldest first — what the sources and rules read about a customer without an event log.
 * Its id indexes are frozen copies, so a log that goes on growing elsewhere never reaches them.
 *
 * <p>Thread-safety: immutable.
 */
final class Shop {
    final IdIndex customers;
    final IdIndex items;
    final Catalog catalog;
    final AttributeSignatures signatures;
    /** Events of customer c are [start[c], start[c + 1]), oldest first (by time, then by position in the log). */
    private final int[] start;
    private final int[] item;
    private final long[] second;
    /** The kind's ordinal in the low four bits, the fit feedback's above. */
    private final byte[] kindAndFit;
    /** Index into {@link #sizeLabels}, or -1 without a size. */
    private final int[] size;
    private final String[] sizeLabels;
    /** Each catalog item's price by dense id (NaN without an entry): the rules read it without the entry object. */
    private final double[] price;
    private final boolean hasPrices;
    /** The sizes in stock of item i are {@code stockSize[stockStart[i] .. stockStart[i + 1])}, by {@link #stockSizeNumber}. */
    private final int[] stockStart;
    private final int[] stockSize;
    private final Map<String, Integer> stockSizeNumbers = new HashMap<>();
    /**
     * Other indexes' dense ids (a model's) translated to this shop's, made once per index (by identity) and
     * replaced as a whole when one is added, so readers never lock.
     */
    private volatile Translation[] translations = new Translation[0];

    private record Translation(IdIndex index, int[] toShop) {
    }

    private Shop(IdIndex customers, Catalog catalog, int[] start, int[] item, long[] second, byte[] kindAndFit, int[] size,
            String[] sizeLabels) {
        this.customers = customers;
        this.catalog = catalog;
        this.items = catalog.items();
        this.signatures = new AttributeSignatures(catalog);
        this.start = start;
        this.item = item;
        this.second = second;
        this.kindAndFit = kindAndFit;
        this.size = size;
        this.sizeLabels = sizeLabels;
        int items = this.items.size();
        price = new double[items];
        stockStart = new int[items + 1];
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            price[i] = Double.NaN;
            if (catalog.has(i)) {
                CatalogItem entry = catalog.get(i);
                price[i] = entry.price();
                for (String label : entry.sizesInStock()) {
                    sizes.add(stockSizeNumbers.computeIfAbsent(label, k -> stockSizeNumbers.size()));
                }
            }
            stockStart[i + 1] = sizes.size();
        }
        stockSize = sizes.stream().mapToInt(Integer::intValue).toArray();
        hasPrices = Arrays.stream(price).anyMatch(p -> !Double.isNaN(p));
    }

    /** Whether any item has a known price (a price band can hold something). */
    boolean hasPrices() {
        return hasPrices;
    }

    /** The catalog price of an item by dense id (NaN when the catalog does not describe it). */
    double price(int item) {
        return price[item];
    }

    /** Whether the catalog lists sizes in stock for the item. */
    boolean hasSizesInStock(int item) {
        return stockStart[item + 1] > stockStart[item];
    }

    /** Whether the item has the size of this {@link #stockSizeNumber} in stock. */
    boolean inStock(int item, int sizeNumber) {
        for (int at = stockStart[item]; at < stockStart[item + 1]; at++) {
            if (stockSize[at] == sizeNumber) {
                return true;
            }
        }
        return false;
    }

    /** The number of a size label among the sizes in stock of any item, or -1 when no item has it in stock. */
    int stockSizeNumber(String label) {
        return stockSizeNumbers.getOrDefault(label, -1);
    }

    /**
     * This shop's dense id of the item with dense id {@code id} in another index, or -1 when the shop does not
     * know it. The first call for an index translates all of its ids at once.
     */
    int translate(IdIndex index, int id) {
        if (index == items) {
            return id;
        }
        int[] toShop = null;
        for (Translation translation : translations) {
            if (translation.index == index) {
                toShop = translation.toShop;
                break;
            }
        }
        if (toShop == null) {
            toShop = addTranslation(index);
        }
        // An index that went on growing after it was translated: its new ids are looked up one by one.
        return id < toShop.length ? toShop[id] : items.find(index.externalId(id));
    }

    /** Makes {@link #translate}'s table for an index now, so no request pays for it. */
    void prepareTranslation(IdIndex index) {
        if (index != items) {
            addTranslation(index);
        }
    }

    private synchronized int[] addTranslation(IdIndex index) {
        for (Translation translation : translations) {
            if (translation.index == index) {
                return translation.toShop;
            }
        }
        int[] toShop = new int[index.size()];
        for (int id = 0; id < toShop.length; id++) {
            toShop[id] = items.find(index.externalId(id));
        }
        Translation[] grown = Arrays.copyOf(translations, translations.length + 1);
        grown[translations.length] = new Translation(index, toShop);
        translations = grown;
        return toShop;
    }

    /** The snapshot of a log and its catalog (built over the log's item index). */
    static Shop of(EventLog log, Catalog catalog) {
        Catalog frozen = catalog.frozen();
        int customers = log.customers().size();
        int[] start = new int[customers + 1];
        for (int e = 0; e < log.size(); e++) {
            start[log.customer(e) + 1]++;
        }
        for (int c = 0; c < customers; c++) {
            start[c + 1] += start[c];
        }
        int n = log.size();
        int[] item = new int[n];
        long[] second = new long[n];
        byte[] kindAndFit = new byte[n];
        int[] size = new int[n];
        Map<String, Integer> sizeIds = new LinkedHashMap<>();
        int[] next = Arrays.copyOf(start, customers);
        for (int e : log.orderByTime()) {
            int at = next[log.customer(e)]++;
            item[at] = log.item(e);
            second[at] = log.epochSecond(e);
            kindAndFit[at] = (byte) (log.kindOrdinal(e) | log.fit(e).ordinal() << 4);
            String label = log.sizeLabel(e);
            size[at] = label == null ? -1 : sizeIds.computeIfAbsent(label, k -> sizeIds.size());
        }
        return new Shop(log.customers().frozenCopy(), frozen, start, item, second, kindAndFit, size,
                sizeIds.keySet().toArray(String[]::new));
    }

    /** The first of the customer's events (with {@link #end}: their range; empty for -1). */
    int begin(int customer) {
        return customer < 0 || customer >= customers.size() ? 0 : start[customer];
    }

    /** One past the last of the customer's events. */
    int end(int customer) {
        return customer < 0 || customer >= customers.size() ? 0 : start[customer + 1];
    }

    int item(int event) {
        return item[event];
    }

    long second(int event) {
        return second[event];
    }

    EventKind kind(int event) {
        return EventKind.values()[kindAndFit[event] & 0x0f];
    }

    FitFeedback fit(int event) {
        return FitFeedback.ofOrdinal(kindAndFit[event] >>> 4 & 0x0f);
    }

    String sizeLabel(int event) {
        return size[event] < 0 ? null : sizeLabels[size[event]];
    }

    /** Whether an event is evidence of taking the item: a rental, purchase or wear. */
    static boolean isTaking(EventKind kind) {
        return kind == EventKind.RENT || kind == EventKind.PURCHASE || kind == EventKind.WEAR;
    }

    void writeTo(DataOutputStream out) throws IOException {
        customers.writeTo(out);
        catalog.writeTo(out);
        out.writeInt(sizeLabels.length);
        for (String label : sizeLabels) {
            out.writeUTF(label);
        }
        ArrayCodec.writeInts(start, out);
        ArrayCodec.writeInts(item, out);
        // Times as differences from the customer's previous event: small numbers that compress in the file's varints.
        out.writeInt(second.length);
        for (int c = 0; c < customers.size(); c++) {
            long previous = 0;
            for (int e = start[c]; e < start[c + 1]; e++) {
                writeVarLong(out, zigZag(second[e] - previous));
                previous = second[e];
            }
        }
        out.writeInt(kindAndFit.length);
        out.write(kindAndFit);
        ArrayCodec.writeInts(size, out);
    }

    static Shop readFrom(DataInputStream in) throws IOException {
        IdIndex customers = IdIndex.readFrom(in);
        Catalog catalog = Catalog.readFrom(in);
        int labels = in.readInt();
        if (labels < 0 || labels > in.available() / 2) {
            throw new IOException("shop: " + labels + " size labels do not fit the bytes left");
        }
        String[] sizeLabels = new String[labels];
        for (int i = 0; i < labels; i++) {
            sizeLabels[i] = in.readUTF();
        }
        int[] start = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        if (start.length != customers.size() + 1 || start[0] != 0) {
            throw new IOException("shop: " + start.length + " event offsets for " + customers.size() + " customers");
        }
        for (int c = 0; c < customers.size(); c++) {
            if (start[c + 1] < start[c]) {
                throw new IOException("shop: the events of customer " + c + " end before they start");
            }
        }
        int n = start[customers.size()];
        int[] item = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        if (item.length != n) {
            throw new IOException("shop: " + item.length + " event items for " + n + " events");
        }
        for (int e = 0; e < n; e++) {
            if (item[e] < 0 || item[e] >= catalog.items().size()) {
                throw new IOException("shop: event " + e + " has item " + item[e] + " outside the " + catalog.items().size()
                        + " items");
            }
        }
        int times = in.readInt();
        if (times != n) {
            throw new IOException("shop: " + times + " event times for " + n + " events");
        }
        long[] second = new long[n];
        for (int c = 0; c < customers.size(); c++) {
            long previous = 0;
            for (int e = start[c]; e < start[c + 1]; e++) {
                second[e] = previous + unZigZag(readVarLong(in));
                if (second[e] < EventLog.MIN_EPOCH_SECOND || second[e] > EventLog.MAX_EPOCH_SECOND || second[e] < previous && e > start[c]) {
                    throw new IOException("shop: event " + e + " has time " + second[e] + " (out of range or out of order)");
                }
                previous = second[e];
            }
        }
        int kinds = in.readInt();
        if (kinds != n) {
            throw new IOException("shop: " + kinds + " event kinds for " + n + " events");
        }
        byte[] kindAndFit = new byte[n];
        in.readFully(kindAndFit);
        for (int e = 0; e < n; e++) {
            if ((kindAndFit[e] & 0x0f) >= EventKind.values().length || (kindAndFit[e] >>> 4 & 0x0f) >= FitFeedback.values().length) {
                throw new IOException("shop: event " + e + " has an unknown kind or fit feedback (" + kindAndFit[e] + ")");
            }
        }
        int[] size = ArrayCodec.readInts(in, n);
        if (size.length != n) {
            throw new IOException("shop: " + size.length + " event sizes for " + n + " events");
        }
        for (int e = 0; e < n; e++) {
            if (size[e] < -1 || size[e] >= labels) {
                throw new IOException("shop: event " + e + " has size " + size[e] + " outside the " + labels + " labels");
            }
        }
        return new Shop(customers, catalog, start, item, second, kindAndFit, size, sizeLabels);
    }

    private static long zigZag(long value) {
        return value << 1 ^ value >> 63;
    }

    private static long unZigZag(long value) {
        return value >>> 1 ^ -(value & 1);
    }

    private static void writeVarLong(DataOutputStream out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) (value & 0x7F | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("shop: a time is longer than a varint may be");
    }
}
