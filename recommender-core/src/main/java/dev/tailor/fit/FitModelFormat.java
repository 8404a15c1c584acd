package dev.tailor.fit;

import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.io.AbstractModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registered file format of {@link FitModel} ({@code "tailor.fit-model"}; see
 * {@link dev.tailor.io.ModelRegistry}): the training tables, the logistic stage's weights and, in an observational
 * model, the boosted trees. Reading checks every length, index and number against what the model can serve, so a
 * damaged or crafted file is refused with the part it broke, never served.
 */
final class FitModelFormat extends AbstractModelFormat<FitModel> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    FitModelFormat() {
        super(FitModel.FORMAT, FitModel.VERSION, FitModel.class, FitModelFormat::writeTo, FitModelFormat::readFrom);
    }

    /**
     * The largest magnitude a stored number may have: counts, offsets and weights of a real model are far
     * below it, and scoring stays finite for any mix of numbers within it.
     */
    static final double MAX_STORED_MAGNITUDE = 1e12;

    /** Counts: never negative. */
    private static double[] counts(double[] values, String what) throws IOException {
        for (int j = 0; j < values.length; j++) {
            if (values[j] < 0) {
                throw new IOException(what + ": count " + j + " is negative");
            }
        }
        return values;
    }

    static int checkedLength(int n, int max, String what) throws IOException {
        if (n < 0 || n > max) {
            throw new IOException(what + ": length " + n + " is outside [0, " + max + "]");
        }
        return n;
    }

    static void writeTo(FitModel model, DataOutputStream out) throws IOException {
        FitModel.Tables t = model.tables();
        double[] weights = model.weights();
        boolean monotone = model.monotoneInSize();
        BoostedTrees trees = model.trees();
        t.customers().writeTo(out);
        t.items().writeTo(out);
        out.writeInt(t.signals().size());
        for (FitSignal s : EnumSet.allOf(FitSignal.class)) {
            if (t.signals().contains(s)) {
                out.writeUTF(s.name());
            }
        }
        out.writeDouble(t.step());
        out.writeDouble(t.smoothing());
        out.writeDouble(t.customerSmoothing());
        out.writeDouble(t.customerShrinkage());
        ArrayCodec.writeDoubles(t.global(), out);
        out.writeInt(t.categories());
        ArrayCodec.writeDoubles(t.category(), out);
        ArrayCodec.writeDoubles(t.item(), out);
        ArrayCodec.writeDoubles(t.customer(), out);
        ArrayCodec.writeDoubles(t.occasion(), out);
        out.writeInt(t.occasionNames().size());
        for (String o : t.occasionNames()) {
            out.writeUTF(o);
        }
        t.itemSize().writeTo(out);
        t.categorySize().writeTo(out);
        t.customerCategory().writeTo(out);
        t.itemBuild().writeTo(out);
        ArrayCodec.writeInts(t.categoryOfItem(), out);
        ArrayCodec.writeDoubles(t.itemOffset(), out);
        ArrayCodec.writeDoubles(t.categoryOffset(), out);
        ArrayCodec.writeInts(t.rowsOfItem(), out);
        ArrayCodec.writeDoubles(t.customerSizeSum(), out);
        ArrayCodec.writeInts(t.rowsOfCustomer(), out);
        ArrayCodec.writeDoubles(t.customerPrior(), out);
        ArrayCodec.writeDoubles(t.profileWeights(), out);
        t.profileEncoder().writeTo(out);
        int withProfile = 0;
        for (double[] p : t.profileOfCustomer()) {
            withProfile += p == null ? 0 : 1;
        }
        out.writeInt(withProfile);
        for (int c = 0; c < t.profileOfCustomer().length; c++) {
            if (t.profileOfCustomer()[c] != null) {
                out.writeInt(c);
                ArrayCodec.writeDoubles(t.profileOfCustomer()[c], out);
            }
        }
        out.writeInt(t.sizeLabels().length);
        for (int s = 0; s < t.sizeLabels().length; s++) {
            out.writeUTF(t.sizeLabels()[s]);
            out.writeDouble(t.sizePositions()[s]);
        }
        out.writeInt(t.sizesOfItem().length);
        for (int[] sizes : t.sizesOfItem()) {
            ArrayCodec.writeInts(sizes, out);
        }
        ArrayCodec.writeDoubles(weights, out);
        out.writeBoolean(monotone);
        out.writeDouble(model.sizeResponse());
        out.writeDouble(model.feedbackTrust());
        ArrayCodec.writeDoubles(t.rentedSizeSum(), out);
        out.writeBoolean(trees != null);
        if (trees != null) {
            trees.writeTo(out);
        }
    }

    /**
     * Reads a model; files of version 1 predate {@link FitModel#monotoneInSize()} and are monotone, files of version 2
     * predate the observational variant's boosted trees and have none, and in files before version 4 a monotone
     * model has no trees.
     */
    static FitModel readFrom(DataInputStream in, int version) throws IOException {
        IdIndex customers = IdIndex.readFrom(in);
        IdIndex items = IdIndex.readFrom(in);
        int customerCount = customers.size();
        int itemCount = items.size();
        int signalCount = checkedLength(in.readInt(), FitSignal.values().length, "signals");
        Set<FitSignal> signals = EnumSet.noneOf(FitSignal.class);
        for (int j = 0; j < signalCount; j++) {
            String name = in.readUTF();
            try {
                signals.add(FitSignal.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown fit signal '" + name + "'");
            }
        }
        double step = positive(in.readDouble(), "size step");
        double smoothing = positive(in.readDouble(), "smoothing");
        double customerSmoothing = positive(in.readDouble(), "customer smoothing");
        double customerShrinkage = positive(in.readDouble(), "customer shrinkage");
        double[] global = counts(readDoubles(in, 3, 3, "global counts"), "global counts");
        if (!(global[0] + global[1] + global[2] > 0)) {
            throw new IOException("the model has no observations");
        }
        int categories = checkedLength(in.readInt(), 1 << 24, "categories");
        double[] category = counts(readDoubles(in, Math.max(1, categories) * 3, Math.max(1, categories) * 3,
                "category counts"), "category counts");
        double[] item = counts(readDoubles(in, itemCount * 3, itemCount * 3, "item counts"), "item counts");
        double[] customer = counts(readDoubles(in, customerCount * 3, customerCount * 3, "customer counts"), "customer counts");
        double[] occasion = counts(readDoubles(in, 3, 1 << 24, "occasion counts"), "occasion counts");
        int occasionCount = checkedLength(in.readInt(), occasion.length / 3, "occasions");
        List<String> occasionNames = new ArrayList<>();
        for (int o = 0; o < occasionCount; o++) {
            occasionNames.add(in.readUTF());
        }
        Cells itemSize = Cells.readFrom(in, itemCount, 1 << 16);
        Cells categorySize = Cells.readFrom(in, Math.max(1, categories), 1 << 16);
        Cells customerCategory = Cells.readFrom(in, customerCount, Math.max(1, categories));
        // Version 4 added the sizes rented to the five values of a customer-category cell.
        if (version >= 4 ? customerCategory.width != FitModel.RENTED + 1 : customerCategory.width < FitModel.RENTED) {
            throw new IOException("customer-category cells of " + customerCategory.width + " values, expected "
                    + (version >= 4 ? FitModel.RENTED + 1 : FitModel.RENTED));
        }
        Cells itemBuild = Cells.readFrom(in, itemCount, Integer.MAX_VALUE);
        int[] categoryOfItem = readInts(in, itemCount, -1, categories - 1, "item categories");
        double[] itemOffset = readDoubles(in, itemCount, itemCount, "item offsets");
        double[] categoryOffset = readDoubles(in, Math.max(1, categories), Math.max(1, categories), "category offsets");
        int[] rowsOfItem = readInts(in, itemCount, 0, Integer.MAX_VALUE, "item observation counts");
        double[] customerSizeSum = readDoubles(in, customerCount, customerCount, "customer size sums");
        int[] rowsOfCustomer = readInts(in, customerCount, 0, Integer.MAX_VALUE, "customer observation counts");
        double[] customerPrior = readDoubles(in, customerCount, customerCount, "customer size priors");
        ProfileEncoderAndWeights profile = readProfile(in, customerCount);
        int sizeCount = checkedLength(in.readInt(), 1 << 16, "sizes");
        String[] sizeLabels = new String[sizeCount];
        double[] sizePositions = new double[sizeCount];
        Map<String, Double> scale = new HashMap<>();
        for (int s = 0; s < sizeCount; s++) {
            sizeLabels[s] = in.readUTF();
            sizePositions[s] = in.readDouble();
            if (!Double.isFinite(sizePositions[s]) || scale.put(sizeLabels[s], sizePositions[s]) != null) {
                throw new IOException("size '" + sizeLabels[s] + "' is repeated or has no finite position");
            }
        }
        checkKeys(itemSize, sizeCount, "item sizes");
        checkKeys(categorySize, sizeCount, "category sizes");
        int itemRows = checkedLength(in.readInt(), itemCount, "items with sizes");
        if (itemRows != itemCount) {
            throw new IOException("sizes of " + itemRows + " items for " + itemCount + " items");
        }
        int[][] sizesOfItem = new int[itemCount][];
        for (int i = 0; i < itemCount; i++) {
            sizesOfItem[i] = readInts(in, -1, 0, sizeCount - 1, "sizes of an item");
            for (int j = 1; j < sizesOfItem[i].length; j++) {
                if (sizePositions[sizesOfItem[i][j]] < sizePositions[sizesOfItem[i][j - 1]]) {
                    throw new IOException("the sizes of item " + i + " are not ordered smallest first");
                }
            }
        }
        double[] weights = readDoubles(in, 2 * FitFeatures.WIDTH, 2 * FitFeatures.WIDTH, "weights");
        boolean monotone = version < 2 || in.readBoolean();
        // Before version 4 no model had the size response, and the expected label came from the feedback alone.
        double response = version >= 4 ? in.readDouble() : 0;
        double feedbackTrust = version >= 4 ? in.readDouble() : 1;
        if (!(feedbackTrust >= 0 && feedbackTrust <= 1)) {
            throw new IOException("the trust in feedback must be in [0, 1], was " + feedbackTrust);
        }
        if (!(response >= 0) || Double.isInfinite(response) || !monotone && response != 0) {
            throw new IOException("the size response must be finite and ≥ 0, and 0 in a model not monotone in size; was "
                    + response);
        }
        // Before version 4 the model kept no sizes rented: the expected label comes from her feedback alone.
        double[] rentedSizeSum = version >= 4 ? readDoubles(in, customerCount, customerCount, "rented size sums") : null;
        boolean hasTrees = version >= 3 && in.readBoolean();
        if (hasTrees && monotone && version < 4) {
            throw new IOException("a model monotone in size has no boosted second stage before version 4");
        }
        SizeScale sizeScale = SizeScale.withKnown(scale);
        FitModel model = new FitModel(new FitModel.Tables(customers, items, signals, step, smoothing, customerSmoothing, customerShrinkage,
                global, category, categories, item, customer, occasion, occasionNames, itemSize, categorySize,
                customerCategory, itemBuild, categoryOfItem, itemOffset, categoryOffset, rowsOfItem, customerSizeSum, rentedSizeSum, rowsOfCustomer,
                customerPrior, profile.weights, profile.encoder, profile.profiles, sizeLabels, sizePositions, sizesOfItem,
                sizeScale), weights, monotone, response, feedbackTrust);
        return hasTrees ? model.withTrees(BoostedTrees.readFrom(in, 3, model.treeInputCount())) : model;
    }

    private record ProfileEncoderAndWeights(double[] weights, ProfileEncoder encoder, double[][] profiles) {
    }

    private static ProfileEncoderAndWeights readProfile(DataInputStream in, int customerCount) throws IOException {
        double[] profileWeights = readDoubles(in, 1, 1 << 16, "profile weights");
        ProfileEncoder encoder = ProfileEncoder.readFrom(in);
        if (profileWeights.length != 1 && profileWeights.length != encoder.length() + 1) {
            throw new IOException("profile weights do not match the profile encoder");
        }
        int withProfile = checkedLength(in.readInt(), customerCount, "customers with profiles");
        double[][] profiles = new double[customerCount][];
        for (int j = 0; j < withProfile; j++) {
            int c = checkedLength(in.readInt(), customerCount - 1, "customer with a profile");
            profiles[c] = readDoubles(in, encoder.length(), encoder.length(), "profile");
        }
        return new ProfileEncoderAndWeights(profileWeights, encoder, profiles);
    }

    private static void checkKeys(Cells cells, int sizeCount, String what) throws IOException {
        for (int k : cells.key) {
            if (k >= sizeCount) {
                throw new IOException(what + ": size " + k + " is not among the " + sizeCount + " sizes");
            }
        }
    }

    private static double positive(double v, String what) throws IOException {
        if (!(v >= 1e-9 && v <= MAX_STORED_MAGNITUDE)) {
            throw new IOException(what + " must be within [1e-9, " + MAX_STORED_MAGNITUDE + "], was " + v);
        }
        return v;
    }

    private static double[] readDoubles(DataInputStream in, int min, int max, String what) throws IOException {
        double[] values = ArrayCodec.readDoubles(in, max);
        if (values.length < min) {
            throw new IOException(what + ": " + values.length + " values, expected at least " + min);
        }
        for (int j = 0; j < values.length; j++) {
            if (!(Math.abs(values[j]) <= MAX_STORED_MAGNITUDE)) {
                throw new IOException(what + ": value " + j + " (" + values[j] + ") is not a finite number within ±"
                        + MAX_STORED_MAGNITUDE);
            }
        }
        return values;
    }

    /** Reads ints with each in [lo, hi]; a length of exactly {@code length} unless it is -1 (then at most 65,536). */
    private static int[] readInts(DataInputStream in, int length, int lo, int hi, String what) throws IOException {
        int[] values = ArrayCodec.readInts(in, length >= 0 ? length : 1 << 16);
        if (length >= 0 && values.length != length) {
            throw new IOException(what + ": " + values.length + " values, expected " + length);
        }
        for (int v : values) {
            if (v < lo || v > hi) {
                throw new IOException(what + ": value " + v + " is outside [" + lo + ", " + hi + "]");
            }
        }
        return values;
    }
}
