package dev.tailor.offer;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventLog;
import dev.tailor.data.IdIndex;
import dev.tailor.fit.BodyProfile;
import dev.tailor.internal.ArrayCodec;
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
import java.util.TreeSet;

/**
 * A shop's takes (rentals, purchases, wears) in time order with what demand forecasting and personal affinity
 * read from them: the item, the occasion, the size and who took it — the taker's body measurements as quantile
 * bins and her traits — and the {@link State} of every item as of any moment, computed from the takes before it
 * only. Immutable; shared by the forecast and the affinity source of one offers model.
 */
final class TakeHistory {
    static final long DAY = 86_400L;
    /** Quantile bins of a body measurement: a customer's neighbours are those in her bin and the two beside it. */
    static final int BINS = 20;
    /** How far back "recent" reaches in the features that count recent takes by occasion or by body. */
    static final long RECENT_DAYS = 90;
    /** Co-take neighbours kept per item. */
    static final int NEIGHBOURS = 100;
    static final String[] ITEM_FEATURES = {"log1p takes 7d", "log1p takes 14d", "log1p takes 30d", "log1p takes 90d",
        "log1p takes 365d", "log1p takes ever", "log1p age (days since first take)", "log1p days since last take",
        "new (first take within 30 days)", "log1p takes in the same weeks a year before", "log1p weekly rate since launch",
        "log1p takes 30d if launched within 60 days", "log1p takes 14d if launched within 30 days"};

    final IdIndex items;
    final IdIndex customers;
    /** Category of each item (-1 when the catalog does not describe it). */
    final int[] categoryOfItem;
    final int categoryCount;
    /** List price of each item (NaN when unknown). */
    final double[] priceOfItem;
    final String[] occasions;
    final String[] sizes;
    final String[] measurements;
    /** Per measurement, the upper edges of its first BINS − 1 bins. */
    final double[][] binEdges;
    final String[] traits;
    final String[][] traitValues;
    /** Per customer: bin per measurement, then value code per trait (-1 unknown). */
    final int[][] profileCodes;
    /** Per customer: her takes' occasions counted (null when none). */
    final int[][] occasionCounts;
    final int[] item;
    final long[] time;
    final int[] occasion;
    final int[] size;
    final int[] taker;

    private TakeHistory(IdIndex items, IdIndex customers, int[] categoryOfItem, int categoryCount, double[] priceOfItem,
            String[] occasions,
            String[] sizes, String[] measurements, double[][] binEdges, String[] traits, String[][] traitValues,
            int[][] profileCodes, int[][] occasionCounts, int[] item, long[] time, int[] occasion, int[] size, int[] taker) {
        this.items = items;
        this.customers = customers;
        this.categoryOfItem = categoryOfItem;
        this.categoryCount = categoryCount;
        this.priceOfItem = priceOfItem;
        this.occasions = occasions;
        this.sizes = sizes;
        this.measurements = measurements;
        this.binEdges = binEdges;
        this.traits = traits;
        this.traitValues = traitValues;
        this.profileCodes = profileCodes;
        this.occasionCounts = occasionCounts;
        this.item = item;
        this.time = time;
        this.occasion = occasion;
        this.size = size;
        this.taker = taker;
    }

    /**
     * The takes of a log with their occasions (by log position, null where unknown; the array may be null) and
     * the customers' body profiles (possibly empty).
     */
    static TakeHistory of(EventLog log, Catalog catalog, String[] occasionOfEvent, Map<String, BodyProfile> profiles) {
        int[] byTime = log.orderByTime();
        Map<String, Integer> occasionIds = new LinkedHashMap<>();
        Map<String, Integer> sizeIds = new LinkedHashMap<>();
        int n = 0;
        for (int e : byTime) {
            n += Shop.isTaking(log.kind(e)) ? 1 : 0;
        }
        int[] item = new int[n];
        long[] time = new long[n];
        int[] occasion = new int[n];
        int[] size = new int[n];
        int[] taker = new int[n];
        int i = 0;
        for (int e : byTime) {
            if (!Shop.isTaking(log.kind(e))) {
                continue;
            }
            item[i] = log.item(e);
            time[i] = log.epochSecond(e);
            String o = occasionOfEvent == null ? null : occasionOfEvent[e];
            occasion[i] = o == null ? -1 : occasionIds.computeIfAbsent(o, k -> occasionIds.size());
            String s = log.sizeLabel(e);
            size[i] = s == null ? -1 : sizeIds.computeIfAbsent(s, k -> sizeIds.size());
            taker[i] = log.customer(e);
            i++;
        }
        IdIndex customers = log.customers().frozenCopy();
        TreeSet<String> measurementNames = new TreeSet<>();
        TreeSet<String> traitNames = new TreeSet<>();
        profiles.values().forEach(p -> {
            measurementNames.addAll(p.measurements().keySet());
            traitNames.addAll(p.traits().keySet());
        });
        String[] measurements = measurementNames.toArray(String[]::new);
        String[] traits = traitNames.toArray(String[]::new);
        // Bins are quantiles over the customers of the log who have the measurement.
        double[][] binEdges = new double[measurements.length][];
        for (int m = 0; m < measurements.length; m++) {
            List<Double> values = new ArrayList<>();
            for (int c = 0; c < customers.size(); c++) {
                BodyProfile p = profiles.get(customers.externalId(c));
                Double v = p == null ? null : p.measurements().get(measurements[m]);
                if (v != null) {
                    values.add(v);
                }
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            binEdges[m] = new double[BINS - 1];
            for (int b = 0; b < BINS - 1; b++) {
                binEdges[m][b] = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) ((b + 1L) * sorted.length / BINS))];
            }
        }
        String[][] traitValues = new String[traits.length][];
        List<Map<String, Integer>> traitIds = new ArrayList<>();
        for (int t = 0; t < traits.length; t++) {
            String name = traits[t];
            TreeSet<String> values = new TreeSet<>();
            profiles.values().forEach(p -> {
                if (p.traits().containsKey(name)) {
                    values.add(p.traits().get(name));
                }
            });
            traitValues[t] = values.toArray(String[]::new);
            Map<String, Integer> ids = new HashMap<>();
            for (int v = 0; v < traitValues[t].length; v++) {
                ids.put(traitValues[t][v], v);
            }
            traitIds.add(ids);
        }
        int[][] profileCodes = new int[customers.size()][];
        for (int c = 0; c < customers.size(); c++) {
            BodyProfile p = profiles.get(customers.externalId(c));
            if (p != null) {
                profileCodes[c] = codes(p, measurements, binEdges, traits, traitIds);
            }
        }
        int[][] occasionCounts = new int[customers.size()][];
        for (int t = 0; t < n; t++) {
            if (occasion[t] >= 0) {
                if (occasionCounts[taker[t]] == null) {
                    occasionCounts[taker[t]] = new int[occasionIds.size()];
                }
                occasionCounts[taker[t]][occasion[t]]++;
            }
        }
        IdIndex items = log.items().frozenCopy();
        int[] categoryOfItem = new int[items.size()];
        double[] priceOfItem = new double[items.size()];
        for (int it = 0; it < categoryOfItem.length; it++) {
            categoryOfItem[it] = catalog.category(it);
            priceOfItem[it] = catalog.has(it) ? catalog.get(it).price() : Double.NaN;
        }
        return new TakeHistory(items, customers, categoryOfItem, catalog.categoryCount(), priceOfItem,
                occasionIds.keySet().toArray(String[]::new), sizeIds.keySet().toArray(String[]::new), measurements, binEdges,
                traits, traitValues, profileCodes, occasionCounts, item, time, occasion, size, taker);
    }

    private static int[] codes(BodyProfile p, String[] measurements, double[][] binEdges, String[] traits,
            List<Map<String, Integer>> traitIds) {
        int[] codes = new int[measurements.length + traits.length];
        for (int m = 0; m < measurements.length; m++) {
            Double v = p.measurements().get(measurements[m]);
            codes[m] = v == null ? -1 : bin(binEdges[m], v);
        }
        for (int t = 0; t < traits.length; t++) {
            String v = p.traits().get(traits[t]);
            codes[measurements.length + t] = v == null ? -1 : traitIds.get(t).getOrDefault(v, -1);
        }
        return codes;
    }

    private static int bin(double[] edges, double value) {
        int b = 0;
        while (b < edges.length && value > edges[b]) {
            b++;
        }
        return b;
    }

    /** The profile codes of a customer (bins, then trait values; -1 unknown), or null when none is known. */
    int[] profileOf(String customer) {
        int c = customers.find(customer);
        return c < 0 ? null : profileCodes[c];
    }

    /** The customer's occasions counted over her takes, or null. */
    int[] occasionCountsOf(String customer) {
        int c = customers.find(customer);
        return c < 0 ? null : occasionCounts[c];
    }

    int profileWidth() {
        return measurements.length + traits.length;
    }

    /**
     * Checks the steps a learned source learns from.
     *
     * @throws IllegalArgumentException if the step is shorter than a day or there is no step
     */
    static void requireLearningSteps(Duration step, int steps) {
        if (step.getSeconds() < DAY) {
            throw new IllegalArgumentException("a learning step must be at least a day long, was " + step);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        }
    }

    /** The first take at or after a second. */
    int lowerBound(long second) {
        return lowerBound(time, second);
    }

    /** The first position of an ascending array holding a value at or after {@code second}. */
    static int lowerBound(long[] times, long second) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < second) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Every item's counts as of a moment: what the features of a list made then may read. */
    State stateAt(long second) {
        return new State(this, second, true);
    }

    /** As {@link #stateAt}, without the co-take neighbours (the costly part), for what reads demand alone. */
    State demandAt(long second) {
        return new State(this, second, false);
    }

    /**
     * Items as of a moment, from the takes strictly before it: demand features, and the histograms the personal
     * features compare a customer with (sizes, occasions, body bins and traits of the takers, co-takes).
     */
    static final class State {
        final long second;
        final int itemCount;
        final boolean[] seen;
        final int[] total;
        /** ITEM_FEATURES.length values per item. */
        final double[] itemFeatures;
        final int[] sizeCounts;
        final int[] sizedTotal;
        final int[] occasionCounts;
        final int[] recentOccasionCounts;
        /** Per measurement or trait: counts per item and bin (or value); per measurement also recent ones. */
        final int[][] profileCounts;
        final int[][] recentProfileCounts;
        final int[][] profileKnown;
        final int[] widths;
        /** Co-take neighbours: CSR over items, cosine of the sets of takers. */
        final int[] neighbourStart;
        final int[] neighbour;
        final float[] similarity;
        /** Every customer's items taken before the moment (CSR by customer dense id). */
        final int[] takenStart;
        final int[] taken;

        private State(TakeHistory h, long second, boolean withNeighbours) {
            this.second = second;
            itemCount = h.items.size();
            int end = h.lowerBound(second);
            seen = new boolean[itemCount];
            total = new int[itemCount];
            long[] first = new long[itemCount];
            long[] last = new long[itemCount];
            Arrays.fill(first, Long.MAX_VALUE);
            int[][] windows = new int[5][itemCount];
            long[] windowDays = {7, 14, 30, 90, 365};
            int[] lastYear = new int[itemCount];
            int sizeCount = h.sizes.length;
            int occasionCount = h.occasions.length;
            sizeCounts = new int[itemCount * Math.max(1, sizeCount)];
            sizedTotal = new int[itemCount];
            occasionCounts = new int[itemCount * Math.max(1, occasionCount)];
            recentOccasionCounts = new int[itemCount * Math.max(1, occasionCount)];
            int width = h.profileWidth();
            widths = new int[width];
            profileCounts = new int[width][];
            recentProfileCounts = new int[width][];
            profileKnown = new int[width][];
            for (int p = 0; p < width; p++) {
                widths[p] = p < h.measurements.length ? BINS : Math.max(1, h.traitValues[p - h.measurements.length].length);
                profileCounts[p] = new int[itemCount * widths[p]];
                recentProfileCounts[p] = new int[itemCount * widths[p]];
                profileKnown[p] = new int[itemCount];
            }
            long recentFrom = second - RECENT_DAYS * DAY;
            for (int t = 0; t < end; t++) {
                int it = h.item[t];
                long when = h.time[t];
                seen[it] = true;
                total[it]++;
                first[it] = Math.min(first[it], when);
                last[it] = Math.max(last[it], when);
                for (int w = 0; w < windowDays.length; w++) {
                    if (when >= second - windowDays[w] * DAY) {
                        windows[w][it]++;
                    }
                }
                if (when >= second - 372 * DAY && when < second - 351 * DAY) {
                    lastYear[it]++;
                }
                boolean recent = when >= recentFrom;
                if (h.size[t] >= 0) {
                    sizeCounts[it * sizeCount + h.size[t]]++;
                    sizedTotal[it]++;
                }
                if (h.occasion[t] >= 0) {
                    occasionCounts[it * occasionCount + h.occasion[t]]++;
                    if (recent) {
                        recentOccasionCounts[it * occasionCount + h.occasion[t]]++;
                    }
                }
                int[] codes = h.profileCodes[h.taker[t]];
                if (codes != null) {
                    for (int p = 0; p < width; p++) {
                        if (codes[p] >= 0) {
                            profileCounts[p][it * widths[p] + codes[p]]++;
                            profileKnown[p][it]++;
                            if (recent) {
                                recentProfileCounts[p][it * widths[p] + codes[p]]++;
                            }
                        }
                    }
                }
            }
            int f = ITEM_FEATURES.length;
            itemFeatures = new double[itemCount * f];
            for (int it = 0; it < itemCount; it++) {
                if (!seen[it]) {
                    continue;
                }
                double age = (second - first[it]) / (double) DAY;
                double sinceLast = (second - last[it]) / (double) DAY;
                int o = it * f;
                for (int w = 0; w < 5; w++) {
                    itemFeatures[o + w] = Math.log1p(windows[w][it]);
                }
                itemFeatures[o + 5] = Math.log1p(total[it]);
                itemFeatures[o + 6] = Math.log1p(age);
                itemFeatures[o + 7] = Math.log1p(sinceLast);
                itemFeatures[o + 8] = age < 30 ? 1 : 0;
                itemFeatures[o + 9] = Math.log1p(lastYear[it]);
                itemFeatures[o + 10] = Math.log1p(total[it] / Math.max(age, 7) * 7);
                itemFeatures[o + 11] = age < 60 ? Math.log1p(windows[2][it]) : 0;
                itemFeatures[o + 12] = age < 30 ? Math.log1p(windows[1][it]) : 0;
            }
            // Each customer's items before the moment, then co-takes between items.
            int customerCount = h.customers.size();
            takenStart = new int[customerCount + 1];
            long[] pairs = new long[end];
            for (int t = 0; t < end; t++) {
                pairs[t] = ((long) h.taker[t] << 32) | h.item[t];
            }
            Arrays.sort(pairs);
            int distinct = 0;
            for (int t = 0; t < end; t++) {
                if (t == 0 || pairs[t] != pairs[t - 1]) {
                    pairs[distinct++] = pairs[t];
                }
            }
            taken = new int[distinct];
            for (int t = 0; t < distinct; t++) {
                takenStart[(int) (pairs[t] >>> 32) + 1]++;
                taken[t] = (int) pairs[t];
            }
            for (int c = 0; c < customerCount; c++) {
                takenStart[c + 1] += takenStart[c];
            }
            int[] takers = new int[itemCount];
            for (int t = 0; t < distinct; t++) {
                takers[taken[t]]++;
            }
            if (!withNeighbours) {
                neighbourStart = new int[itemCount + 1];
                neighbour = new int[0];
                similarity = new float[0];
                return;
            }
            // Item -> takers (CSR), then per item the co-take counts with every other item, keeping the strongest.
            int[] takerStart = new int[itemCount + 1];
            for (int it = 0; it < itemCount; it++) {
                takerStart[it + 1] = takerStart[it] + takers[it];
            }
            int[] takerOf = new int[distinct];
            int[] fill = Arrays.copyOf(takerStart, itemCount);
            for (int c = 0; c < customerCount; c++) {
                for (int k = takenStart[c]; k < takenStart[c + 1]; k++) {
                    takerOf[fill[taken[k]]++] = c;
                }
            }
            neighbourStart = new int[itemCount + 1];
            int[][] rows = new int[itemCount][];
            float[][] rowSimilarity = new float[itemCount][];
            int[] counts = new int[itemCount];
            int[] touched = new int[itemCount];
            for (int a = 0; a < itemCount; a++) {
                int touchedCount = 0;
                for (int k = takerStart[a]; k < takerStart[a + 1]; k++) {
                    int c = takerOf[k];
                    for (int j = takenStart[c]; j < takenStart[c + 1]; j++) {
                        int b = taken[j];
                        if (b != a && counts[b]++ == 0) {
                            touched[touchedCount++] = b;
                        }
                    }
                }
                long[] keyed = new long[touchedCount];
                for (int t = 0; t < touchedCount; t++) {
                    int b = touched[t];
                    float cosine = (float) (counts[b] / Math.sqrt((double) takers[a] * takers[b]));
                    keyed[t] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(cosine)) << 32) | b;
                    counts[b] = 0;
                }
                // Most similar first (a positive float's bits order as its value), ties by item.
                Arrays.sort(keyed);
                int kept = Math.min(NEIGHBOURS, touchedCount);
                rows[a] = new int[kept];
                rowSimilarity[a] = new float[kept];
                for (int t = 0; t < kept; t++) {
                    rows[a][t] = (int) keyed[t];
                    rowSimilarity[a][t] = Float.intBitsToFloat(Integer.MAX_VALUE - (int) (keyed[t] >>> 32));
                }
                neighbourStart[a + 1] = neighbourStart[a] + kept;
            }
            neighbour = new int[neighbourStart[itemCount]];
            similarity = new float[neighbour.length];
            for (int a = 0; a < itemCount; a++) {
                System.arraycopy(rows[a], 0, neighbour, neighbourStart[a], rows[a].length);
                System.arraycopy(rowSimilarity[a], 0, similarity, neighbourStart[a], rows[a].length);
            }
        }
    }

    void writeTo(DataOutputStream out) throws IOException {
        items.writeTo(out);
        customers.writeTo(out);
        ArrayCodec.writeInts(categoryOfItem, out);
        out.writeInt(categoryCount);
        ArrayCodec.writeDoubles(priceOfItem, out);
        writeStrings(occasions, out);
        writeStrings(sizes, out);
        writeStrings(measurements, out);
        for (double[] edges : binEdges) {
            ArrayCodec.writeDoubles(edges, out);
        }
        writeStrings(traits, out);
        for (String[] values : traitValues) {
            writeStrings(values, out);
        }
        for (int[] codes : profileCodes) {
            out.writeBoolean(codes != null);
            if (codes != null) {
                ArrayCodec.writeInts(codes, out);
            }
        }
        for (int[] counts : occasionCounts) {
            out.writeBoolean(counts != null);
            if (counts != null) {
                ArrayCodec.writeInts(counts, out);
            }
        }
        ArrayCodec.writeInts(item, out);
        out.writeInt(time.length);
        for (long t : time) {
            out.writeLong(t);
        }
        ArrayCodec.writeInts(occasion, out);
        ArrayCodec.writeInts(size, out);
        ArrayCodec.writeInts(taker, out);
    }

    static TakeHistory readFrom(DataInputStream in) throws IOException {
        IdIndex items = IdIndex.readFrom(in);
        IdIndex customers = IdIndex.readFrom(in);
        int[] categoryOfItem = ArrayCodec.readInts(in, items.size());
        int categoryCount = in.readInt();
        if (categoryOfItem.length != items.size() || categoryCount < 0) {
            throw new IOException("take history: " + categoryOfItem.length + " categories for " + items.size() + " items");
        }
        double[] priceOfItem = ArrayCodec.readDoubles(in, items.size());
        if (priceOfItem.length != items.size()) {
            throw new IOException("take history: " + priceOfItem.length + " prices for " + items.size() + " items");
        }
        for (int it = 0; it < categoryOfItem.length; it++) {
            if (categoryOfItem[it] < -1 || categoryOfItem[it] >= categoryCount || priceOfItem[it] < 0 || Double.isInfinite(priceOfItem[it])) {
                throw new IOException("take history: item " + it + " has category " + categoryOfItem[it] + " and price " + priceOfItem[it]);
            }
        }
        String[] occasions = readStrings(in);
        String[] sizes = readStrings(in);
        String[] measurements = readStrings(in);
        double[][] binEdges = new double[measurements.length][];
        for (int m = 0; m < measurements.length; m++) {
            binEdges[m] = ArrayCodec.readDoubles(in, BINS - 1);
        }
        String[] traits = readStrings(in);
        String[][] traitValues = new String[traits.length][];
        for (int t = 0; t < traits.length; t++) {
            traitValues[t] = readStrings(in);
        }
        int width = measurements.length + traits.length;
        int[][] profileCodes = new int[customers.size()][];
        for (int c = 0; c < profileCodes.length; c++) {
            if (in.readBoolean()) {
                profileCodes[c] = ArrayCodec.readInts(in, width);
                for (int p = 0; p < width; p++) {
                    int limit = p < measurements.length ? BINS : traitValues[p - measurements.length].length;
                    if (profileCodes[c].length != width || profileCodes[c][p] < -1 || profileCodes[c][p] >= limit) {
                        throw new IOException("take history: customer " + c + " has a profile code out of range");
                    }
                }
            }
        }
        int[][] occasionCounts = new int[customers.size()][];
        for (int c = 0; c < occasionCounts.length; c++) {
            if (in.readBoolean()) {
                occasionCounts[c] = ArrayCodec.readInts(in, occasions.length);
                if (occasionCounts[c].length != occasions.length) {
                    throw new IOException("take history: customer " + c + " has " + occasionCounts[c].length + " occasion counts");
                }
            }
        }
        int[] item = ArrayCodec.readInts(in, Integer.MAX_VALUE);
        int n = in.readInt();
        if (n != item.length) {
            throw new IOException("take history: " + n + " times for " + item.length + " takes");
        }
        ArrayCodec.requireBytes(in, 8L * n, "take times");
        long[] time = new long[n];
        for (int i = 0; i < n; i++) {
            time[i] = in.readLong();
            if (i > 0 && time[i] < time[i - 1]) {
                throw new IOException("take history: take " + i + " is out of time order");
            }
        }
        int[] occasion = ArrayCodec.readInts(in, n);
        int[] size = ArrayCodec.readInts(in, n);
        int[] taker = ArrayCodec.readInts(in, n);
        if (occasion.length != n || size.length != n || taker.length != n) {
            throw new IOException("take history: columns of different lengths");
        }
        for (int i = 0; i < n; i++) {
            if (item[i] < 0 || item[i] >= items.size() || occasion[i] < -1 || occasion[i] >= occasions.length
                    || size[i] < -1 || size[i] >= sizes.length || taker[i] < 0 || taker[i] >= customers.size()) {
                throw new IOException("take history: take " + i + " refers to an item, occasion, size or customer out of range");
            }
        }
        return new TakeHistory(items, customers, categoryOfItem, categoryCount, priceOfItem, occasions, sizes, measurements, binEdges,
                traits, traitValues, profileCodes, occasionCounts, item, time, occasion, size, taker);
    }

    private static void writeStrings(String[] values, DataOutputStream out) throws IOException {
        out.writeInt(values.length);
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static String[] readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / 2) {
            throw new IOException("take history: " + n + " labels do not fit the bytes left");
        }
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readUTF();
        }
        return values;
    }
}
