package dev.tailor.mahout;

import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.io.AbstractModelFormat;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.recommender.svd.Factorization;

/**
 * The registered file format of the Taste presets ({@code "tailor.taste-model"}): the preset and its settings, the id
 * indexes, weighting policy, training history and popularity order, the preferences Taste saw, and for ALS-WR the
 * factorization — so a loaded model is the same Taste recommender, not a retrained one.
 */
public final class TasteModelFormat extends AbstractModelFormat<TasteTrainer.TasteAsTailor> {
    /** For the service loader. */
    public TasteModelFormat() {
        super("tailor.taste-model", 1, TasteTrainer.TasteAsTailor.class, TasteModelFormat::writeModel,
                (in, version) -> readModel(in));
    }

    private static void writeModel(TasteTrainer.TasteAsTailor model, DataOutputStream out) throws IOException {
        if (model.preset == null) {
            throw new IllegalArgumentException(model.name() + ": a Taste recommender from a custom factory cannot be saved");
        }
        TasteTrainer.Preset preset = model.preset;
        out.writeUTF(model.name());
        out.writeUTF(preset.kind().name());
        out.writeInt(preset.features());
        out.writeDouble(preset.lambda());
        out.writeDouble(preset.alpha());
        out.writeInt(preset.iterations());
        out.writeInt(preset.threads());
        out.writeBoolean(model.booleanPreferences);
        model.customers().writeTo(out);
        model.items().writeTo(out);
        model.policy().writeTo(out);
        model.history.writeTo(out);
        ArrayCodec.writeInts(model.popularity, out);
        model.preferences.writeTo(out);
        Factorization factorization = model.factorization;
        out.writeBoolean(factorization != null);
        if (factorization != null) {
            out.writeInt(factorization.numFeatures());
            writeSide(factorization.getUserIDMappings(), factorization.allUserFeatures(), out);
            writeSide(factorization.getItemIDMappings(), factorization.allItemFeatures(), out);
        }
    }

    private static void writeSide(Iterable<Map.Entry<Long, Integer>> ids, double[][] features, DataOutputStream out)
            throws IOException {
        out.writeInt(features.length);
        for (Map.Entry<Long, Integer> id : ids) {
            out.writeLong(id.getKey());
            out.writeInt(id.getValue());
        }
        for (double[] row : features) {
            ArrayCodec.writeDoubles(row, out);
        }
    }

    private static TasteTrainer.TasteAsTailor readModel(DataInputStream in) throws IOException {
        String name = in.readUTF();
        TasteTrainer.Kind kind;
        try {
            kind = TasteTrainer.Kind.valueOf(in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("taste model: unknown preset", e);
        }
        TasteTrainer.Preset preset = new TasteTrainer.Preset(kind, in.readInt(), in.readDouble(), in.readDouble(), in.readInt(),
                in.readInt());
        boolean booleanPreferences = in.readBoolean();
        IdIndex customers = IdIndex.readFrom(in);
        IdIndex items = IdIndex.readFrom(in);
        WeightingPolicy policy = WeightingPolicy.readFrom(in);
        SparseMatrix history = SparseMatrix.readFrom(in);
        int[] popularity = ArrayCodec.readInts(in, history.columns());
        SparseMatrix preferences = SparseMatrix.readFrom(in);
        if (history.rows() > customers.size() || history.columns() > items.size() || popularity.length != history.columns()
                || preferences.rows() != history.rows() || preferences.columns() != history.columns()) {
            throw new IOException("taste model " + name + ": the history, preferences and indexes do not fit together");
        }
        Factorization factorization = null;
        if (in.readBoolean()) {
            if (kind != TasteTrainer.Kind.ALS_WR) {
                throw new IOException("taste model " + name + ": a factorization for a " + kind + " recommender");
            }
            int features = in.readInt();
            if (features < 1 || features > 4096) {
                throw new IOException("taste model " + name + ": " + features + " features");
            }
            FastByIDMap<Integer> userIds = new FastByIDMap<>();
            double[][] users = readSide(in, userIds, features);
            FastByIDMap<Integer> itemIds = new FastByIDMap<>();
            double[][] itemFeatures = readSide(in, itemIds, features);
            factorization = new Factorization(userIds, itemIds, users, itemFeatures);
        } else if (kind == TasteTrainer.Kind.ALS_WR) {
            throw new IOException("taste model " + name + ": ALS-WR without its factorization");
        }
        try {
            return TasteTrainer.build(name, preset, null, booleanPreferences,
                    TasteDataModels.ofPreferences(preferences, booleanPreferences), preferences, customers, items, policy,
                    history, popularity, factorization);
        } catch (TasteException | RuntimeException e) {
            throw new IOException("taste model " + name + ": " + e.getMessage(), e);
        }
    }

    private static double[][] readSide(DataInputStream in, FastByIDMap<Integer> ids, int features) throws IOException {
        int count = in.readInt();
        ArrayCodec.requireBytes(in, 12L * count, "taste model ids");
        if (count < 0) {
            throw new IOException("taste model: " + count + " ids");
        }
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            int index = in.readInt();
            if (index < 0 || index >= count || ids.put(id, index) != null) {
                throw new IOException("taste model: id " + id + " has index " + index + " (out of range or repeated)");
            }
        }
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = ArrayCodec.readDoubles(in, features);
            if (rows[i].length != features) {
                throw new IOException("taste model: a row of " + rows[i].length + " features, expected " + features);
            }
        }
        return rows;
    }
}
