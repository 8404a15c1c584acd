package dev.tailor.datasets.generator;

import dev.tailor.internal.Parallel;
import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Configuration;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a shop that rents, sells and makes to measure, from a seed.
 *
 * <p>The world:
 * <ul>
 *   <li>Items in ten categories (dresses mostly rented; jeans, shirts, jackets, sweaters and shoes bought;
 *       running shoes, socks and underwear bought on cycles), each with a unit-length style vector in
 *       {@value #DIMENSIONS} dimensions, a quality, a price (log-normal around the category's), sizes and
 *       sizes in stock.</li>
 *   <li>Customers with a taste vector, category preferences, an activity level, a budget, and a true
 *       apparel and shoe size.</li>
 *   <li>Shopping sessions (a Poisson process per customer) in which the customer views items drawn by
 *       affinity {@code exp(3 · (taste·style + quality))}, and rents, buys or abandons them with a
 *       probability rising with affinity and falling with price over budget. A chosen size is off by one
 *       with probability 0.25; a wrong size comes back as a RETURN with TOO_SMALL/TOO_LARGE feedback. A
 *       disliked purchase may come back with FITS. Kept items are worn (WEAR events) and sometimes rated.</li>
 *   <li>Consumables rebought on each rebuyer's own cycle: the category mean times a log-normal factor
 *       (σ = 0.3), each interval jittered (σ = 0.15) and multiplied by the quantity bought (two pairs
 *       last twice as long), with churn.</li>
 *   <li>Made-to-measure shirt orders whose choices follow a personal favourite per attribute (kept with
 *       probability 0.8) and otherwise population shares that trend over the two years, repaired to
 *       respect {@link ShirtOptions#FORBIDDEN}.</li>
 * </ul>
 * About {@value #EVENTS_PER_CUSTOMER} events per customer on average (so 10,000 customers ≈ 1M events).
 * The same settings give the same shop, whatever the number of threads: each customer draws from a
 * random stream of its own, derived from the seed and the customer's number.
 *
 * <p>Thread-safety: immutable; {@link #generate()} may be called from several threads.
 */
public final class ShopGenerator {
    /** Latent style dimensions. */
    public static final int DIMENSIONS = 8;
    /** Approximate mean number of events per customer. */
    public static final int EVENTS_PER_CUSTOMER = 100;

    static final String[] APPAREL_SIZES = {"XS", "S", "M", "L", "XL", "XXL"};
    static final String[] SHOE_SIZES = {"36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46"};

    private enum Sizing { APPAREL, SHOES, NONE }

    private record Category(String name, double share, double price, Sizing sizing, boolean rental, double cycleDays) {
        boolean consumable() {
            return cycleDays > 0;
        }
    }

    private static final Category[] CATEGORIES = {
        new Category("dresses", 0.16, 180, Sizing.APPAREL, true, 0),
        new Category("jackets", 0.10, 160, Sizing.APPAREL, false, 0),
        new Category("jeans", 0.12, 85, Sizing.APPAREL, false, 0),
        new Category("shirts", 0.14, 60, Sizing.APPAREL, false, 0),
        new Category("sweaters", 0.10, 75, Sizing.APPAREL, false, 0),
        new Category("shoes", 0.10, 120, Sizing.SHOES, false, 0),
        new Category("running shoes", 0.08, 130, Sizing.SHOES, false, 120),
        new Category("socks", 0.10, 12, Sizing.APPAREL, false, 60),
        new Category("underwear", 0.10, 25, Sizing.APPAREL, false, 90),
    };
    private static final String SHIRT_CATEGORY = "made-to-measure shirts";
    private static final double SHIRT_PRICE = 120;
    private static final String[] COLOURS = {"black", "white", "navy", "grey", "red", "green", "beige", "blue"};

    private final long seed;
    private final int customers;
    private final int items;
    private final LocalDate start;
    private final int days;
    private final int threads;

    private ShopGenerator(Builder b) {
        this.seed = b.seed;
        this.customers = b.customers;
        this.items = b.items;
        this.start = b.start;
        this.days = b.days;
        this.threads = b.threads;
    }

    /** A builder: seed 42, 1,000 customers, 600 items, two years from 2023-01-01, all cores. */
    public static Builder builder() {
        return new Builder();
    }

    /** Generates the shop. */
    public GeneratedShop generate() {
        SplittableRandom catalogRandom = new SplittableRandom(seed);
        World world = new World(catalogRandom);

        CustomerHistory[] histories = new CustomerHistory[customers];
        Parallel.forEach("shop generation", threads, customers,
                c -> histories[c] = world.customer(c, new SplittableRandom(mix(seed, c))));

        IdIndex customerIndex = new IdIndex();
        long total = 0;
        for (int c = 0; c < customers; c++) {
            customerIndex.idOf(String.format("C%07d", c));
            total += histories[c].size;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many events for one log: " + total);
        }
        EventLog.Builder builder = EventLog.builder(customerIndex, world.itemIndex).expectedSize((int) total);
        List<Configuration> configurations = new ArrayList<>();
        String[] apparel = new String[customers];
        String[] shoes = new String[customers];
        float[][] tastes = new float[customers][];
        double[][] cycles = new double[customers][];
        Map<Integer, Map<String, String>> favorites = new LinkedHashMap<>();
        for (int c = 0; c < customers; c++) {
            CustomerHistory h = histories[c];
            histories[c] = null;
            h.appendTo(builder, c, world);
            for (Configuration order : h.orders) {
                configurations.add(new Configuration(customerIndex.externalId(c), order.product(), order.time(),
                        order.choices()));
            }
            apparel[c] = APPAREL_SIZES[h.apparelSize];
            shoes[c] = SHOE_SIZES[h.shoeSize];
            tastes[c] = h.taste;
            cycles[c] = h.cycles;
            if (h.favorites != null) {
                favorites.put(c, h.favorites);
            }
        }
        List<String> consumables = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        for (Category category : CATEGORIES) {
            if (category.consumable()) {
                consumables.add(category.name());
                means.add(category.cycleDays());
            }
        }
        GroundTruth truth = new GroundTruth(DIMENSIONS, tastes, world.styles, apparel, shoes, consumables,
                means.stream().mapToDouble(Double::doubleValue).toArray(), cycles, favorites);
        return new GeneratedShop(builder.build(), world.catalog, configurations, truth);
    }

    private static long mix(long seed, int customer) {
        long z = seed + 0x9E3779B97F4A7C15L * (customer + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The catalog and everything shared by all customers; read-only once built. */
    private final class World {
        final IdIndex itemIndex = new IdIndex();
        final Catalog catalog;
        final float[][] styles;
        final float[] quality;
        final double[] price;
        final int[] categoryOf;
        final int[][] itemsOfCategory;
        final boolean[][] inStock;
        final int shirtItem;
        final long startSecond = start.atStartOfDay(ZoneOffset.UTC).toEpochSecond();

        World(SplittableRandom random) {
            int[] counts = new int[CATEGORIES.length];
            int assigned = 0;
            for (int k = 0; k < CATEGORIES.length; k++) {
                counts[k] = Math.max(2, (int) Math.round(CATEGORIES[k].share() * items));
                assigned += counts[k];
            }
            counts[3] += Math.max(0, items - assigned); // rounding remainder to shirts
            int total = Arrays.stream(counts).sum();
            styles = new float[total][];
            quality = new float[total];
            price = new double[total];
            categoryOf = new int[total];
            inStock = new boolean[total][];
            itemsOfCategory = new int[CATEGORIES.length][];
            Catalog.Builder catalogBuilder = Catalog.builder(itemIndex);
            int item = 0;
            for (int k = 0; k < CATEGORIES.length; k++) {
                Category category = CATEGORIES[k];
                itemsOfCategory[k] = new int[counts[k]];
                for (int j = 0; j < counts[k]; j++) {
                    String id = category.name().replace(' ', '-') + "-" + String.format("%04d", j);
                    int dense = itemIndex.idOf(id);
                    itemsOfCategory[k][j] = dense;
                    categoryOf[dense] = k;
                    styles[dense] = unitVector(random);
                    quality[dense] = (float) (0.35 * random.nextGaussian());
                    price[dense] = Math.round(category.price() * Math.exp(0.3 * random.nextGaussian()) * 100) / 100.0;
                    String[] sizes = category.sizing() == Sizing.SHOES ? SHOE_SIZES
                            : category.sizing() == Sizing.APPAREL ? APPAREL_SIZES : new String[0];
                    inStock[dense] = new boolean[sizes.length];
                    List<String> stocked = new ArrayList<>();
                    for (int s = 0; s < sizes.length; s++) {
                        if (random.nextDouble() < 0.8) {
                            inStock[dense][s] = true;
                            stocked.add(sizes[s]);
                        }
                    }
                    catalogBuilder.add(new CatalogItem(id, category.name(), price[dense],
                            Map.of("colour", COLOURS[random.nextInt(COLOURS.length)]), Set.copyOf(stocked)));
                    item++;
                }
            }
            shirtItem = itemIndex.idOf(ShirtOptions.PRODUCT);
            catalogBuilder.add(new CatalogItem(ShirtOptions.PRODUCT, SHIRT_CATEGORY, SHIRT_PRICE, Map.of(), Set.of()));
            catalog = catalogBuilder.build();
            if (item != total) {
                throw new IllegalStateException("catalog count mismatch");
            }
        }

        float[] unitVector(SplittableRandom random) {
            float[] v = new float[DIMENSIONS];
            double norm = 0;
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] = (float) random.nextGaussian();
                norm += v[d] * v[d];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] *= scale;
            }
            return v;
        }

        CustomerHistory customer(int c, SplittableRandom random) {
            CustomerHistory h = new CustomerHistory();
            h.taste = unitVector(random);
            h.apparelSize = clamp((int) Math.round(2.4 + 1.1 * random.nextGaussian()), 0, APPAREL_SIZES.length - 1);
            h.shoeSize = clamp((int) Math.round(5 + 2.2 * random.nextGaussian()), 0, SHOE_SIZES.length - 1);
            double budget = 90 * Math.exp(0.5 * random.nextGaussian());
            double sessionsPerMonth = Math.min(12, 0.55 * Math.exp(0.8 * random.nextGaussian()));
            double[] categoryWeight = new double[CATEGORIES.length];
            for (int k = 0; k < CATEGORIES.length; k++) {
                // Gamma(1)-distributed preferences: some customers live in two or three categories.
                categoryWeight[k] = CATEGORIES[k].consumable() ? 0.3 * -Math.log(1 - random.nextDouble())
                        : -Math.log(1 - random.nextDouble());
            }
            double[] categoryCumulative = cumulative(categoryWeight);
            double[][] itemCumulative = new double[CATEGORIES.length][];
            double[][] affinity = new double[CATEGORIES.length][];
            for (int k = 0; k < CATEGORIES.length; k++) {
                int[] members = itemsOfCategory[k];
                affinity[k] = new double[members.length];
                double[] weights = new double[members.length];
                for (int j = 0; j < members.length; j++) {
                    affinity[k][j] = dot(h.taste, styles[members[j]]) + quality[members[j]];
                    weights[j] = Math.exp(3.0 * affinity[k][j]);
                }
                itemCumulative[k] = cumulative(weights);
            }

            long horizon = 86_400L * days;
            double meanGapSeconds = 30 * 86_400.0 / sessionsPerMonth;
            for (double t = -Math.log(1 - random.nextDouble()) * meanGapSeconds; t < horizon;
                    t += -Math.log(1 - random.nextDouble()) * meanGapSeconds) {
                long session = (long) t;
                int category = pick(categoryCumulative, random);
                int views = 1 + (int) (-Math.log(1 - random.nextDouble()) * 1.2);
                for (int v = 0; v < views; v++) {
                    int j = pick(itemCumulative[category], random);
                    int item = itemsOfCategory[category][j];
                    long at = session + 60L * v + random.nextInt(60);
                    h.add(item, at, EventKind.VIEW, 1, 0, Float.NaN, FitFeedback.NONE, (short) -1);
                    double a = affinity[category][j];
                    double priceRatio = price[item] / budget;
                    double p = sigmoid(3.0 * a - 1.2 - 0.8 * (priceRatio - 1));
                    if (random.nextDouble() < p) {
                        act(h, item, category, at + 120, a, random, horizon);
                    } else if (random.nextDouble() < 0.15) {
                        h.add(item, at + 30, EventKind.CART, 1, 0, Float.NaN, FitFeedback.NONE, (short) -1);
                    }
                }
            }
            consumables(h, random, affinity, horizon);
            shirts(h, random, horizon);
            return h;
        }

        private void act(CustomerHistory h, int item, int category, long at, double affinity, SplittableRandom random,
                long horizon) {
            Category cat = CATEGORIES[category];
            int trueSize = cat.sizing() == Sizing.SHOES ? h.shoeSize : h.apparelSize;
            int sizes = cat.sizing() == Sizing.SHOES ? SHOE_SIZES.length : APPAREL_SIZES.length;
            int chosen = trueSize;
            if (random.nextDouble() < 0.25) {
                chosen = clamp(trueSize + (random.nextBoolean() ? 1 : -1), 0, sizes - 1);
            }
            short sizeCode = (short) chosen;
            boolean rent = cat.rental() && random.nextDouble() < 0.85;
            double paid = rent ? Math.round(price[item] * 0.2 * 100) / 100.0 : price[item];
            h.add(item, at, rent ? EventKind.RENT : EventKind.PURCHASE, 1, paid, Float.NaN, FitFeedback.NONE, sizeCode);
            long back = at + 86_400L * (2 + random.nextInt(8));
            if (chosen != trueSize) {
                if (back < horizon) {
                    h.add(item, back, EventKind.RETURN, 1, 0, Float.NaN,
                            chosen < trueSize ? FitFeedback.TOO_SMALL : FitFeedback.TOO_LARGE, sizeCode);
                }
                return;
            }
            if (!rent && affinity < 0 && random.nextDouble() < 0.3) {
                if (back < horizon) {
                    h.add(item, back, EventKind.RETURN, 1, 0, Float.NaN, FitFeedback.FITS, sizeCode);
                }
                return;
            }
            int wears = rent ? 1 + random.nextInt(3) : random.nextInt(4);
            long wearSpan = rent ? 86_400L * 7 : 86_400L * 120;
            for (int w = 0; w < wears; w++) {
                long when = at + 86_400L + (long) (random.nextDouble() * wearSpan);
                if (when < horizon) {
                    h.add(item, when, EventKind.WEAR, 1, 0, Float.NaN, FitFeedback.NONE, (short) -1);
                }
            }
            if (random.nextDouble() < 0.12) {
                float rating = (float) clamp((int) Math.round(3 + 2.2 * affinity + 0.7 * random.nextGaussian()), 1, 5);
                h.add(item, at + 86_400L * (3 + random.nextInt(20)), EventKind.RATING, 1, 0, rating, FitFeedback.NONE,
                        (short) -1);
            }
        }

        private void consumables(CustomerHistory h, SplittableRandom random, double[][] affinity, long horizon) {
            int consumableCount = (int) Arrays.stream(CATEGORIES).filter(Category::consumable).count();
            h.cycles = new double[consumableCount];
            Arrays.fill(h.cycles, Double.NaN);
            int column = 0;
            for (int k = 0; k < CATEGORIES.length; k++) {
                Category cat = CATEGORIES[k];
                if (!cat.consumable()) {
                    continue;
                }
                int slot = column++;
                if (random.nextDouble() >= 0.45) {
                    continue;
                }
                double cycle = cat.cycleDays() * Math.exp(0.3 * random.nextGaussian());
                h.cycles[slot] = cycle;
                int favourite = 0;
                for (int j = 1; j < affinity[k].length; j++) {
                    if (affinity[k][j] > affinity[k][favourite]) {
                        favourite = j;
                    }
                }
                int trueSize = cat.sizing() == Sizing.SHOES ? h.shoeSize : h.apparelSize;
                double churnAt = random.nextDouble() < 0.15 ? random.nextDouble() * horizon : Double.MAX_VALUE;
                double t = random.nextDouble() * cycle * 86_400;
                while (t < horizon && t < churnAt) {
                    int item = itemsOfCategory[k][random.nextDouble() < 0.85 ? favourite
                            : random.nextInt(itemsOfCategory[k].length)];
                    int quantity = random.nextDouble() < 0.2 ? 2 : 1;
                    h.add(item, (long) t, EventKind.PURCHASE, quantity, price[item] * quantity, Float.NaN,
                            FitFeedback.NONE, (short) trueSize);
                    t += cycle * quantity * Math.exp(0.15 * random.nextGaussian()) * 86_400;
                }
            }
        }

        private void shirts(CustomerHistory h, SplittableRandom random, long horizon) {
            if (random.nextDouble() >= 0.2) {
                return;
            }
            double gapDays = 150 * Math.exp(0.3 * random.nextGaussian());
            double t = random.nextDouble() * 200 * 86_400;
            Map<String, String> favourites = null;
            while (t < horizon) {
                double progress = t / horizon;
                if (favourites == null) {
                    favourites = new LinkedHashMap<>();
                    for (String attribute : ShirtOptions.DOMAINS.keySet()) {
                        favourites.put(attribute, samplePopulation(attribute, progress, random, null));
                    }
                    repair(favourites, favourites.keySet().iterator().next(), progress, random);
                    h.favorites = Map.copyOf(favourites);
                }
                Map<String, String> choice = new LinkedHashMap<>();
                for (String attribute : ShirtOptions.DOMAINS.keySet()) {
                    choice.put(attribute, random.nextDouble() < 0.8 ? favourites.get(attribute)
                            : samplePopulation(attribute, progress, random, null));
                }
                repair(choice, null, progress, random);
                long at = (long) t;
                h.orders.add(new Configuration(null, ShirtOptions.PRODUCT, Instant.ofEpochSecond(startSecond + at), choice));
                double paid = SHIRT_PRICE + (choice.get("fabric").equals("herringbone") ? 20 : 0);
                h.add(shirtItem, at, EventKind.PURCHASE, 1, paid, Float.NaN, FitFeedback.NONE, (short) -1);
                t += gapDays * Math.exp(0.2 * random.nextGaussian()) * 86_400;
            }
        }

        /** Resamples values that break a rule, never the attribute {@code keep}, until none is broken. */
        private void repair(Map<String, String> choice, String keep, double progress, SplittableRandom random) {
            for (int round = 0; round < 50 && !ShirtOptions.isValid(choice); round++) {
                for (String[] rule : ShirtOptions.FORBIDDEN) {
                    if (rule[1].equals(choice.get(rule[0])) && rule[3].equals(choice.get(rule[2]))) {
                        String attribute = rule[2].equals(keep) || random.nextBoolean() && !rule[0].equals(keep) ? rule[0]
                                : rule[2];
                        String banned = choice.get(attribute);
                        choice.put(attribute, samplePopulation(attribute, progress, random, banned));
                    }
                }
            }
        }

        /** A value drawn from the population's shares at this point of the period (0 to 1). */
        private String samplePopulation(String attribute, double progress, SplittableRandom random, String except) {
            List<String> values = ShirtOptions.DOMAINS.get(attribute);
            double[] weights = new double[values.size()];
            for (int v = 0; v < weights.length; v++) {
                if (values.get(v).equals(except)) {
                    continue;
                }
                // Early values in each list are classics; later ones gain or lose share over the period.
                double base = -0.35 * v;
                double trend = (v % 3 == 1 ? 1.2 : v % 3 == 2 ? -0.8 : 0) * progress;
                weights[v] = Math.exp(base + trend);
            }
            return values.get(pick(cumulative(weights), random));
        }
    }

    private static final class CustomerHistory {
        float[] taste;
        int apparelSize;
        int shoeSize;
        double[] cycles;
        Map<String, String> favorites;
        final List<Configuration> orders = new ArrayList<>();
        int size;
        int[] item = new int[64];
        long[] time = new long[64];
        byte[] kind = new byte[64];
        int[] quantity = new int[64];
        double[] amount = new double[64];
        float[] rating = new float[64];
        byte[] fit = new byte[64];
        short[] sizeIndex = new short[64];

        void add(int itemId, long at, EventKind eventKind, int qty, double paid, float stars, FitFeedback feedback,
                short size) {
            if (this.size == item.length) {
                int n = item.length * 2;
                item = Arrays.copyOf(item, n);
                time = Arrays.copyOf(time, n);
                kind = Arrays.copyOf(kind, n);
                quantity = Arrays.copyOf(quantity, n);
                amount = Arrays.copyOf(amount, n);
                rating = Arrays.copyOf(rating, n);
                fit = Arrays.copyOf(fit, n);
                sizeIndex = Arrays.copyOf(sizeIndex, n);
            }
            int i = this.size++;
            item[i] = itemId;
            time[i] = at;
            kind[i] = (byte) eventKind.ordinal();
            quantity[i] = qty;
            amount[i] = paid;
            rating[i] = stars;
            fit[i] = (byte) feedback.ordinal();
            sizeIndex[i] = size;
        }

        void appendTo(EventLog.Builder builder, int customer, World world) {
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = (time[i] << 24) | i;
            }
            Arrays.sort(keys);
            for (long key : keys) {
                int i = (int) (key & 0xFFFFFF);
                int category = item[i] == world.shirtItem ? -1 : world.categoryOf[item[i]];
                String size = null;
                if (sizeIndex[i] >= 0 && category >= 0) {
                    size = CATEGORIES[category].sizing() == Sizing.SHOES ? SHOE_SIZES[sizeIndex[i]]
                            : APPAREL_SIZES[sizeIndex[i]];
                }
                builder.add(customer, item[i], world.startSecond + time[i], EventKind.ofOrdinal(kind[i]), quantity[i],
                        amount[i], rating[i], FitFeedback.ofOrdinal(fit[i]), size);
            }
        }
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    private static int pick(double[] cumulative, SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulative.length - 1);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Builds a generator; every setting is validated when set. */
    public static final class Builder {
        private long seed = 42;
        private int customers = 1_000;
        private int items = 600;
        private LocalDate start = LocalDate.of(2023, 1, 1);
        private int days = 730;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /** The seed: the same seed and settings give the same shop. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Number of customers (about {@value ShopGenerator#EVENTS_PER_CUSTOMER} events each), 1 to 1,000,000. */
        public Builder customers(int customers) {
            if (customers < 1 || customers > 1_000_000) {
                throw new IllegalArgumentException("customers must be in [1, 1000000], was " + customers);
            }
            this.customers = customers;
            return this;
        }

        /** Customers for about this many events in total, at least 1,000. */
        public Builder targetEvents(long events) {
            if (events < 1_000 || events > 100_000_000) {
                throw new IllegalArgumentException("targetEvents must be in [1000, 100000000], was " + events);
            }
            return customers((int) Math.max(1, events / EVENTS_PER_CUSTOMER));
        }

        /** Number of catalog items (besides the made-to-measure shirt), 20 to 200,000. */
        public Builder items(int items) {
            if (items < 20 || items > 200_000) {
                throw new IllegalArgumentException("items must be in [20, 200000], was " + items);
            }
            this.items = items;
            return this;
        }

        /** First day of the period. */
        public Builder start(LocalDate start) {
            this.start = java.util.Objects.requireNonNull(start, "start");
            return this;
        }

        /** Length of the period in days, 30 to 3,650. */
        public Builder days(int days) {
            if (days < 30 || days > 3_650) {
                throw new IllegalArgumentException("days must be in [30, 3650], was " + days);
            }
            this.days = days;
            return this;
        }

        /** Threads to generate customers on (the output does not depend on it). */
        public Builder threads(int threads) {
            this.threads = Parallel.checkThreads(threads);
            return this;
        }

        /** Builds the generator. */
        public ShopGenerator build() {
            return new ShopGenerator(this);
        }
    }
}
