package dev.tailor.benchmarks;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventLog;
import dev.tailor.eval.Evaluator;
import dev.tailor.eval.Splitter;
import dev.tailor.recommend.TrainingData;
import dev.tailor.recommend.kit.TopN;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The yardstick for personal offers on RentTheRunway, made in the harness so that offers can be compared with
 * it case by case: recent popularity plus her categories, occasions and sizes. An item's score for her is
 * {@code log1p(its takes in the last 90 days)} plus weighted terms, each in two forms, a share and a yes/no: her share
 * of its category, and whether she took its category; her occasions against its takes' occasions (Σ_o her share of o
 * × its share of o), and whether it was taken for her most frequent occasion; the share of its sized takes in a size
 * she took, and whether it was taken in one. Items taken before the step and new to her. The six weights are the
 * yardstick's settings, chosen on the validation steps by a coordinate search as the offers' weights are.
 */
final class SimplePersonalBlend implements Evaluator.StepLists {
    private static final long WINDOW = Duration.ofDays(90).getSeconds();

    private final Events events;
    /** Category share, category yes/no, occasion affinity, usual occasion yes/no, size share, size yes/no. */
    private final double[] weights;

    /** The log read once into dense ids, shared by the blends of every weighting tried. */
    private record Events(EventLog log, int[] categoryOfItem, int categories, int[] occasionOfEvent, int occasions,
            int[] sizeOfEvent, int sizes, int[][] eventsOf) {
        static Events of(EventLog log, Catalog catalog, String[] occasionNames) {
            int[] categoryOfItem = new int[log.items().size()];
            for (int item = 0; item < categoryOfItem.length; item++) {
                categoryOfItem[item] = catalog.has(item) ? catalog.category(item) : -1;
            }
            int[] occasionOfEvent = denseIds(occasionNames);
            String[] sizeNames = new String[log.size()];
            Arrays.setAll(sizeNames, log::sizeLabel);
            int[] sizeOfEvent = denseIds(sizeNames);
            int[] counts = new int[log.customers().size()];
            for (int e = 0; e < log.size(); e++) {
                counts[log.customer(e)]++;
            }
            int[][] eventsOf = new int[counts.length][];
            for (int c = 0; c < counts.length; c++) {
                eventsOf[c] = new int[counts[c]];
                counts[c] = 0;
            }
            for (int e : log.orderByTime()) {
                eventsOf[log.customer(e)][counts[log.customer(e)]++] = e;
            }
            return new Events(log, categoryOfItem, Arrays.stream(categoryOfItem).max().orElse(-1) + 1, occasionOfEvent,
                    Arrays.stream(occasionOfEvent).max().orElse(-1) + 1, sizeOfEvent, Arrays.stream(sizeOfEvent).max().orElse(-1) + 1,
                    eventsOf);
        }
    }

    SimplePersonalBlend(EventLog log, Catalog catalog, String[] occasionNames, double[] weights) {
        this(Events.of(log, catalog, occasionNames), weights);
    }

    private SimplePersonalBlend(Events events, double[] weights) {
        this.events = events;
        this.weights = weights.clone();
    }

    SimplePersonalBlend withWeights(double[] weights) {
        return new SimplePersonalBlend(events, weights);
    }

    double[] weights() {
        return weights.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "simple personal blend (category %.2f/%.2f, occasion %.2f/%.2f, size %.2f/%.2f)",
                weights[0], weights[1], weights[2], weights[3], weights[4], weights[5]);
    }

    private static int[] denseIds(String[] names) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[names.length];
        for (int e = 0; e < names.length; e++) {
            out[e] = names[e] == null ? -1 : ids.computeIfAbsent(names[e], k -> ids.size());
        }
        return out;
    }

    @Override
    public Evaluator.Lists prepare(Splitter.Rolling.Step step, TrainingData data) {
        EventLog log = events.log();
        int[] categoryOfItem = events.categoryOfItem();
        int categories = events.categories();
        int[] occasionOfEvent = events.occasionOfEvent();
        int occasions = events.occasions();
        int[] sizeOfEvent = events.sizeOfEvent();
        int sizes = events.sizes();
        int[][] eventsOf = events.eventsOf();
        long start = step.start().getEpochSecond();
        int items = log.items().size();
        boolean[] seen = new boolean[items];
        double[] recent = new double[items];
        int[] total = new int[items];
        int[] sized = new int[items];
        int[] byOccasion = new int[items * Math.max(1, occasions)];
        int[] bySize = new int[items * Math.max(1, sizes)];
        for (int e = 0; e < log.size(); e++) {
            long second = log.epochSecond(e);
            if (second >= start) {
                continue;
            }
            int item = log.item(e);
            seen[item] = true;
            total[item]++;
            if (second >= start - WINDOW) {
                recent[item]++;
            }
            if (occasionOfEvent[e] >= 0) {
                byOccasion[item * occasions + occasionOfEvent[e]]++;
            }
            if (sizeOfEvent[e] >= 0) {
                sized[item]++;
                bySize[item * sizes + sizeOfEvent[e]]++;
            }
        }
        for (int item = 0; item < items; item++) {
            recent[item] = Math.log1p(recent[item]);
        }
        return (customer, n) -> {
            boolean[] hers = new boolean[items];
            double[] categoryShare = new double[Math.max(1, categories)];
            double[] occasionShare = new double[Math.max(1, occasions)];
            boolean[] herSizes = new boolean[Math.max(1, sizes)];
            int takes = 0;
            int withOccasion = 0;
            for (int e : eventsOf[customer]) {
                if (log.epochSecond(e) >= start) {
                    break;
                }
                takes++;
                hers[log.item(e)] = true;
                int c = categoryOfItem[log.item(e)];
                if (c >= 0) {
                    categoryShare[c]++;
                }
                if (occasionOfEvent[e] >= 0) {
                    occasionShare[occasionOfEvent[e]]++;
                    withOccasion++;
                }
                if (sizeOfEvent[e] >= 0) {
                    herSizes[sizeOfEvent[e]] = true;
                }
            }
            int usual = -1;
            for (int o = 0; o < occasions; o++) {
                usual = occasionShare[o] > 0 && (usual < 0 || occasionShare[o] > occasionShare[usual]) ? o : usual;
            }
            TopN top = new TopN(n);
            for (int item = 0; item < items; item++) {
                if (!seen[item] || hers[item]) {
                    continue;
                }
                double score = recent[item];
                int c = categoryOfItem[item];
                if (c >= 0 && categoryShare[c] > 0) {
                    score += weights[0] * categoryShare[c] / takes + weights[1];
                }
                if (withOccasion > 0 && total[item] > 0) {
                    double affinity = 0;
                    for (int o = 0; o < occasions; o++) {
                        affinity += occasionShare[o] * byOccasion[item * occasions + o];
                    }
                    score += weights[2] * affinity / withOccasion / total[item];
                    score += byOccasion[item * occasions + usual] > 0 ? weights[3] : 0;
                }
                if (sized[item] > 0) {
                    int inHerSizes = 0;
                    for (int s = 0; s < sizes; s++) {
                        if (herSizes[s]) {
                            inHerSizes += bySize[item * sizes + s];
                        }
                    }
                    score += weights[4] * inHerSizes / (double) sized[item] + (inHerSizes > 0 ? weights[5] : 0);
                }
                top.offer(item, (float) score);
            }
            return top.drain(customer).items();
        };
    }
}
