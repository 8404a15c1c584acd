package dev.tailor.fit;

import dev.tailor.data.Event;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import dev.tailor.data.TrainedModel;
import dev.tailor.internal.ScratchPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A trained fit model ({@link SizeFit}): for any customer, item and size, the probabilities that the size
 * will be too small, right or too large, and the size to recommend among an item's sizes.
 *
 * <p>Fallbacks, all documented answers rather than errors: a customer without fit feedback is placed by
 * her body profile when known, else gets the population's answer for the item; an item without feedback
 * is sized like its category (or like everything, without a category); a size the item was never seen in
 * is scored from the item's and its category's sizing, kept between its neighbouring sizes so the model
 * stays monotone; an unknown occasion is ignored. Only a size label the model's {@link SizeScale} cannot
 * place is an error.
 *
 * <p>Scoring one (customer, item, size) looks up the customer's and the item's cells, evaluates two 13-term
 * sums and, in a model trained on enough rentals, walks its boosted trees, one root-to-leaf path per tree. A
 * monotone model's trees see nothing of the size, so advice walks them once for all of an item's sizes.
 *
 * <p>Thread-safety: immutable; safe to call from any number of threads.
 */
public final class FitModel implements TrainedModel {
    static final String FORMAT = "tailor.fit-model";
    static final int VERSION = 4;

    private final Tables t;
    private final double[] weights;
    private final boolean monotone;
    /** The size response in log-odds per size step away from her expected label; 0 without. */
    private final double response;
    /** How far a customer's expected label moves from the sizes she rented toward what her feedback says, in [0, 1]. */
    private final double feedbackTrust;
    /** The second stage over {@link #treeInputs}, or null (trained on too few rentals, or without). */
    private final BoostedTrees trees;
    private final Cells itemSizeCells;
    private final double[] occasionRatios;
    private final double[] globalP = new double[3];
    private final double[] effectiveWeights;
    private final double[] globalRatios;
    private final double[] customerRatios;
    private final double[] customerCategoryRatios;
    private final double[] itemBuildRatios;
    private final int[][] buildOfCustomer;
    private final Map<String, Integer> sizeIds = new HashMap<>();
    private final Map<String, Integer> occasionIds = new HashMap<>();

    /** Everything a model needs to score, as training left it. */
    record Tables(IdIndex customers, IdIndex items, Set<FitSignal> signals, double step, double smoothing,
            double customerSmoothing, double customerShrinkage, double[] global, double[] category, int categories,
            double[] item, double[] customer, double[] occasion, List<String> occasionNames, Cells itemSize,
            Cells categorySize, Cells customerCategory, Cells itemBuild, int[] categoryOfItem, double[] itemOffset,
            double[] categoryOffset, int[] rowsOfItem, double[] customerSizeSum, double[] rentedSizeSum,
            int[] rowsOfCustomer, double[] customerPrior, double[] profileWeights, ProfileEncoder profileEncoder,
            double[][] profileOfCustomer, String[] sizeLabels, double[] sizePositions, int[][] sizesOfItem, SizeScale scale) {
        /** The model's own ids: ingesting more events into the log's index cannot reach them. */
        Tables {
            customers = customers.frozenCopy();
            items = items.frozenCopy();
        }
    }

    /**
     * @param response the size response in log-odds per size step (see {@link #sizeResponse}); 0 for none, and
     *     an observational model has none
     * @param feedbackTrust where between the mean size she rented (0) and her size from her feedback shifted by
     *     how the item runs (1) a customer's expected label lies
     */
    FitModel(Tables tables, double[] weights, boolean monotone, double response, double feedbackTrust) {
        this(tables, weights, monotone, response, feedbackTrust, null);
    }

    private FitModel(Tables tables, double[] weights, boolean monotone, double response, double feedbackTrust,
            BoostedTrees trees) {
        this.t = tables;
        this.weights = weights.clone();
        this.monotone = monotone;
        if (!(response >= 0) || Double.isInfinite(response) || !monotone && response != 0) {
            throw new IllegalArgumentException("the size response must be finite and ≥ 0, and 0 in a model not "
                    + "monotone in size; got " + response);
        }
        this.response = response;
        if (!(feedbackTrust >= 0 && feedbackTrust <= 1)) {
            throw new IllegalArgumentException("the trust in feedback must be in [0, 1]; got " + feedbackTrust);
        }
        this.feedbackTrust = feedbackTrust;
        if (trees != null && (trees.features() != treeInputCount() || trees.classes() != 3)) {
            throw new IllegalArgumentException("this model's boosted trees take " + treeInputCount()
                    + " inputs and score 3 outcomes, not " + trees.features() + " and " + trees.classes());
        }
        this.trees = trees;
        this.effectiveWeights = FitFeatures.effectiveWeights(weights, FitFeatures.mask(t.signals));
        double observations = t.global[0] + t.global[1] + t.global[2];
        for (int y = 0; y < 3; y++) {
            globalP[y] = (t.global[y] + 1) / (observations + 3);
        }
        for (int s = 0; s < t.sizeLabels.length; s++) {
            sizeIds.put(t.sizeLabels[s], s);
        }
        for (int o = 0; o < t.occasionNames.size(); o++) {
            occasionIds.put(t.occasionNames.get(o), o);
        }
        occasionRatios = new double[Math.max(1, t.occasionNames.size()) * 2];
        double[] p = new double[3];
        for (int o = 0; o < t.occasionNames.size(); o++) {
            SizeFit.chain(t.occasion, o * 3, globalP, 0, t.smoothing, -1, p);
            occasionRatios[2 * o] = FitFeatures.logRatio(p, 0, FitData.SMALL);
            occasionRatios[2 * o + 1] = FitFeatures.logRatio(p, 0, FitData.LARGE);
        }
        itemSizeCells = itemSizeCells();
        // The customers' smoothed reporting, as log-ratios once at construction rather than per call.
        globalRatios = new double[] {FitFeatures.logRatio(globalP, 0, FitData.SMALL),
            FitFeatures.logRatio(globalP, 0, FitData.LARGE)};
        // How each build found each item, as log-ratio differences to all the item's renters, once here.
        buildOfCustomer = builds(t.profileEncoder, t.profileOfCustomer);
        itemBuildRatios = new double[2 * t.itemBuild.key.length];
        double[] itemP = new double[3];
        double[] buildP = new double[3];
        double[] categoryP = new double[3];
        for (int i = 0; i < t.itemBuild.rows(); i++) {
            int k = t.categoryOfItem[i];
            if (k >= 0) {
                SizeFit.chain(t.category, k * 3, globalP, 0, t.smoothing, -1, categoryP);
            } else {
                System.arraycopy(globalP, 0, categoryP, 0, 3);
            }
            SizeFit.chain(t.item, i * 3, categoryP, 0, t.smoothing, -1, itemP);
            for (int cell = t.itemBuild.rowStart[i]; cell < t.itemBuild.rowStart[i + 1]; cell++) {
                SizeFit.chain(t.itemBuild.values, cell * 3, itemP, 0, t.smoothing, -1, buildP);
                itemBuildRatios[2 * cell] = FitFeatures.logRatio(buildP, 0, FitData.SMALL)
                        - FitFeatures.logRatio(itemP, 0, FitData.SMALL);
                itemBuildRatios[2 * cell + 1] = FitFeatures.logRatio(buildP, 0, FitData.LARGE)
                        - FitFeatures.logRatio(itemP, 0, FitData.LARGE);
            }
        }
        int customers = t.rowsOfCustomer.length;
        customerRatios = new double[2 * customers];
        customerCategoryRatios = new double[2 * t.customerCategory.key.length];
        double[] pc = new double[3];
        double[] pck = new double[3];
        double[] counts = new double[3];
        for (int c = 0; c < customers; c++) {
            SizeFit.chain(t.customer, c * 3, globalP, 0, t.customerSmoothing, -1, pc);
            customerRatios[2 * c] = FitFeatures.logRatio(pc, 0, FitData.SMALL);
            customerRatios[2 * c + 1] = FitFeatures.logRatio(pc, 0, FitData.LARGE);
            for (int cell = t.customerCategory.rowStart[c]; cell < t.customerCategory.rowStart[c + 1]; cell++) {
                for (int y = 0; y < 3; y++) {
                    counts[y] = t.customerCategory.value(cell, y);
                }
                SizeFit.chain(counts, 0, pc, 0, t.customerSmoothing, -1, pck);
                customerCategoryRatios[2 * cell] = FitFeatures.logRatio(pck, 0, FitData.SMALL);
                customerCategoryRatios[2 * cell + 1] = FitFeatures.logRatio(pck, 0, FitData.LARGE);
            }
        }
    }

    /** The customers this model knows, by dense id. */
    /** {@code "size-fit"}. */
    @Override
    public String name() {
        return "size-fit";
    }

    @Override
    public IdIndex customers() {
        return t.customers;
    }

    /** The items this model knows, by dense id. */
    @Override
    public IdIndex items() {
        return t.items;
    }

    /**
     * Whether the model is monotone in size (the default): a larger size never has a higher probability of
     * "too small" nor a lower one of "too large", for any customer and item. A model trained with
     * {@link SizeFit.Builder#monotoneInSize(boolean) monotoneInSize(false)} predicts how a rental in the size
     * chosen will be reported, selection included, and gives no size advice.
     */
    public boolean monotoneInSize() {
        return monotone;
    }

    /** The signals the model was trained with. */
    public Set<FitSignal> signals() {
        return t.signals.isEmpty() ? Set.of() : EnumSet.copyOf(t.signals);
    }

    /** The distance between neighbouring sizes on the size scale that the model uses as "one size". */
    public double sizeStep() {
        return t.step;
    }

    /** The sizes the model knows for an item (seen in feedback, rentals or stock), smallest first. */
    public List<String> sizesOf(int item) {
        if (item < 0 || item >= t.sizesOfItem.length) {
            return List.of();
        }
        return Arrays.stream(t.sizesOfItem[item]).mapToObj(s -> t.sizeLabels[s]).toList();
    }

    /** How the customer's feedback weighs in her answers: the number of her fit observations in training. */
    public int feedbackCount(int customer) {
        return customer >= 0 && customer < t.rowsOfCustomer.length ? t.rowsOfCustomer[customer] : 0;
    }

    /** The number of the item's fit observations in training (0: sized like its category). */
    public int itemFeedbackCount(int item) {
        return item >= 0 && item < t.rowsOfItem.length ? t.rowsOfItem[item] : 0;
    }

    /**
     * How a size of an item is expected to fit a customer, by dense ids; {@code customer} or {@code item}
     * may be -1 (unknown) and then takes the fallbacks in the class comment.
     *
     * @param occasion what the item is for (an occasion the model has not seen is ignored)
     * @throws IllegalArgumentException if the size scale cannot place the size label
     */
    public FitProbabilities probabilities(int customer, int item, String size, String occasion) {
        Objects.requireNonNull(occasion, "occasion");
        return probabilitiesFor(customer, item, size, occasion);
    }

    private FitProbabilities probabilitiesFor(int customer, int item, String size, String occasion) {
        double[] p = new double[3];
        score(customer, item, size, occasion, p);
        return new FitProbabilities(p[0], p[1], p[2]);
    }

    /** {@link #probabilities(int, int, String, String)} with the occasion unknown. */
    public FitProbabilities probabilities(int customer, int item, String size) {
        return probabilitiesFor(customer, item, size, null);
    }

    /**
     * {@link #probabilities(int, int, String, String)} by external ids; ids the model has never seen get the
     * fallbacks (an unknown customer the population's answer, an unknown item the population's sizing).
     */
    public FitProbabilities probabilities(String customer, String item, String size, String occasion) {
        return probabilities(t.customers.find(Objects.requireNonNull(customer, "customer")),
                t.items.find(Objects.requireNonNull(item, "item")), size, occasion);
    }

    /** {@link #probabilities(String, String, String, String)} with the occasion unknown. */
    public FitProbabilities probabilities(String customer, String item, String size) {
        return probabilitiesFor(t.customers.find(Objects.requireNonNull(customer, "customer")),
                t.items.find(Objects.requireNonNull(item, "item")), size, null);
    }

    /**
     * The size to recommend among the given sizes of an item, with every size's probabilities, smallest
     * first. The choice weighs each size's probability of fitting by how close it is to the label the
     * customer is expected to need in this item — with fit feedback, the mean of the sizes she rented; without,
     * her size from her body profile shifted by how the item runs — with a spread of one size step; without
     * anything known of the customer, the size most likely to fit. (On RentTheRunway the sizes customers rented
     * predict the size they next rent and find fitting better than their sizes corrected by their feedback or by
     * how items run: RESULTS.md.)
     *
     * @param sizes the sizes to choose from (for example those in stock)
     * @param occasion what the item is for (an occasion the model has not seen is ignored)
     * @throws IllegalArgumentException if {@code sizes} is empty or the scale cannot place one of them
     */
    public SizeAdvice advise(int customer, int item, List<String> sizes, String occasion) {
        return adviseFor(customer, item, sizes, Objects.requireNonNull(occasion, "occasion"));
    }

    /** {@link #advise(int, int, List, String)} with the occasion unknown. */
    public SizeAdvice advise(int customer, int item, List<String> sizes) {
        return adviseFor(customer, item, sizes, null);
    }

    /**
     * {@link #advise(int, int, List, String)} for a customer who has told us more since the model was trained.
     * Every event with a size and fit feedback (a return marked too small, a rental reviewed "runs large")
     * counts as if it had been in training for the customer's side of the model — how she reports, the sizes she
     * rented, her size overall and in each category — while the items' sizing, the weights and the trees stay as
     * trained (one customer's feedback barely moves them; the next training takes it in). So a return marked too
     * small moves her advice up at
     * once, with no retraining; the cost is her events. Events without feedback or without a size teach
     * nothing about sizing and are passed over; a customer or item the model has never seen gets the
     * fallbacks of the class comment, refined by these events.
     *
     * @param occasion what the item is for, when known (an occasion the model has not seen is ignored)
     * @param feedbackSince the customer's events since the model's training, in any order
     * @throws IllegalArgumentException if {@code sizes} is empty, the scale cannot place a size (of the choice
     *     or of an event), or an event is another customer's
     */
    public SizeAdvice advise(String customer, String item, List<String> sizes, Optional<String> occasion,
            List<Event> feedbackSince) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(occasion, "occasion");
        Objects.requireNonNull(sizes, "sizes");
        Since since = since(customer, Objects.requireNonNull(feedbackSince, "feedbackSince"));
        return adviseFor(t.customers.find(customer), t.items.find(item), sizes, occasion.orElse(null), since);
    }

    /** The advice, for an occasion that may be unknown (null). */
    SizeAdvice adviseFor(int customer, int item, List<String> sizes, String occasion) {
        return adviseFor(customer, item, sizes, occasion, null);
    }

    /** The advice with the customer's feedback since training, if any (null: none). */
    private SizeAdvice adviseFor(int customer, int item, List<String> sizes, String occasion, Since since) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("no sizes to choose from for item "
                    + (item >= 0 && item < t.items.size() ? "'" + t.items.externalId(item) + "'" : "#" + item));
        }
        int n = sizes.size();
        Integer[] order = new Integer[n];
        double[] at = new double[n];
        for (int j = 0; j < n; j++) {
            Integer id = sizeIds.get(sizes.get(j));
            at[j] = id != null ? t.sizePositions[id] : t.scale.require(sizes.get(j));
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(at[a], at[b]));
        String[] labels = new String[n];
        int[] ids = new int[n];
        double[] positions = new double[n];
        for (int j = 0; j < n; j++) {
            labels[j] = sizes.get(order[j]);
            Integer id = sizeIds.get(labels[j]);
            ids[j] = id == null ? -1 : id;
            positions[j] = at[order[j]];
        }
        Integer occasionId = occasion == null ? null : occasionIds.get(occasion);
        return adviseOrdered(customer, item, labels, ids, positions, occasionId == null ? -1 : occasionId, since);
    }

    /** Advice over sizes already ordered by position, with their ids (-1 for a label the model has not seen). */
    private SizeAdvice adviseOrdered(int customer, int item, String[] labels, int[] ids, double[] positions, int occasionId,
            Since since) {
        if (!monotone) {
            throw new IllegalStateException("size advice needs a model monotone in size; this one was trained with "
                    + "monotoneInSize(false), which predicts how a chosen size will be reported");
        }
        int k = categoryOf(item);
        CustomerSide side = since == null ? customerSide(customer, k) : customerSide(customer, k, since);
        double itemRuns = itemRuns(item, k);
        double expected = expectedLabel(customer, side, itemRuns);
        List<SizeAdvice.SizeOption> options = new ArrayList<>(labels.length);
        double[] p = new double[3];
        // The trees of a monotone model do not look at the size: one walk serves every size.
        double[] treeScores = trees == null ? null : freeScores(customer, item, k, side, itemRuns, occasionId);
        int best = -1;
        double bestValue = -1;
        for (int j = 0; j < labels.length; j++) {
            score(customer, item, k, side, itemRuns, ids[j], positions[j], occasionId, treeScores, p);
            options.add(new SizeAdvice.SizeOption(labels[j], new FitProbabilities(p[0], p[1], p[2])));
            double value = p[1];
            if (!Double.isNaN(expected)) {
                double gap = (positions[j] - expected) / t.step;
                value *= Math.exp(-0.5 * gap * gap);
            }
            if (value > bestValue) {
                bestValue = value;
                best = j;
            }
        }
        return new SizeAdvice(labels[best], options.get(best).fit(), options);
    }

    /**
     * The size label the customer is expected to need in the item, or NaN when nothing is known of her: with fit
     * feedback, between the mean of the sizes she rented (in the item's category when she rented there) and her
     * size from her feedback shifted by how the item runs, as far toward the latter as {@link #feedbackTrust}
     * (models before format version 4: the latter); without, her size predicted from her body profile, shifted by
     * how the item runs.
     */
    private double expectedLabel(int c, CustomerSide side, double itemRuns) {
        if (side.others() > 0) {
            double fromFeedback = side.historySize() + itemRuns;
            return Double.isNaN(side.rentedSize()) ? fromFeedback
                    : side.rentedSize() + feedbackTrust * (fromFeedback - side.rentedSize());
        }
        if (c >= 0 && c < t.rowsOfCustomer.length && t.profileOfCustomer[c] != null) {
            return t.customerPrior[c] + itemRuns;
        }
        return Double.NaN;
    }

    private int categoryOf(int i) {
        return i >= 0 && i < t.rowsOfItem.length ? t.categoryOfItem[i] : -1;
    }

    /** How the item's labels run against customers' sizes: its own offset, else its category's, else 0. */
    private double itemRuns(int i, int k) {
        return i >= 0 && i < t.rowsOfItem.length && t.rowsOfItem[i] > 0 ? t.itemOffset[i] : k >= 0 ? t.categoryOffset[k] : 0;
    }

    private int feedbackOf(int c) {
        return c >= 0 && c < t.rowsOfCustomer.length ? t.rowsOfCustomer[c] : 0;
    }

    /**
     * Where a customer-category cell keeps the sum of the sizes she rented there (after her counts of small,
     * fits and large, her feedback's size sum and her observations); models before format version 4 have no such
     * value.
     */
    static final int RENTED = 5;

    /** The customer's cell for the category, or -1. */
    private int customerCell(int c, int k) {
        return k >= 0 && feedbackOf(c) > 0 ? t.customerCategory.find(c, k) : -1;
    }

    /** The customer's size from her feedback (in the category when she has some there), or NaN without feedback. */
    private double historySize(int c, int k, int cell) {
        int others = feedbackOf(c);
        if (others == 0) {
            return Double.NaN;
        }
        double size = t.customerSizeSum[c] / others;
        if (cell >= 0) {
            size = SizeFit.shrunk(t.customerCategory.value(cell, 3), t.customerCategory.value(cell, 4), size,
                    t.customerShrinkage);
        }
        return size;
    }

    /**
     * {@link #advise(int, int, List, String)} over every size the model knows for the item.
     *
     * @throws IllegalArgumentException if the model knows no size of the item (give the sizes instead)
     */
    public SizeAdvice advise(int customer, int item) {
        int[] ids = item >= 0 && item < t.sizesOfItem.length ? t.sizesOfItem[item] : new int[0];
        if (ids.length == 0) {
            throw new IllegalArgumentException("the fit model knows no sizes of item "
                    + (item >= 0 && item < t.items.size() ? "'" + t.items.externalId(item) + "'" : "#" + item)
                    + "; pass the item's sizes to advise(customer, item, sizes, occasion)");
        }
        String[] labels = new String[ids.length];
        double[] positions = new double[ids.length];
        for (int j = 0; j < ids.length; j++) {
            labels[j] = t.sizeLabels[ids[j]];
            positions[j] = t.sizePositions[ids[j]];
        }
        return adviseOrdered(customer, item, labels, ids, positions, -1, null);
    }

    /** This model with boosted trees as its second stage (the observational variant). */
    FitModel withTrees(BoostedTrees second) {
        return new FitModel(t, weights, monotone, response, feedbackTrust, Objects.requireNonNull(second, "trees"));
    }

    /** Whether the model has the boosted second stage. */
    boolean hasTrees() {
        return trees != null;
    }

    /** The observational second stage's inputs before the body profile's: see {@link #firstStage}. */
    private static final int TREE_INPUTS_BEFORE_PROFILE = 23;

    /** The number of inputs of the second stage. */
    int treeInputCount() {
        return (monotone ? FREE_INPUTS_BEFORE_PROFILE
                : TREE_INPUTS_BEFORE_PROFILE + (t.rentedSizeSum != null ? 2 : 0)) + t.profileEncoder.length();
    }

    /**
     * The second stage's inputs for one rental, into {@code out} from {@code offset}. A monotone model's are
     * those of {@link #freeInputs}, none of which depends on the size. The observational variant's are the first
     * stage's signals and scores, and the raw facts they were made from, NaN where unknown — the item-size chain's
     * log-ratios (2), the customer's reporting (2), the occasion's (2), her size gaps from history and from
     * profile (2), her feedback count, her build's (2), the first stage's logits (2), the size's position,
     * category, occasion, the item's feedback count, the item-size cell's counts (3), the customer's counts (3),
     * the mean size she rented and this size less it (models of format version 4 on), and her encoded body
     * profile.
     */
    void treeInputs(int c, int i, int sizeId, double position, int occasionId, double[] out, int offset) {
        int k = categoryOf(i);
        CustomerSide side = customerSide(c, k);
        if (monotone) {
            freeInputs(c, i, k, side, itemRuns(i, k), occasionId, out, offset);
            return;
        }
        firstStage(c, i, k, side, itemRuns(i, k), sizeId, position, occasionId, new double[2], out, offset);
    }

    /**
     * The logistic stage's two logits, log(P(small)/P(fits)) and log(P(large)/P(fits)), into {@code eta}: the
     * margins a monotone model's trees learn to correct.
     */
    void firstStageLogits(int c, int i, int sizeId, double position, int occasionId, double[] eta) {
        int k = categoryOf(i);
        firstStage(c, i, k, customerSide(c, k), itemRuns(i, k), sizeId, position, occasionId, eta, null, 0);
    }

    /** Fills {@code p} with P(small), P(fits), P(large). */
    void score(int c, int i, String sizeLabel, String occasionName, double[] p) {
        Integer sizeId = sizeIds.get(sizeLabel);
        double position = sizeId != null ? t.sizePositions[sizeId] : t.scale.require(sizeLabel);
        Integer occasionId = occasionName == null ? null : occasionIds.get(occasionName);
        score(c, i, sizeId == null ? -1 : sizeId, position, occasionId == null ? -1 : occasionId, p);
    }

    void score(int c, int i, int sizeId, double position, int occasionId, double[] p) {
        int k = categoryOf(i);
        CustomerSide side = customerSide(c, k);
        score(c, i, k, side, itemRuns(i, k), sizeId, position, occasionId, null, p);
    }

    /**
     * The customer's part of a score in category {@code k}: her number of fit observations, her reporting as
     * log-ratios small : fits and large : fits, her size from her feedback (NaN without any), her counts of each
     * outcome, and the mean size she rented (NaN without feedback, or in a model that predates it).
     */
    private record CustomerSide(int others, double small, double large, double historySize, double countSmall,
            double countFits, double countLarge, double rentedSize) {
    }

    /** The customer's side as trained. */
    private CustomerSide customerSide(int c, int k) {
        int others = feedbackOf(c);
        double small = globalRatios[0];
        double large = globalRatios[1];
        double size = Double.NaN;
        double rented = Double.NaN;
        if (others > 0) {
            int cell = customerCell(c, k);
            small = cell >= 0 ? customerCategoryRatios[2 * cell] : customerRatios[2 * c];
            large = cell >= 0 ? customerCategoryRatios[2 * cell + 1] : customerRatios[2 * c + 1];
            size = historySize(c, k, cell);
            if (t.rentedSizeSum != null) {
                rented = t.rentedSizeSum[c] / others;
                if (cell >= 0 && t.customerCategory.width > RENTED) {
                    rented = SizeFit.shrunk(t.customerCategory.value(cell, RENTED), t.customerCategory.value(cell, 4), rented,
                            t.customerShrinkage);
                }
            }
        }
        // One allocation site, so that the scoring path's copy is scalar-replaced.
        return new CustomerSide(others, small, large, size, others > 0 ? t.customer[3 * c] : 0,
                others > 0 ? t.customer[3 * c + 1] : 0, others > 0 ? t.customer[3 * c + 2] : 0, rented);
    }

    /**
     * The customer's side with her feedback since training added to her trained counts and size sums, summed
     * and smoothed exactly as training sums and smooths them.
     */
    private CustomerSide customerSide(int c, int k, Since since) {
        int trained = feedbackOf(c);
        int others = trained + since.rows;
        if (others == 0) {
            return customerSide(c, k);
        }
        double[] counts = new double[3];
        for (int y = 0; y < 3; y++) {
            counts[y] = (trained > 0 ? t.customer[c * 3 + y] : 0) + since.counts[y];
        }
        double[] pc = SizeFit.chain(counts, 0, globalP, 0, t.customerSmoothing, -1, new double[3]);
        double size = ((trained > 0 ? t.customerSizeSum[c] : 0) + since.sizeSum) / others;
        double rented = t.rentedSizeSum == null ? Double.NaN
                : ((trained > 0 ? t.rentedSizeSum[c] : 0) + since.rentedSum) / others;
        int cell = customerCell(c, k);
        double[] recent = k >= 0 ? since.byCategory.get(k) : null;
        if (cell < 0 && recent == null) {
            return new CustomerSide(others, FitFeatures.logRatio(pc, 0, FitData.SMALL),
                    FitFeatures.logRatio(pc, 0, FitData.LARGE), size, counts[0], counts[1], counts[2], rented);
        }
        double[] inCategory = new double[RENTED + 1];
        for (int v = 0; v <= RENTED; v++) {
            boolean stored = cell >= 0 && v < t.customerCategory.width;
            inCategory[v] = (stored ? t.customerCategory.value(cell, v) : 0) + (recent != null ? recent[v] : 0);
        }
        double[] pck = SizeFit.chain(inCategory, 0, pc, 0, t.customerSmoothing, -1, new double[3]);
        size = SizeFit.shrunk(inCategory[3], inCategory[4], size, t.customerShrinkage);
        if (t.rentedSizeSum != null && t.customerCategory.width > RENTED) {
            rented = SizeFit.shrunk(inCategory[RENTED], inCategory[4], rented, t.customerShrinkage);
        }
        return new CustomerSide(others, FitFeatures.logRatio(pck, 0, FitData.SMALL),
                FitFeatures.logRatio(pck, 0, FitData.LARGE), size, counts[0], counts[1], counts[2], rented);
    }

    /**
     * A customer's fit observations since training, summed like {@link SizeFit} sums a customer's: counts of
     * small / fits / large, and the implied size less how the item runs, overall and per category (small,
     * fits, large, size sum, observations).
     */
    private static final class Since {
        int rows;
        double sizeSum;
        double rentedSum;
        final double[] counts = new double[3];
        final Map<Integer, double[]> byCategory = new HashMap<>();
    }

    private Since since(String customer, List<Event> events) {
        Since since = new Since();
        for (Event event : events) {
            if (!event.customer().equals(customer)) {
                throw new IllegalArgumentException("an event of customer '" + event.customer() + "' among the events of '"
                        + customer + "'");
            }
            if (event.fit() == FitFeedback.NONE || event.size() == null) {
                continue;
            }
            int y = event.fit() == FitFeedback.TOO_SMALL ? FitData.SMALL : event.fit() == FitFeedback.FITS ? FitData.FITS : FitData.LARGE;
            Integer sizeId = sizeIds.get(event.size());
            double position = sizeId != null ? t.sizePositions[sizeId] : t.scale.require(event.size());
            double implied = position + t.step * (y == FitData.SMALL ? 1 : y == FitData.LARGE ? -1 : 0);
            int i = t.items.find(event.item());
            int k = categoryOf(i);
            double size = implied - itemRuns(i, k);
            since.rows++;
            since.counts[y]++;
            since.sizeSum += size;
            since.rentedSum += position;
            if (k >= 0) {
                double[] cell = since.byCategory.computeIfAbsent(k, key -> new double[RENTED + 1]);
                cell[y]++;
                cell[3] += size;
                cell[4]++;
                cell[RENTED] += position;
            }
        }
        return since;
    }

    /**
     * The scoring step with the customer's and item's parts already looked up (advice reuses them for every size).
     *
     * @param treeScores a monotone model's tree scores from {@link #freeScores}, or null to compute them here
     */
    private void score(int c, int i, int k, CustomerSide side, double itemRuns, int sizeId, double position,
            int occasionId, double[] treeScores, double[] p) {
        scores(c, i, k, side, itemRuns, sizeId, position, occasionId, treeScores, p);
        double shift = side.others() > 0 ? sizeResponse(expectedLabel(c, side, itemRuns), position) : 0;
        softmax(p[0] - shift, p[1], p[2] + shift, p);
    }

    /**
     * The size response for a customer with fit feedback: how much more likely "too large" and less likely "too
     * small" (in log-odds against fits) a size is for lying {@code d} steps above the label she is expected to
     * need in the item ({@link #expectedLabel}), {@code response × d³ / (w² + d²)} with w =
     * {@value #RESPONSE_WIDTH} steps — strictly increasing, small within a size or two of her label and
     * {@code response} per step beyond. Near her label the rest of the model speaks, from the feedback on the
     * sizes customers chose; far from it the data cannot (customers rarely rent sizes far from their own, and
     * when they do, they had a reason the data do not show), so the response is the model's stated prior there.
     * Without feedback her label is a guess from her profile, and the response is left out (0).
     */
    private double sizeResponse(double label, double position) {
        if (response == 0) {
            return 0;
        }
        double d = (position - label) / t.step;
        return response * d * d * d / (RESPONSE_WIDTH * RESPONSE_WIDTH + d * d);
    }

    /** The width of the size response's flat middle, in size steps. */
    static final double RESPONSE_WIDTH = 2;

    /** The outcomes' scores (log-odds up to a constant) before the size response, into {@code z}. */
    private void scores(int c, int i, int k, CustomerSide side, double itemRuns, int sizeId, double position,
            int occasionId, double[] treeScores, double[] z) {
        if (trees == null) {
            firstStage(c, i, k, side, itemRuns, sizeId, position, occasionId, z, null, 0);
            z[2] = z[1];
            z[1] = 0;
            return;
        }
        if (monotone) {
            double[] add = treeScores != null ? treeScores : freeScores(c, i, k, side, itemRuns, occasionId);
            firstStage(c, i, k, side, itemRuns, sizeId, position, occasionId, z, null, 0);
            // The trees add to each outcome a score that does not depend on the size, so the size enters only
            // through the logistic stage's monotone logits and the whole stays monotone in size.
            z[2] = z[1] + add[2];
            z[0] += add[0];
            z[1] = add[1];
            return;
        }
        TreeScratch scratch = TREE_SCRATCH.acquire(treeInputCount());
        try {
            firstStage(c, i, k, side, itemRuns, sizeId, position, occasionId, z, scratch.inputs, 0);
            trees.scores(scratch.inputs, 0, z, scratch.rank);
        } finally {
            TREE_SCRATCH.release(scratch);
        }
    }

    /** P(small), P(fits), P(large) from the three outcomes' scores, into {@code p}. */
    private static void softmax(double small, double fits, double large, double[] p) {
        double max = Math.max(fits, Math.max(small, large));
        double es = Math.exp(small - max);
        double ef = Math.exp(fits - max);
        double el = Math.exp(large - max);
        double sum = es + ef + el;
        p[0] = es / sum;
        p[1] = ef / sum;
        p[2] = el / sum;
    }

    /** A monotone model's tree scores for the customer and item, the same for every size. */
    private double[] freeScores(int c, int i, int k, CustomerSide side, double itemRuns, int occasionId) {
        double[] scores = new double[3];
        TreeScratch scratch = TREE_SCRATCH.acquire(treeInputCount());
        try {
            freeInputs(c, i, k, side, itemRuns, occasionId, scratch.inputs, 0);
            trees.scores(scratch.inputs, 0, scores, scratch.rank);
        } finally {
            TREE_SCRATCH.release(scratch);
        }
        return scores;
    }

    /**
     * A score's tree inputs and their ranks among the trees' thresholds, reused across scores: they were two thirds
     * of a score's fresh memory, which a service pays for in young collections and a fresh heap in first touches
     * of its pages (RESULTS.md, "Fit and size", speed). Every use overwrites the slots it reads, so a scratch goes
     * back to the pool as it is.
     */
    private static final class TreeScratch {
        final double[] inputs;
        final int[] rank;

        TreeScratch(int width) {
            inputs = new double[width];
            rank = new int[width];
        }
    }

    private static final ScratchPool<TreeScratch> TREE_SCRATCH = new ScratchPool<>(TreeScratch::new, s -> s.inputs.length);

    /** A monotone model's tree inputs before the body profile's: see {@link #freeInputs}. */
    private static final int FREE_INPUTS_BEFORE_PROFILE = 24;

    /**
     * A monotone model's tree inputs, none of which depends on the size, into {@code out} from {@code offset}
     * (NaN where unknown): the customer's reporting (2), the occasion's (2), her feedback count, her build's
     * reporting on the item (2), the category, the occasion, the item's feedback count, the item's counts (3), her
     * counts (3), the item's reporting (2), her size from her feedback, the mean size she rented, her size from
     * her profile, how the item runs,
     * and her encoded body profile.
     */
    private void freeInputs(int c, int i, int k, CustomerSide side, double itemRuns, int occasionId, double[] out,
            int offset) {
        double countScale = trees == null ? 1 : (SizeFit.SECOND_STAGE_FOLDS - 1) / (double) SizeFit.SECOND_STAGE_FOLDS;
        boolean knownCustomer = c >= 0 && c < t.rowsOfCustomer.length;
        boolean hasProfile = knownCustomer && t.profileOfCustomer[c] != null;
        boolean knownItem = i >= 0 && i < t.rowsOfItem.length;
        double[] build = buildRatios(c, i, hasProfile);
        double[] pk = new double[3];
        if (k >= 0) {
            SizeFit.chain(t.category, k * 3, globalP, 0, t.smoothing, -1, pk);
        } else {
            System.arraycopy(globalP, 0, pk, 0, 3);
        }
        double[] pi = SizeFit.chain(knownItem ? t.item : null, i * 3, pk, 0, t.smoothing, -1, new double[3]);
        int j = offset;
        out[j++] = side.small();
        out[j++] = side.large();
        out[j++] = occasionId >= 0 ? occasionRatios[2 * occasionId] : globalRatios[0];
        out[j++] = occasionId >= 0 ? occasionRatios[2 * occasionId + 1] : globalRatios[1];
        out[j++] = side.others() * countScale;
        out[j++] = hasProfile ? build[0] : Double.NaN;
        out[j++] = hasProfile ? build[1] : Double.NaN;
        out[j++] = k >= 0 ? k : Double.NaN;
        out[j++] = occasionId >= 0 ? occasionId : Double.NaN;
        out[j++] = knownItem ? t.rowsOfItem[i] * countScale : 0;
        for (int y = 0; y < 3; y++) {
            out[j++] = knownItem ? t.item[3 * i + y] * countScale : 0;
        }
        out[j++] = side.countSmall() * countScale;
        out[j++] = side.countFits() * countScale;
        out[j++] = side.countLarge() * countScale;
        out[j++] = FitFeatures.logRatio(pi, 0, FitData.SMALL);
        out[j++] = FitFeatures.logRatio(pi, 0, FitData.LARGE);
        out[j++] = side.others() > 0 ? side.historySize() : Double.NaN;
        out[j++] = side.rentedSize();
        out[j++] = hasProfile ? t.customerPrior[c] : Double.NaN;
        out[j++] = itemRuns;
        // The logistic stage at the size she is expected to need in the item: how the item fits her where she
        // would size herself, which depends on her and the item, not on the size being scored.
        double expected = expectedLabel(c, side, itemRuns);
        if (Double.isNaN(expected)) {
            out[j++] = Double.NaN;
            out[j++] = Double.NaN;
        } else {
            double[] eta = new double[2];
            firstStage(c, i, k, side, itemRuns, -1, expected, occasionId, eta, null, 0);
            out[j++] = eta[0];
            out[j++] = eta[1];
        }
        double[] profile = hasProfile ? t.profileOfCustomer[c] : null;
        for (int f = 0; f < t.profileEncoder.length(); f++) {
            out[j++] = profile != null ? profile[f] : Double.NaN;
        }
    }

    /** How customers of her build found the item, summed over her build keys as log-ratio differences. */
    private double[] buildRatios(int c, int i, boolean hasProfile) {
        double[] sum = new double[2];
        if (hasProfile && i >= 0 && i < t.itemBuild.rows()) {
            for (int key : buildOfCustomer[c]) {
                int buildCell = t.itemBuild.find(i, key);
                if (buildCell >= 0) {
                    sum[0] += itemBuildRatios[2 * buildCell];
                    sum[1] += itemBuildRatios[2 * buildCell + 1];
                }
            }
        }
        return sum;
    }

    /**
     * The logistic first stage's logits into {@code eta[0]} (small) and {@code eta[1]} (large), fits being 0; with
     * {@code inputs} non-null, the observational second stage's inputs from {@code offset} as well.
     */
    private void firstStage(int c, int i, int k, CustomerSide side, double itemRuns, int sizeId, double position,
            int occasionId, double[] eta, double[] inputs, int offset) {
        int others = side.others();
        double customerSmall = side.small();
        double customerLarge = side.large();
        double[] ratios = eta;
        itemSizeRatios(i, k, sizeId, position, ratios);
        double itemSmall = ratios[0];
        double itemLarge = ratios[1];
        double fromHistory = others > 0 ? (side.historySize() + itemRuns - position) / t.step : 0;
        boolean hasProfile = c >= 0 && c < t.rowsOfCustomer.length && t.profileOfCustomer[c] != null;
        double fromProfile = hasProfile ? (t.customerPrior[c] + itemRuns - position) / t.step : 0;
        double history = others / (others + t.customerShrinkage);
        double occasionSmall = occasionId >= 0 ? occasionRatios[2 * occasionId] : globalRatios[0];
        double occasionLarge = occasionId >= 0 ? occasionRatios[2 * occasionId + 1] : globalRatios[1];
        double[] build = buildRatios(c, i, hasProfile);
        double buildSmall = build[0];
        double buildLarge = build[1];
        FitFeatures.logits(effectiveWeights, itemSmall, itemLarge, customerSmall, customerLarge, occasionSmall,
                occasionLarge, fromHistory, fromProfile, history, hasProfile, buildSmall, buildLarge, eta);
        if (inputs == null) {
            return;
        }
        double etaSmall = eta[0];
        double etaLarge = eta[1];
        // The trees learnt from inputs made by first stages that each saw (folds − 1) / folds of the rentals;
        // this model's counts come from all of them, so they are scaled to the counts the trees met.
        double countScale = trees == null ? 1 : (SizeFit.SECOND_STAGE_FOLDS - 1) / (double) SizeFit.SECOND_STAGE_FOLDS;
        int j = offset;
        inputs[j++] = itemSmall;
        inputs[j++] = itemLarge;
        inputs[j++] = customerSmall;
        inputs[j++] = customerLarge;
        inputs[j++] = occasionSmall;
        inputs[j++] = occasionLarge;
        inputs[j++] = others > 0 ? fromHistory : Double.NaN;
        inputs[j++] = hasProfile ? fromProfile : Double.NaN;
        inputs[j++] = others * countScale;
        inputs[j++] = hasProfile ? buildSmall : Double.NaN;
        inputs[j++] = hasProfile ? buildLarge : Double.NaN;
        inputs[j++] = etaSmall;
        inputs[j++] = etaLarge;
        inputs[j++] = position;
        inputs[j++] = k >= 0 ? k : Double.NaN;
        inputs[j++] = occasionId >= 0 ? occasionId : Double.NaN;
        boolean knownItem = i >= 0 && i < t.rowsOfItem.length;
        inputs[j++] = knownItem ? t.rowsOfItem[i] * countScale : 0;
        int cell = knownItem && sizeId >= 0 ? t.itemSize.find(i, sizeId) : -1;
        for (int y = 0; y < 3; y++) {
            inputs[j++] = cell >= 0 ? t.itemSize.value(cell, y) * countScale : 0;
        }
        inputs[j++] = side.countSmall() * countScale;
        inputs[j++] = side.countFits() * countScale;
        inputs[j++] = side.countLarge() * countScale;
        if (t.rentedSizeSum != null) {
            // Where this size lies against the sizes she rents: customers who rent above their usual size on an
            // item report "too small" more often, not less (selection, which this variant is there to predict).
            inputs[j++] = side.rentedSize();
            inputs[j++] = position - side.rentedSize();
        }
        boolean knownCustomer = c >= 0 && c < t.rowsOfCustomer.length;
        double[] profile = knownCustomer ? t.profileOfCustomer[c] : null;
        for (int f = 0; f < t.profileEncoder.length(); f++) {
            inputs[j++] = profile != null ? profile[f] : Double.NaN;
        }
    }

    /**
     * log(P(small)/P(fits)) and log(P(large)/P(fits)) of the item-size chain, monotone over the item's sizes,
     * into {@code out[0]} and {@code out[1]} (the caller's result array: no allocation on the common path).
     */
    private void itemSizeRatios(int i, int k, int sizeId, double position, double[] out) {
        if (sizeId >= 0) {
            int cell = itemSizeCells.find(i, sizeId);
            if (cell >= 0) {
                out[0] = itemSizeCells.value(cell, 0);
                out[1] = itemSizeCells.value(cell, 1);
                return;
            }
        }
        double[] raw = rawItemSizeRatios(i, k, sizeId);
        if (monotone && i >= 0 && i < itemSizeCells.rows()) {
            // Keep a size the item was never seen in between its neighbouring sizes.
            double smallUpper = Double.POSITIVE_INFINITY;
            double smallLower = Double.NEGATIVE_INFINITY;
            double largeUpper = Double.POSITIVE_INFINITY;
            double largeLower = Double.NEGATIVE_INFINITY;
            for (int cell = itemSizeCells.rowStart[i]; cell < itemSizeCells.rowStart[i + 1]; cell++) {
                double at = t.sizePositions[itemSizeCells.key[cell]];
                double small = itemSizeCells.value(cell, 0);
                double large = itemSizeCells.value(cell, 1);
                if (at < position) {
                    smallUpper = Math.min(smallUpper, small);
                    largeLower = Math.max(largeLower, large);
                } else if (at > position) {
                    smallLower = Math.max(smallLower, small);
                    largeUpper = Math.min(largeUpper, large);
                }
            }
            raw[0] = Math.max(smallLower, Math.min(smallUpper, raw[0]));
            raw[1] = Math.max(largeLower, Math.min(largeUpper, raw[1]));
        }
        out[0] = raw[0];
        out[1] = raw[1];
    }

    private double[] rawItemSizeRatios(int i, int k, int sizeId) {
        double[] pk = new double[3];
        if (k >= 0) {
            SizeFit.chain(t.category, k * 3, globalP, 0, t.smoothing, -1, pk);
        } else {
            System.arraycopy(globalP, 0, pk, 0, 3);
        }
        double[] pks = new double[3];
        int categoryCell = k >= 0 && sizeId >= 0 ? t.categorySize.find(k, sizeId) : -1;
        SizeFit.chain(categoryCell >= 0 ? t.categorySize.values : null, categoryCell * 3, pk, 0, t.smoothing, -1, pks);
        double[] pi = new double[3];
        boolean knownItem = i >= 0 && i < t.rowsOfItem.length;
        SizeFit.chain(knownItem ? t.item : null, i * 3, pk, 0, t.smoothing, -1, pi);
        double[] q = combine(pi, pks, pk, new double[3]);
        int cell = knownItem && sizeId >= 0 ? t.itemSize.find(i, sizeId) : -1;
        double[] p = SizeFit.chain(cell >= 0 ? t.itemSize.values : null, cell * 3, q, 0, t.smoothing, -1, new double[3]);
        return new double[] {FitFeatures.logRatio(p, 0, FitData.SMALL), FitFeatures.logRatio(p, 0, FitData.LARGE)};
    }

    /**
     * The item-size ratios of every known size of every item; in a monotone model made monotone over each item's
     * sizes by weighted isotonic regression (pool adjacent violators): "small" non-increasing, "large" non-decreasing.
     */
    private Cells itemSizeCells() {
        PairTable cells = new PairTable();
        int items = t.sizesOfItem.length;
        for (int i = 0; i < items; i++) {
            int[] sizes = t.sizesOfItem[i];
            if (sizes.length == 0) {
                continue;
            }
            int k = t.categoryOfItem[i];
            double[] small = new double[sizes.length];
            double[] large = new double[sizes.length];
            double[] weight = new double[sizes.length];
            for (int j = 0; j < sizes.length; j++) {
                double[] raw = rawItemSizeRatios(i, k, sizes[j]);
                small[j] = -raw[0];
                large[j] = raw[1];
                int cell = t.itemSize.find(i, sizes[j]);
                weight[j] = 1 + (cell < 0 ? 0 : t.itemSize.value(cell, 0) + t.itemSize.value(cell, 1) + t.itemSize.value(cell, 2));
            }
            if (monotone) {
                isotonic(small, weight);
                isotonic(large, weight);
            }
            for (int j = 0; j < sizes.length; j++) {
                double[] cell = cells.getOrAdd(Cells.pair(i, sizes[j]), 2);
                cell[0] = -small[j];
                cell[1] = large[j];
            }
        }
        return Cells.of(cells, items, 2);
    }

    /** Weighted pool-adjacent-violators: replaces {@code v} by its closest non-decreasing sequence. */
    static void isotonic(double[] v, double[] w) {
        int n = v.length;
        double[] mean = new double[n];
        double[] weight = new double[n];
        int[] length = new int[n];
        int blocks = 0;
        for (int j = 0; j < n; j++) {
            mean[blocks] = v[j];
            weight[blocks] = w[j];
            length[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
                double total = weight[blocks - 2] + weight[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * weight[blocks - 2] + mean[blocks - 1] * weight[blocks - 1]) / total;
                weight[blocks - 2] = total;
                length[blocks - 2] += length[blocks - 1];
                blocks--;
            }
        }
        int j = 0;
        for (int b = 0; b < blocks; b++) {
            for (int m = 0; m < length[b]; m++) {
                v[j++] = mean[b];
            }
        }
    }

    /** Each customer's build keys (body type, cup, measurement bands), or null without a profile. */
    static int[][] builds(ProfileEncoder encoder, double[][] profiles) {
        int[][] keys = new int[profiles.length][];
        for (int c = 0; c < profiles.length; c++) {
            keys[c] = profiles[c] == null ? null : encoder.keys(profiles[c]);
        }
        return keys;
    }

    static double[] combine(double[] pi, double[] pks, double[] pk, double[] target) {
        double total = 0;
        for (int y = 0; y < 3; y++) {
            target[y] = pi[y] * pks[y] / pk[y];
            total += target[y];
        }
        for (int y = 0; y < 3; y++) {
            target[y] /= total;
        }
        return target;
    }

    static double profileSize(double[] beta, double[] profile) {
        double s = beta[0];
        for (int j = 0; j < profile.length && j + 1 < beta.length; j++) {
            s += beta[j + 1] * profile[j];
        }
        return s;
    }

    /** What training left, for the file format. */
    Tables tables() {
        return t;
    }

    /** The logistic stage's weights, for the file format (not a copy: never written to). */
    double[] weights() {
        return weights;
    }

    /** The size response in log-odds per size step (0: none); for the file format. */
    double sizeResponse() {
        return response;
    }

    /** Where the expected label lies between the sizes rented (0) and the feedback (1); for the file format. */
    double feedbackTrust() {
        return feedbackTrust;
    }

    /** The observational variant's second stage, or null; for the file format. */
    BoostedTrees trees() {
        return trees;
    }
}
