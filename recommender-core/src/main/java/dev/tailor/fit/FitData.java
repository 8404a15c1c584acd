package dev.tailor.fit;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fit observations of an event log: every event that carries a size and fit feedback (a rental
 * reviewed as "runs small", a return marked too large), with what else is known about it — the item's
 * category (from the catalog), the occasion of the event, and the customer's body profile.
 *
 * <p>Events with fit feedback but no size cannot teach sizing and are counted in {@link #withoutSize()}.
 * With {@link Builder#keptMeansFits(boolean)}, a rental or purchase with a size that was not returned for
 * fit counts as "fits" (for shops that only collect feedback on returns).
 *
 * <p>Observations are numbered 0 … {@link #size()} − 1 in the log's order; evaluations train on a subset
 * of them ({@link SizeFit#train(FitData, int[])}).
 *
 * <p>Thread-safety: immutable once built.
 */
public final class FitData {
    static final int SMALL = 0;
    static final int FITS = 1;
    static final int LARGE = 2;

    private final EventLog log;
    final int[] event;
    final int[] customer;
    final int[] item;
    final int[] size;
    final int[] category;
    final int[] occasion;
    final byte[] outcome;
    final long[] time;
    final String[] sizeLabels;
    final double[] sizePositions;
    final int[] categoryOfItem;
    final List<String> categoryNames;
    final List<String> occasionNames;
    final Map<String, Integer> occasionIds;
    final String[] profileFeatureNames;
    final double[][] profileOfCustomer;
    final ProfileEncoder profileEncoder;
    final int[][] sizesOfItem;
    final SizeScale scale;
    private final int withoutSize;

    private FitData(Builder b, List<Integer> events, byte[] outcomes, int withoutSize) {
        this.log = b.log;
        this.scale = b.scale;
        this.withoutSize = withoutSize;
        int n = events.size();
        event = new int[n];
        customer = new int[n];
        item = new int[n];
        size = new int[n];
        category = new int[n];
        occasion = new int[n];
        time = new long[n];
        outcome = outcomes;
        Map<String, Integer> sizeIds = new HashMap<>();
        List<String> labels = new ArrayList<>();
        categoryOfItem = new int[log.items().size()];
        Arrays.fill(categoryOfItem, -1);
        categoryNames = new ArrayList<>();
        if (b.catalog != null) {
            for (int c = 0; c < b.catalog.categoryCount(); c++) {
                categoryNames.add(b.catalog.categoryName(c));
            }
            for (int i = 0; i < categoryOfItem.length; i++) {
                categoryOfItem[i] = b.catalog.category(i);
            }
        }
        occasionIds = new HashMap<>();
        occasionNames = new ArrayList<>();
        List<TreeSet<Integer>> itemSizes = new ArrayList<>();
        for (int i = 0; i < categoryOfItem.length; i++) {
            itemSizes.add(new TreeSet<>());
        }
        for (int o = 0; o < n; o++) {
            int e = events.get(o);
            event[o] = e;
            customer[o] = log.customer(e);
            item[o] = log.item(e);
            time[o] = log.epochSecond(e);
            String label = log.sizeLabel(e);
            Integer id = sizeIds.get(label);
            if (id == null) {
                b.scale.require(label);
                id = labels.size();
                labels.add(label);
                sizeIds.put(label, id);
            }
            size[o] = id;
            category[o] = categoryOfItem[item[o]];
            String occasionName = b.occasions == null ? null : b.occasions[e];
            occasion[o] = occasionName == null || occasionName.isBlank() ? -1
                    : occasionIds.computeIfAbsent(occasionName.strip(), k -> {
                        occasionNames.add(k);
                        return occasionNames.size() - 1;
                    });
            itemSizes.get(item[o]).add(id);
        }
        if (b.catalog != null) {
            for (int i = 0; i < categoryOfItem.length; i++) {
                if (b.catalog.has(i)) {
                    for (String label : b.catalog.get(i).sizesInStock()) {
                        if (b.scale.position(label).isPresent()) {
                            int id = sizeIds.computeIfAbsent(label, k -> {
                                labels.add(k);
                                return labels.size() - 1;
                            });
                            itemSizes.get(i).add(id);
                        }
                    }
                }
            }
        }
        sizeLabels = labels.toArray(String[]::new);
        sizePositions = new double[sizeLabels.length];
        for (int s = 0; s < sizeLabels.length; s++) {
            sizePositions[s] = b.scale.require(sizeLabels[s]);
        }
        sizesOfItem = new int[categoryOfItem.length][];
        for (int i = 0; i < categoryOfItem.length; i++) {
            sizesOfItem[i] = itemSizes.get(i).stream().sorted((x, y) -> Double.compare(sizePositions[x], sizePositions[y]))
                    .mapToInt(Integer::intValue).toArray();
        }
        profileEncoder = ProfileEncoder.fit(b.profiles.values());
        profileFeatureNames = profileEncoder.names();
        profileOfCustomer = new double[log.customers().size()][];
        b.profiles.forEach((external, profile) -> {
            int c = log.customers().find(external);
            if (c >= 0 && !profile.isEmpty()) {
                profileOfCustomer[c] = profileEncoder.encode(profile);
            }
        });
    }

    /** A builder over the events of a log. */
    public static Builder builder(EventLog log) {
        return new Builder(log);
    }

    /** The event log the observations come from. */
    public EventLog log() {
        return log;
    }

    /** The customer index of the log. */
    public IdIndex customers() {
        return log.customers();
    }

    /** The item index of the log. */
    public IdIndex items() {
        return log.items();
    }

    /** The number of fit observations. */
    public int size() {
        return event.length;
    }

    /** Events with fit feedback that were left out because they name no size. */
    public int withoutSize() {
        return withoutSize;
    }

    /** The log position of observation {@code o}. */
    public int eventOf(int o) {
        return event[o];
    }

    /** The outcome of observation {@code o}: TOO_SMALL, FITS or TOO_LARGE. */
    public FitFeedback outcome(int o) {
        return outcomeFeedback(outcome[o]);
    }

    /** The time of observation {@code o}, in epoch seconds. */
    public long epochSecond(int o) {
        return time[o];
    }

    /** The size label of observation {@code o}. */
    public String sizeLabel(int o) {
        return sizeLabels[size[o]];
    }

    /** The occasion of observation {@code o}, or null when unknown. */
    public String occasion(int o) {
        return occasion[o] < 0 ? null : occasionNames.get(occasion[o]);
    }

    /** The sizes known for an item (rented, bought or in stock), smallest first. */
    public List<String> sizesOf(int item) {
        if (item < 0 || item >= sizesOfItem.length) {
            return List.of();
        }
        return Arrays.stream(sizesOfItem[item]).mapToObj(s -> sizeLabels[s]).toList();
    }

    static FitFeedback outcomeFeedback(int code) {
        return switch (code) {
            case SMALL -> FitFeedback.TOO_SMALL;
            case FITS -> FitFeedback.FITS;
            case LARGE -> FitFeedback.TOO_LARGE;
            default -> throw new IllegalArgumentException("no fit outcome " + code);
        };
    }

    @Override
    public String toString() {
        int[] counts = new int[3];
        for (byte y : outcome) {
            counts[y]++;
        }
        return "FitData[" + size() + " observations: " + counts[SMALL] + " small, " + counts[FITS] + " fit, "
                + counts[LARGE] + " large; " + sizeLabels.length + " sizes]";
    }

    /** Collects the settings of fit data. Not thread-safe. */
    public static final class Builder {
        private final EventLog log;
        private Catalog catalog;
        private String[] occasions;
        private Map<String, BodyProfile> profiles = Map.of();
        private SizeScale scale = SizeScale.standard();
        private boolean keptMeansFits;

        private Builder(EventLog log) {
            this.log = Objects.requireNonNull(log, "log");
        }

        /**
         * The catalog giving items their categories (a new item is then sized like its category).
         *
         * @throws IllegalArgumentException if the catalog is over another item index
         */
        public Builder catalog(Catalog catalog) {
            if (catalog.items() != log.items()) {
                throw new IllegalArgumentException("the catalog must use the event log's item index");
            }
            this.catalog = catalog;
            return this;
        }

        /**
         * The occasion of each event (e.g. "wedding"), indexed by log position; null or blank for unknown.
         *
         * @throws IllegalArgumentException if the array's length is not the log's size, or an occasion is not
         *     a valid label (1 to 1,000 characters without control characters, as ids)
         */
        public Builder occasions(String[] occasionOfEvent) {
            if (occasionOfEvent.length != log.size()) {
                throw new IllegalArgumentException("occasions: " + occasionOfEvent.length + " entries for a log of "
                        + log.size() + " events");
            }
            for (int e = 0; e < occasionOfEvent.length; e++) {
                String occasion = occasionOfEvent[e];
                String invalid = occasion == null || occasion.isBlank() ? null : IdIndex.problemWith(occasion.strip());
                if (invalid != null) {
                    throw new IllegalArgumentException("occasions: the occasion of event " + e + " is not a valid label: "
                            + invalid.replace("an id", "a label"));
                }
            }
            this.occasions = occasionOfEvent.clone();
            return this;
        }

        /** Body profiles by external customer id; customers not in the log are ignored. */
        public Builder profiles(Map<String, BodyProfile> profilesByCustomer) {
            this.profiles = Map.copyOf(profilesByCustomer);
            return this;
        }

        /** How size labels are ordered (default {@link SizeScale#standard()}). */
        public Builder sizeScale(SizeScale scale) {
            this.scale = Objects.requireNonNull(scale, "scale");
            return this;
        }

        /**
         * Whether a rental or purchase with a size and no fit feedback, not followed by a return of the same
         * item and size, counts as "fits" (default false: only explicit feedback counts).
         */
        public Builder keptMeansFits(boolean kept) {
            this.keptMeansFits = kept;
            return this;
        }

        /**
         * Selects the observations.
         *
         * @throws IllegalArgumentException naming the label, if a size has no place on the scale
         */
        public FitData build() {
            List<Integer> events = new ArrayList<>();
            List<Byte> outcomes = new ArrayList<>();
            Map<Long, TreeMap<Long, Integer>> returns = keptMeansFits ? returnsBySale() : Map.of();
            int withoutSize = 0;
            for (int e = 0; e < log.size(); e++) {
                FitFeedback fit = log.fit(e);
                String label = log.sizeLabel(e);
                if (fit != FitFeedback.NONE) {
                    if (label == null) {
                        withoutSize++;
                        continue;
                    }
                    events.add(e);
                    outcomes.add((byte) (fit == FitFeedback.TOO_SMALL ? SMALL : fit == FitFeedback.FITS ? FITS : LARGE));
                } else if (keptMeansFits && label != null && isSale(log.kind(e))) {
                    TreeMap<Long, Integer> later = returns.get(saleKey(log.customer(e), log.item(e)));
                    if (later == null || later.ceilingKey(log.epochSecond(e)) == null) {
                        events.add(e);
                        outcomes.add((byte) FITS);
                    }
                }
            }
            byte[] y = new byte[outcomes.size()];
            for (int o = 0; o < y.length; o++) {
                y[o] = outcomes.get(o);
            }
            return new FitData(this, events, y, withoutSize);
        }

        private static boolean isSale(EventKind kind) {
            return kind == EventKind.RENT || kind == EventKind.PURCHASE;
        }

        private Map<Long, TreeMap<Long, Integer>> returnsBySale() {
            Map<Long, TreeMap<Long, Integer>> returns = new HashMap<>();
            for (int e = 0; e < log.size(); e++) {
                if (log.kind(e) == EventKind.RETURN) {
                    returns.computeIfAbsent(saleKey(log.customer(e), log.item(e)), k -> new TreeMap<>())
                            .put(log.epochSecond(e), e);
                }
            }
            return returns;
        }

        private static long saleKey(int customer, int item) {
            return ((long) customer << 32) | (item & 0xffffffffL);
        }
    }
}
