package dev.tailor.offer;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.Event;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.internal.NewtonMinimizer;
import dev.tailor.recommend.kit.TopN;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personal affinity, named {@code "affinity"}: every item scored for one customer by a conditional logit — the
 * multinomial choice model of McFadden ("Conditional logit analysis of qualitative choice behavior", 1974) — over
 * the item's demand (its recent counts, age since launch, season: the {@link DemandForecast}'s features) and how
 * well it suits her: the share of its takes in her sizes, its occasions against hers (or the request's), her share
 * of its category, its co-takes with her items, and how often customers of her build took it (the takers in her
 * bin and the two beside it, per body measurement, and of her traits), overall and lately.
 *
 * <p>Learned on the steps before the cut-off: at each step, every customer who took something new in it chose those
 * items out of the items known then; the choice sets are sampled (the items taken and a seeded sample of the rest,
 * drawn in proportion to their recent takes, with each row's utility corrected for its chance of being drawn), which
 * leaves a conditional logit's estimates consistent (McFadden, "Modelling the choice of residential
 * location", 1978). A new item enters through its early takes, its category, occasions, sizes and takers.
 */
final class AffinitySource implements OfferSource {
    private static final Logger LOG = LoggerFactory.getLogger(AffinitySource.class);
    private static final int CACHED_STATES = 2;
    /** Items sampled against each choice: enough for stable estimates at a fraction of the catalog's cost. */
    static final int SAMPLED_ALTERNATIVES = 300;
    /** The blocks the logit's sums are split into: fixed, so the estimate is the same on any number of threads. */
    private static final int LOGIT_BLOCKS = 64;
    /**
     * Alternatives are drawn in proportion to takes in the last 90 days + 1 (chosen on validation over the square root
     * of it and over uniform draws), so the choices are learned against the items a list would show, not mostly
     * against the long tail; each row's utility carries −ln(draws × its chance of being drawn), the correction that
     * keeps the sampled conditional logit's estimates consistent (McFadden 1978; the "sampled softmax" of Jean et al.,
     * ACL 2015).
     */
    private static final int TAKES_90D = List.of(TakeHistory.ITEM_FEATURES).indexOf("log1p takes 90d");
    /** Personal features besides those of the body profile. */
    private static final int PERSONAL = 8;

    private final TakeHistory history;
    private final double[] coefficients;
    private final double[] mean;
    private final double[] scale;
    private final Map<String, Integer> sizeIds = new HashMap<>();
    private final Map<String, Integer> occasionIds = new HashMap<>();
    /** Item statistics as of the start of a request's day: one state serves a day of requests. */
    private final DayCache<TakeHistory.State> states;

    AffinitySource(TakeHistory history, double[] coefficients, double[] mean, double[] scale) {
        this.history = history;
        this.states = new DayCache<>(CACHED_STATES, day -> history.stateAt(day * TakeHistory.DAY));
        this.coefficients = coefficients;
        this.mean = mean;
        this.scale = scale;
        for (int s = 0; s < history.sizes.length; s++) {
            sizeIds.put(history.sizes[s], s);
        }
        for (int o = 0; o < history.occasions.length; o++) {
            occasionIds.put(history.occasions[o].toLowerCase(Locale.ROOT), o);
        }
    }

    /** The names of the features, in the order of the coefficients after the intercept. */
    static List<String> featureNames(TakeHistory history) {
        List<String> names = new ArrayList<>(List.of(TakeHistory.ITEM_FEATURES));
        names.addAll(List.of("share of its sized takes in her sizes", "taken in one of her sizes",
                "share in her sizes × log her takes", "occasions against hers", "log1p recent takes for her occasion",
                "her share of its category", "log1p 10 × co-takes with her items",
                "|log price − her mean log price|"));
        for (String m : history.measurements) {
            names.add("takers of her " + m);
            names.add("log1p recent takers of her " + m);
        }
        for (String t : history.traits) {
            names.add("takers of her " + t);
        }
        return names;
    }

    /** Each feature as a customer reads it in a reason. */
    static List<String> reasonPhrases(TakeHistory history) {
        List<String> phrases = new ArrayList<>();
        for (int j = 0; j < TakeHistory.ITEM_FEATURES.length; j++) {
            phrases.add("in demand");
        }
        phrases.addAll(List.of("taken in your sizes", "taken in your sizes", "taken in your sizes", "for your occasions",
                "popular lately for your occasion", "a category you like", "goes with what you took", "in your price range"));
        for (String m : history.measurements) {
            phrases.add("liked by customers of your " + m);
            phrases.add("liked lately by customers of your " + m);
        }
        for (String t : history.traits) {
            phrases.add("liked by customers of your " + t.replace('_', ' '));
        }
        return phrases;
    }

    static int featureCount(TakeHistory history) {
        return TakeHistory.ITEM_FEATURES.length + PERSONAL + 2 * history.measurements.length + history.traits.length;
    }

    /** What the features read of one customer as of a moment. */
    private record Her(int[] items, boolean[] sizes, double[] categoryShare, int takes, double[] occasionShare,
            int occasion, int[] profile, double meanLogPrice) {
    }

    /**
     * Learns the coefficients on {@code steps} steps of length {@code step} before {@code cutSecond}.
     *
     * @throws IllegalArgumentException if no customer took anything new in those steps
     */
    static AffinitySource train(TakeHistory history, long cutSecond, Duration step, int steps, long seed, Workers workers) {
        int d = featureCount(history);
        List<float[]> choiceRows = new ArrayList<>();
        List<int[]> choices = new ArrayList<>();
        List<float[]> corrections = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        int[][] takesOf = takesByCustomer(history);
        for (int s = 1; s <= steps; s++) {
            long from = cutSecond - s * step.getSeconds();
            long to = from + step.getSeconds();
            TakeHistory.State state = history.stateAt(from);
            int[] seenItems = IntStream.range(0, state.itemCount).filter(i -> state.seen[i]).toArray();
            if (seenItems.length < 2) {
                continue;
            }
            // Drawing weights (takes in 90 days + 1), cumulated for a binary search, and each item's correction.
            int f = TakeHistory.ITEM_FEATURES.length;
            double[] weight = new double[seenItems.length];
            double[] cumulative = new double[seenItems.length];
            double total = 0;
            for (int i = 0; i < seenItems.length; i++) {
                weight[i] = Math.exp(state.itemFeatures[seenItems[i] * f + TAKES_90D]);
                total += weight[i];
                cumulative[i] = total;
            }
            float[] correction = new float[state.itemCount];
            for (int i = 0; i < seenItems.length; i++) {
                correction[seenItems[i]] = (float) -Math.log(SAMPLED_ALTERNATIVES * weight[i] / total);
            }
            Map<Integer, List<Integer>> newTakes = new TreeMap<>();
            for (int t = history.lowerBound(from); t < history.time.length && history.time[t] < to; t++) {
                int c = history.taker[t];
                int it = history.item[t];
                boolean known = state.takenStart[c + 1] > state.takenStart[c];
                if (known && state.seen[it] && Arrays.binarySearch(state.taken, state.takenStart[c], state.takenStart[c + 1], it) < 0) {
                    List<Integer> list = newTakes.computeIfAbsent(c, k -> new ArrayList<>());
                    if (!list.contains(it)) {
                        list.add(it);
                    }
                }
            }
            double[] features = new double[d];
            for (Map.Entry<Integer, List<Integer>> entry : newTakes.entrySet()) {
                int c = entry.getKey();
                Her her = herFromHistory(history, state, c, takesOf[c]);
                List<Integer> positives = entry.getValue();
                int[] alternatives = new int[positives.size() + SAMPLED_ALTERNATIVES];
                int count = 0;
                for (int it : positives) {
                    alternatives[count++] = it;
                }
                for (int a = 0; a < SAMPLED_ALTERNATIVES; a++) {
                    int drawn = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                    int it = seenItems[Math.min(seenItems.length - 1, drawn >= 0 ? drawn + 1 : -drawn - 1)];
                    if (!positives.contains(it) && Arrays.binarySearch(state.taken, state.takenStart[c], state.takenStart[c + 1], it) < 0) {
                        alternatives[count++] = it;
                    }
                }
                double[] cf = coTakes(state, her.items());
                float[] rows = new float[count * d];
                float[] rowCorrection = new float[count];
                for (int a = 0; a < count; a++) {
                    rowCorrection[a] = correction[alternatives[a]];
                    features(history, state, her, cf, alternatives[a], features);
                    for (int j = 0; j < d; j++) {
                        rows[a * d + j] = (float) features[j];
                    }
                }
                choiceRows.add(rows);
                choices.add(new int[] {positives.size(), count});
                corrections.add(rowCorrection);
            }
        }
        if (choiceRows.isEmpty()) {
            throw new IllegalArgumentException("no customer took a new item in the " + steps + " steps of " + step
                    + " before the cut-off: nothing to learn affinity from");
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        Standardize.Moments moments = new Standardize.Moments(d);
        for (float[] rows : choiceRows) {
            for (int r = 0; r < rows.length; r++) {
                moments.add(r % d, rows[r]);
            }
        }
        moments.finish(mean, scale);
        double[] beta = conditionalLogit(choiceRows, choices, corrections, d, mean, scale, 1.0, workers);
        LOG.info("affinity over {} choices: coefficients {}", choiceRows.size(), Arrays.toString(beta));
        return new AffinitySource(history, beta, mean, scale);
    }

    /**
     * Maximizes the ridge-penalized conditional log-likelihood by Newton's method: each choice's first
     * {@code positives} rows were chosen out of its rows, each row's utility shifted by its sampling correction. No
     * intercept (it cancels within a choice). The choices are summed in a fixed number of blocks on the workers and
     * the blocks added in order, so the estimate does not depend on the number of threads.
     */
    static double[] conditionalLogit(List<float[]> choiceRows, List<int[]> choices, List<float[]> corrections, int d,
            double[] mean, double[] scale, double ridge, Workers workers) {
        int blocks = Math.min(choiceRows.size(), LOGIT_BLOCKS);
        double[] blockLoss = new double[blocks];
        double[][] blockDescent = new double[blocks][d];
        double[][] blockHessian = new double[blocks][d * d];
        return NewtonMinimizer.minimize((point, descent, hessian) -> {
            workers.forEach("affinity training", blocks, b -> {
                Arrays.fill(blockDescent[b], 0);
                Arrays.fill(blockHessian[b], 0);
                blockLoss[b] = accumulateChoices(choiceRows, choices, corrections, d, mean, scale, point,
                        (int) ((long) choiceRows.size() * b / blocks), (int) ((long) choiceRows.size() * (b + 1) / blocks),
                        blockDescent[b], blockHessian[b]);
            });
            double loss = 0;
            for (int b = 0; b < blocks; b++) {
                loss += blockLoss[b];
                for (int j = 0; j < d; j++) {
                    descent[j] += blockDescent[b][j];
                }
                for (int j = 0; j < d * d; j++) {
                    hessian[j] += blockHessian[b][j];
                }
            }
            for (int j = 0; j < d; j++) {
                loss += 0.5 * ridge * point[j] * point[j];
                descent[j] -= ridge * point[j];
                hessian[j * d + j] += ridge;
                for (int k = 0; k < j; k++) {
                    hessian[k * d + j] = hessian[j * d + k];
                }
            }
            return loss;
        }, new double[d], 1e-8, 60);
    }

    /**
     * Choices {@code [from, to)}: adds minus their log-likelihood's gradient to {@code descent} and its Hessian's lower
     * triangle to {@code hessian}; returns minus the log-likelihood.
     */
    private static double accumulateChoices(List<float[]> choiceRows, List<int[]> choices, List<float[]> corrections, int d,
            double[] mean, double[] scale, double[] point, int from, int to, double[] descent, double[] hessian) {
        double loss = 0;
        double[] expected = new double[d];
        double[] second = new double[d * d];
        double[] z = new double[0];
        double[] utility = new double[0];
        for (int c = from; c < to; c++) {
            float[] rows = choiceRows.get(c);
            float[] correction = corrections.get(c);
            int positives = choices.get(c)[0];
            int count = choices.get(c)[1];
            if (utility.length < count) {
                z = new double[count * d];
                utility = new double[count];
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < count; a++) {
                double u = correction[a];
                for (int j = 0; j < d; j++) {
                    float v = rows[a * d + j];
                    double zj = Float.isNaN(v) ? 0 : (v - mean[j]) / scale[j];
                    z[a * d + j] = zj;
                    u += point[j] * zj;
                }
                utility[a] = u;
                max = Math.max(max, u);
            }
            double partition = 0;
            for (int a = 0; a < count; a++) {
                utility[a] = Math.exp(utility[a] - max);
                partition += utility[a];
            }
            Arrays.fill(expected, 0);
            Arrays.fill(second, 0);
            for (int a = 0; a < count; a++) {
                double p = utility[a] / partition;
                for (int j = 0; j < d; j++) {
                    double pz = p * z[a * d + j];
                    expected[j] += pz;
                    for (int k = 0; k <= j; k++) {
                        second[j * d + k] += pz * z[a * d + k];
                    }
                }
            }
            for (int a = 0; a < positives; a++) {
                loss -= Math.log(utility[a] / partition);
                for (int j = 0; j < d; j++) {
                    descent[j] += z[a * d + j] - expected[j];
                }
            }
            for (int j = 0; j < d; j++) {
                for (int k = 0; k <= j; k++) {
                    hessian[j * d + k] += positives * (second[j * d + k] - expected[j] * expected[k]);
                }
            }
        }
        return loss;
    }

    /** Each customer's take positions, in time order. */
    private static int[][] takesByCustomer(TakeHistory history) {
        int[] counts = new int[history.customers.size()];
        for (int c : history.taker) {
            counts[c]++;
        }
        int[][] takes = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            takes[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int t = 0; t < history.taker.length; t++) {
            takes[history.taker[t]][counts[history.taker[t]]++] = t;
        }
        return takes;
    }

    private static Her herFromHistory(TakeHistory history, TakeHistory.State state, int c, int[] hers) {
        int from = state.takenStart[c];
        int to = state.takenStart[c + 1];
        int[] items = Arrays.copyOfRange(state.taken, from, to);
        boolean[] sizes = new boolean[history.sizes.length];
        double[] categories = new double[Math.max(1, history.categoryCount)];
        int[] occasions = new int[history.occasions.length];
        int takes = 0;
        // Her takes before the moment (serving reads her events instead).
        for (int t : hers) {
            if (history.time[t] < state.second) {
                takes++;
                if (history.size[t] >= 0) {
                    sizes[history.size[t]] = true;
                }
                int category = history.categoryOfItem[history.item[t]];
                if (category >= 0) {
                    categories[category]++;
                }
                if (history.occasion[t] >= 0) {
                    occasions[history.occasion[t]]++;
                }
            }
        }
        return her(history, items, sizes, categories, takes, occasions, -1, history.profileCodes[c]);
    }

    /** The mean log price of her items with a price (NaN when none has one). */
    private static double meanLogPrice(TakeHistory history, int[] items) {
        double sum = 0;
        int known = 0;
        for (int it : items) {
            double price = history.priceOfItem[it];
            if (price > 0) {
                sum += Math.log(price);
                known++;
            }
        }
        return known == 0 ? Double.NaN : sum / known;
    }

    private static Her her(TakeHistory history, int[] items, boolean[] sizes, double[] categories, int takes, int[] occasionCounts, int requested,
            int[] profile) {
        for (int k = 0; k < categories.length; k++) {
            categories[k] /= Math.max(1, takes);
        }
        // Her occasions as learned (her takes' shares, her most frequent one); the request's occasion stands in for
        // her most frequent one when she has none on record.
        double[] occasionShare = null;
        int occasion = -1;
        if (occasionCounts != null) {
            int sum = Arrays.stream(occasionCounts).sum();
            if (sum > 0) {
                occasionShare = new double[occasionCounts.length];
                int best = 0;
                for (int o = 0; o < occasionCounts.length; o++) {
                    occasionShare[o] = occasionCounts[o] / (double) sum;
                    best = occasionCounts[o] > occasionCounts[best] ? o : best;
                }
                occasion = best;
            }
        }
        if (occasion < 0 && requested >= 0) {
            occasion = requested;
            occasionShare = new double[Math.max(requested + 1, occasionCounts == null ? 0 : occasionCounts.length)];
            occasionShare[requested] = 1;
        }
        return new Her(items, sizes, categories, takes, occasionShare, occasion, profile, meanLogPrice(history, items));
    }

    /** Per item, the summed co-take similarity with her items. */
    private static double[] coTakes(TakeHistory.State state, int[] items) {
        double[] cf = new double[state.itemCount];
        for (int j : items) {
            for (int k = state.neighbourStart[j]; k < state.neighbourStart[j + 1]; k++) {
                cf[state.neighbour[k]] += state.similarity[k];
            }
        }
        return cf;
    }

    /** The features of one item for her (NaN where her profile does not say). */
    private static void features(TakeHistory history, TakeHistory.State state, Her her, double[] cf, int it, double[] out) {
        int f = TakeHistory.ITEM_FEATURES.length;
        System.arraycopy(state.itemFeatures, it * f, out, 0, f);
        int sizeCount = history.sizes.length;
        int inHerSizes = 0;
        for (int s = 0; s < sizeCount; s++) {
            if (her.sizes()[s]) {
                inHerSizes += state.sizeCounts[it * sizeCount + s];
            }
        }
        double sizeShare = inHerSizes / (double) Math.max(1, state.sizedTotal[it]);
        out[f] = sizeShare;
        out[f + 1] = inHerSizes > 0 ? 1 : 0;
        out[f + 2] = sizeShare * Math.log(Math.max(1, her.takes()));
        int occasionCount = history.occasions.length;
        double occasionAffinity = 0;
        if (her.occasionShare() != null) {
            for (int o = 0; o < Math.min(occasionCount, her.occasionShare().length); o++) {
                occasionAffinity += her.occasionShare()[o] * state.occasionCounts[it * occasionCount + o];
            }
            occasionAffinity /= Math.max(1, state.total[it]);
        }
        out[f + 3] = occasionAffinity;
        out[f + 4] = her.occasion() >= 0 ? Math.log1p(state.recentOccasionCounts[it * occasionCount + her.occasion()]) : 0;
        int category = history.categoryOfItem[it];
        out[f + 5] = category >= 0 && category < her.categoryShare().length ? her.categoryShare()[category] : 0;
        out[f + 6] = Math.log1p(10 * cf[it]);
        double price = history.priceOfItem[it];
        out[f + 7] = price > 0 && !Double.isNaN(her.meanLogPrice()) ? Math.abs(Math.log(price) - her.meanLogPrice()) : Double.NaN;
        int at = f + PERSONAL;
        int[] profile = her.profile();
        for (int m = 0; m < history.measurements.length; m++) {
            int bin = profile == null ? -1 : profile[m];
            if (bin < 0) {
                out[at++] = Double.NaN;
                out[at++] = Double.NaN;
                continue;
            }
            int near = 0;
            int recent = 0;
            for (int b = Math.max(0, bin - 1); b <= Math.min(TakeHistory.BINS - 1, bin + 1); b++) {
                near += state.profileCounts[m][it * TakeHistory.BINS + b];
                recent += state.recentProfileCounts[m][it * TakeHistory.BINS + b];
            }
            out[at++] = (near + 0.2) / (state.profileKnown[m][it] + 1.0);
            out[at++] = Math.log1p(recent);
        }
        for (int t = 0; t < history.traits.length; t++) {
            int p = history.measurements.length + t;
            int value = profile == null ? -1 : profile[p];
            out[at++] = value < 0 ? Double.NaN
                    : (state.profileCounts[p][it * state.widths[p] + value] + 0.2) / (state.profileKnown[p][it] + 1.0);
        }
    }

    /** The learned coefficients, one per standardized feature (a copy). */
    double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public String name() {
        return "affinity";
    }

    TakeHistory history() {
        return history;
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        // Item statistics as of the start of the request's day (one state serves a day of requests); her own
        // events, recorded ones included, up to the request.
        TakeHistory.State state = states.at(request.asOf().getEpochSecond());
        List<Event> events = customer.events();
        Set<Integer> items = new LinkedHashSet<>();
        boolean[] sizes = new boolean[history.sizes.length];
        double[] categories = new double[Math.max(1, history.categoryCount)];
        int takes = 0;
        for (Event e : events) {
            if (!Shop.isTaking(e.kind())) {
                continue;
            }
            takes++;
            int it = history.items.find(e.item());
            if (it >= 0) {
                items.add(it);
                int category = history.categoryOfItem[it];
                if (category >= 0) {
                    categories[category]++;
                }
            }
            if (e.size() != null) {
                Integer s = sizeIds.get(e.size());
                if (s != null) {
                    sizes[s] = true;
                }
            }
        }
        int requested = request.occasion().map(o -> occasionIds.getOrDefault(o.toLowerCase(Locale.ROOT), -1)).orElse(-1);
        Her her = her(history, items.stream().mapToInt(Integer::intValue).toArray(), sizes, categories, takes,
                history.occasionCountsOf(customer.id()), requested, history.profileOf(customer.id()));
        double[] cf = coTakes(state, her.items());
        int d = featureCount(history);
        double[] x = new double[d];
        double[] utility = new double[state.itemCount];
        // Only items the rules allow are scored: a customer's list is still n long when she owns top items.
        TopN top = new TopN(n);
        for (int it = 0; it < state.itemCount; it++) {
            if (!state.seen[it] || customer.excluded(history.items, it)) {
                continue;
            }
            features(history, state, her, cf, it, x);
            double u = 0;
            for (int j = 0; j < d; j++) {
                u += coefficients[j] * (Double.isNaN(x[j]) ? 0 : (x[j] - mean[j]) / scale[j]);
            }
            utility[it] = u;
            top.offer(it, (float) u);
        }
        List<Candidate> out = new ArrayList<>();
        for (int it : top.drain(0).items()) {
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("utility", utility[it]);
            out.add(Candidate.of(history.items.externalId(it), Math.exp(Math.max(-700, utility[it])), new Reason(
                    Reason.Kind.SUITS_YOU, List.of(), "suits you: " + String.join(", ", strongest(state, her, cf, it)), figures)));
        }
        return out;
    }

    /** The two features that raise the item's score most for her, in words. */
    private List<String> strongest(TakeHistory.State state, Her her, double[] cf, int it) {
        int d = featureCount(history);
        double[] x = new double[d];
        features(history, state, her, cf, it, x);
        List<String> names = reasonPhrases(history);
        Integer[] order = new Integer[d];
        double[] contribution = new double[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
            contribution[j] = coefficients[j] * (Double.isNaN(x[j]) ? 0 : (x[j] - mean[j]) / scale[j]);
        }
        Arrays.sort(order, (a, b) -> Double.compare(contribution[b], contribution[a]));
        List<String> out = new ArrayList<>();
        for (int j = 0; j < d && out.size() < 2 && contribution[order[j]] > 0; j++) {
            if (!out.contains(names.get(order[j]))) {
                out.add(names.get(order[j]));
            }
        }
        return out.isEmpty() ? List.of("in demand") : out;
    }

    void writeTo(DataOutputStream out) throws IOException {
        ArrayCodec.writeDoubles(coefficients, out);
        ArrayCodec.writeDoubles(mean, out);
        ArrayCodec.writeDoubles(scale, out);
    }

    static AffinitySource readFrom(DataInputStream in, TakeHistory history) throws IOException {
        int d = featureCount(history);
        double[] coefficients = ArrayCodec.readDoubles(in, d);
        double[] mean = ArrayCodec.readDoubles(in, d);
        double[] scale = ArrayCodec.readDoubles(in, d);
        if (coefficients.length != d || mean.length != d || scale.length != d) {
            throw new IOException("affinity: " + coefficients.length + " coefficients for " + d + " features");
        }
        Standardize.requireFinite(coefficients, mean, scale);
        return new AffinitySource(history, coefficients, mean, scale);
    }
}
