package dev.tailor.configure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which combinations of choices sell, for product planning: frequent combinations by FP-growth (Han, Pei
 * and Yin, "Mining frequent patterns without candidate generation", SIGMOD 2000) over the sales
 * (rows counted by their weight), their share of sales per period and its trend, and the valid pairs of
 * selling values that no one combined.
 */
public final class FrequentCombinations {
    private FrequentCombinations() {
    }

    /**
     * A set of choices and how often it sold.
     *
     * @param columns the variables' columns, ascending
     * @param values the chosen value per column
     * @param sales the sales that contain every choice
     * @param share sales divided by all sales
     */
    public record Combination(int[] columns, int[] values, double sales, double share) {
        /** Keeps copies (the record is immutable). */
        public Combination {
            columns = columns.clone();
            values = values.clone();
        }

        /** {@code columns} (a copy). */
        @Override
        public int[] columns() {
            return columns.clone();
        }

        /** {@code values} (a copy). */
        @Override
        public int[] values() {
            return values.clone();
        }

        /** The choices as {@code variable=label} joined by {@code " + "}. */
        public String describe(List<String> variables, ConfigurableProduct labels) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns.length; i++) {
                text.append(i > 0 ? " + " : "").append(variables.get(columns[i])).append('=')
                        .append(labels == null ? Integer.toString(values[i]) : labels.label(columns[i], values[i]));
            }
            return text.toString();
        }

        /** Whether a configuration has every choice. */
        public boolean matches(int[] row) {
            for (int i = 0; i < columns.length; i++) {
                if (row[columns[i]] != values[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The combinations of 1 to {@code maxSize} choices bought in at least {@code minShare} of the sales,
     * most sold first.
     *
     * @throws IllegalArgumentException if minShare is not in (0, 1] or maxSize is below 1
     */
    public static List<Combination> mine(ConfigurationHistory history, double minShare, int maxSize) {
        if (!(minShare > 0 && minShare <= 1) || maxSize < 1) {
            throw new IllegalArgumentException("minShare must be in (0, 1] and maxSize >= 1, got " + minShare + " and " + maxSize);
        }
        double total = history.sales();
        double minSales = minShare * total;
        // items are (column, value) pairs; frequent ones get ids by descending support
        Map<Long, Double> support = new HashMap<>();
        for (int r = 0; r < history.size(); r++) {
            for (int c = 0; c < history.variables().size(); c++) {
                support.merge(item(c, history.rowArray()[r][c]), (double) history.weightArray()[r], Double::sum);
            }
        }
        List<Long> frequent = support.entrySet().stream().filter(e -> e.getValue() >= minSales)
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < frequent.size(); i++) {
            rank.put(frequent.get(i), i);
        }
        Tree tree = new Tree(frequent.size());
        for (int r = 0; r < history.size(); r++) {
            int[] items = new int[history.variables().size()];
            int n = 0;
            for (int c = 0; c < items.length; c++) {
                Integer id = rank.get(item(c, history.rowArray()[r][c]));
                if (id != null) {
                    items[n++] = id;
                }
            }
            int[] path = Arrays.copyOf(items, n);
            Arrays.sort(path);
            tree.add(path, history.weightArray()[r]);
        }
        List<int[]> found = new ArrayList<>();
        List<Double> sales = new ArrayList<>();
        grow(tree, new int[0], minSales, maxSize, found, sales);
        List<Combination> combinations = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            long[] items = Arrays.stream(found.get(i)).mapToLong(frequent::get).sorted().toArray();
            int[] columns = Arrays.stream(items).mapToInt(FrequentCombinations::column).toArray();
            int[] values = Arrays.stream(items).mapToInt(FrequentCombinations::value).toArray();
            combinations.add(new Combination(columns, values, sales.get(i), sales.get(i) / total));
        }
        combinations.sort(Comparator.comparingDouble(Combination::sales).reversed()
                .thenComparingInt(c -> c.columns().length).thenComparing(c -> Arrays.toString(c.columns()) + Arrays.toString(c.values())));
        return combinations;
    }

    /**
     * A combination's share of sales per period.
     *
     * @param combination the combination
     * @param periodStarts first day of each period
     * @param shares its share of that period's sales (0 for a period without sales)
     * @param slope least-squares change in share per period: positive rises, negative falls
     */
    public record Trend(Combination combination, List<LocalDate> periodStarts, double[] shares, double slope) {
        /** Keeps copies (the record is immutable). */
        public Trend {
            periodStarts = List.copyOf(periodStarts);
            shares = shares.clone();
        }

        /** {@code shares} (a copy). */
        @Override
        public double[] shares() {
            return shares.clone();
        }

    }

    /**
     * The share of each combination per period (UTC calendar periods from the first sale), steepest rise
     * first.
     *
     * @throws IllegalArgumentException if the history is undated or the period is not positive
     */
    public static List<Trend> trends(ConfigurationHistory history, List<Combination> combinations, Period period) {
        if (history.timeArray() == null) {
            throw new IllegalArgumentException(history.product() + ": trends need dated orders");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        LocalDate first = Arrays.stream(history.timeArray()).min(Instant::compareTo).orElseThrow().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = Arrays.stream(history.timeArray()).max(Instant::compareTo).orElseThrow().atZone(ZoneOffset.UTC).toLocalDate();
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(last); start = start.plus(period)) {
            starts.add(start);
        }
        int[] periodOf = new int[history.size()];
        double[] salesIn = new double[starts.size()];
        for (int r = 0; r < history.size(); r++) {
            LocalDate day = history.timeArray()[r].atZone(ZoneOffset.UTC).toLocalDate();
            int p = 0;
            while (p + 1 < starts.size() && !starts.get(p + 1).isAfter(day)) {
                p++;
            }
            periodOf[r] = p;
            salesIn[p] += history.weightArray()[r];
        }
        List<Trend> trends = new ArrayList<>();
        for (Combination combination : combinations) {
            double[] shares = new double[starts.size()];
            for (int r = 0; r < history.size(); r++) {
                if (combination.matches(history.rowArray()[r])) {
                    shares[periodOf[r]] += history.weightArray()[r];
                }
            }
            for (int p = 0; p < shares.length; p++) {
                shares[p] = salesIn[p] > 0 ? shares[p] / salesIn[p] : 0;
            }
            trends.add(new Trend(combination, starts, shares, slope(shares, salesIn)));
        }
        trends.sort(Comparator.comparingDouble(Trend::slope).reversed());
        return trends;
    }

    /**
     * Pairs of values of two variables that each sell in at least {@code minShare} of the sales, that
     * some valid configuration combines, and that no sale combined: what no one picks although it could.
     */
    public static List<Combination> unchosenPairs(ConfigurationHistory history, SolutionSpace space, double minShare) {
        if (!space.variables().equals(history.variables())) {
            throw new IllegalArgumentException("the solution space must be over the history's variables; project it first");
        }
        List<Combination> singles = mine(history, minShare, 1);
        List<Combination> pairs = new ArrayList<>();
        Set<String> sold = new HashSet<>();
        for (int[] row : history.rowArray()) {
            for (int a = 0; a < row.length; a++) {
                for (int b = a + 1; b < row.length; b++) {
                    sold.add(a + ":" + row[a] + ":" + b + ":" + row[b]);
                }
            }
        }
        int n = history.variables().size();
        for (int i = 0; i < singles.size(); i++) {
            for (int j = 0; j < singles.size(); j++) {
                Combination x = singles.get(i);
                Combination y = singles.get(j);
                if (x.columns[0] >= y.columns[0]) {
                    continue;
                }
                if (sold.contains(x.columns[0] + ":" + x.values[0] + ":" + y.columns[0] + ":" + y.values[0])) {
                    continue;
                }
                int[] partial = new int[n];
                Arrays.fill(partial, ConfigurableProduct.UNSET);
                partial[x.columns[0]] = x.values[0];
                partial[y.columns[0]] = y.values[0];
                if (space.isConsistent(partial)) {
                    pairs.add(new Combination(new int[] {x.columns[0], y.columns[0]}, new int[] {x.values[0], y.values[0]}, 0, 0));
                }
            }
        }
        return pairs;
    }

    /** Weighted least-squares slope of share over period index, periods weighted by their sales. */
    private static double slope(double[] shares, double[] weights) {
        double w = 0;
        double mx = 0;
        double my = 0;
        for (int p = 0; p < shares.length; p++) {
            w += weights[p];
            mx += weights[p] * p;
            my += weights[p] * shares[p];
        }
        if (w == 0) {
            return 0;
        }
        mx /= w;
        my /= w;
        double sxy = 0;
        double sxx = 0;
        for (int p = 0; p < shares.length; p++) {
            sxy += weights[p] * (p - mx) * (shares[p] - my);
            sxx += weights[p] * (p - mx) * (p - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    private static void grow(Tree tree, int[] prefix, double minSales, int maxSize, List<int[]> found, List<Double> sales) {
        // items from least to most frequent, as FP-growth conditions on the rarest first
        for (int item = tree.items - 1; item >= 0; item--) {
            double itemSales = tree.support[item];
            if (itemSales < minSales) {
                continue;
            }
            int[] pattern = Arrays.copyOf(prefix, prefix.length + 1);
            pattern[prefix.length] = item;
            found.add(pattern);
            sales.add(itemSales);
            if (pattern.length == maxSize) {
                continue;
            }
            Tree conditional = new Tree(item);
            for (Node node = tree.header[item]; node != null; node = node.next) {
                int length = 0;
                for (Node up = node.parent; up.item >= 0; up = up.parent) {
                    length++;
                }
                int[] path = new int[length];
                int i = length;
                for (Node up = node.parent; up.item >= 0; up = up.parent) {
                    path[--i] = up.item;
                }
                conditional.add(path, node.count);
            }
            grow(conditional, pattern, minSales, maxSize, found, sales);
        }
    }

    private static long item(int column, int value) {
        return ((long) column << 32) | (value & 0xFFFF_FFFFL);
    }

    private static int column(long item) {
        return (int) (item >>> 32);
    }

    private static int value(long item) {
        return (int) item;
    }

    /** An FP-tree over item ids 0..items-1 (lower id = more frequent overall), paths added in id order. */
    private static final class Tree {
        final int items;
        final Node root = new Node(-1, null);
        final Node[] header;
        final double[] support;

        Tree(int items) {
            this.items = items;
            this.header = new Node[items];
            this.support = new double[items];
        }

        void add(int[] path, double count) {
            Node node = root;
            for (int item : path) {
                Node child = node.children.get(item);
                if (child == null) {
                    child = new Node(item, node);
                    node.children.put(item, child);
                    child.next = header[item];
                    header[item] = child;
                }
                child.count += count;
                support[item] += count;
                node = child;
            }
        }
    }

    private static final class Node {
        final int item;
        final Node parent;
        final Map<Integer, Node> children = new HashMap<>(4);
        Node next;
        double count;

        Node(int item, Node parent) {
            this.item = item;
            this.parent = parent;
        }
    }
}
