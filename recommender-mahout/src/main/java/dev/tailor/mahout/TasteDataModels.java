package dev.tailor.mahout;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.recommend.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.common.LongPrimitiveIterator;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;

/** Conversions between Taste's {@link DataModel} and Tailor's event log and interaction matrix. */
public final class TasteDataModels {
    private TasteDataModels() {
    }

    /**
     * Reads every preference of a Taste data model (in memory, file or JDBC) into an event log. User and
     * item ids become external ids {@code Long.toString(id)}; the preference time, when the model has
     * one, becomes the event time (else the epoch); with kind {@link EventKind#RATING} the preference
     * value is the rating.
     *
     * @throws IllegalStateException wrapping a {@link TasteException} from the data model
     */
    public static EventLog toEventLog(DataModel model, EventKind kind) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        try {
            EventLog.Builder builder = EventLog.builder();
            LongPrimitiveIterator users = model.getUserIDs();
            while (users.hasNext()) {
                long user = users.nextLong();
                int customer = builder.customers().idOf(Long.toString(user));
                PreferenceArray preferences = model.getPreferencesFromUser(user);
                for (int p = 0; p < preferences.length(); p++) {
                    long itemId = preferences.getItemID(p);
                    Long time = model.getPreferenceTime(user, itemId);
                    int item = builder.items().idOf(Long.toString(itemId));
                    double rating = kind == EventKind.RATING ? preferences.getValue(p) : Double.NaN;
                    builder.add(customer, item, time == null ? 0L : time / 1000L, kind, 1, 0, rating, FitFeedback.NONE,
                            null);
                }
            }
            return builder.build();
        } catch (TasteException e) {
            throw new IllegalStateException("cannot read the Taste data model: " + e.getMessage(), e);
        }
    }

    /**
     * A Taste data model of training data, as a Taste user would build it: the matrix's positive entries,
     * each valued by the mean rating of the pair's rated events when it has any (so item-based
     * recommenders and ALS-WR see the 1–5 stars they were designed for), else by its weight.
     */
    public static DataModel toDataModel(TrainingData data, boolean booleanPreferences) {
        if (booleanPreferences) {
            return toDataModel(data.matrix(), true);
        }
        EventLog events = data.events();
        long[] keys = new long[events.size()];
        int n = 0;
        for (int e = 0; e < events.size(); e++) {
            if (!Float.isNaN(events.rating(e))) {
                keys[n++] = ((long) events.customer(e) << 32) | (events.item(e) & 0xFFFFFFFFL);
            }
        }
        if (n == 0) {
            return toDataModel(data.matrix(), false);
        }
        // Positions sorted by pair, then mean ratings per pair.
        Integer[] order = new Integer[n];
        int[] position = new int[n];
        for (int e = 0, m = 0; e < events.size(); e++) {
            if (!Float.isNaN(events.rating(e))) {
                position[m++] = e;
            }
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] pairKeys = keys;
        java.util.Arrays.sort(order, (a, b) -> Long.compare(pairKeys[a], pairKeys[b]));
        java.util.Map<Long, Float> meanRating = new java.util.HashMap<>();
        for (int i = 0; i < n;) {
            int j = i;
            double sum = 0;
            while (j < n && keys[order[j]] == keys[order[i]]) {
                sum += events.rating(position[order[j]]);
                j++;
            }
            meanRating.put(keys[order[i]], (float) (sum / (j - i)));
            i = j;
        }
        return preferenceModel(data.matrix().byCustomer(),
                (c, item, weight) -> meanRating.getOrDefault(((long) c << 32) | (item & 0xFFFFFFFFL), weight));
    }

    /** The value Taste sees for a positive entry. */
    @FunctionalInterface
    private interface PreferenceValue {
        float of(int customer, int item, float weight);
    }

    /** A {@link GenericDataModel} holding a matrix's positive entries as they are (a saved model's preferences). */
    static DataModel ofPreferences(SparseMatrix preferences, boolean booleanPreferences) {
        if (booleanPreferences) {
            FastByIDMap<FastIDSet> data = new FastByIDMap<>();
            for (int c = 0; c < preferences.rows(); c++) {
                if (preferences.rowLength(c) > 0) {
                    FastIDSet items = new FastIDSet();
                    for (int p = preferences.rowStart(c); p < preferences.rowEnd(c); p++) {
                        items.add(preferences.column(p));
                    }
                    data.put(c, items);
                }
            }
            return new GenericBooleanPrefDataModel(data);
        }
        return preferenceModel(preferences, (c, item, weight) -> weight);
    }

    /** The preferences of a data model with dense ids as a matrix of this shape (what a saved Taste model keeps). */
    static SparseMatrix preferencesOf(DataModel model, int customers, int items) throws TasteException {
        int[] rowPointers = new int[customers + 1];
        List<int[]> columns = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int nonZeros = 0;
        for (int c = 0; c < customers; c++) {
            PreferenceArray row;
            try {
                row = model.getPreferencesFromUser(c);
            } catch (org.apache.mahout.cf.taste.common.NoSuchUserException e) {
                row = new GenericUserPreferenceArray(0);
            }
            row.sortByItem();
            int[] ids = new int[row.length()];
            float[] weights = new float[row.length()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) row.getItemID(i);
                weights[i] = model.hasPreferenceValues() ? row.getValue(i) : 1f;
            }
            columns.add(ids);
            values.add(weights);
            nonZeros += ids.length;
            rowPointers[c + 1] = nonZeros;
        }
        int[] allColumns = new int[nonZeros];
        float[] allValues = new float[nonZeros];
        for (int c = 0; c < customers; c++) {
            System.arraycopy(columns.get(c), 0, allColumns, rowPointers[c], columns.get(c).length);
            System.arraycopy(values.get(c), 0, allValues, rowPointers[c], values.get(c).length);
        }
        return new SparseMatrix(customers, items, rowPointers, allColumns, allValues);
    }

    /** A {@link GenericDataModel} of the matrix's positive entries, valued by {@code value}. */
    private static DataModel preferenceModel(SparseMatrix rows, PreferenceValue value) {
        FastByIDMap<PreferenceArray> data = new FastByIDMap<>();
        for (int c = 0; c < rows.rows(); c++) {
            int count = 0;
            for (int p = rows.rowStart(c); p < rows.rowEnd(c); p++) {
                if (rows.value(p) > 0) {
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            PreferenceArray preferences = new GenericUserPreferenceArray(count);
            preferences.setUserID(0, c);
            int i = 0;
            for (int p = rows.rowStart(c); p < rows.rowEnd(c); p++) {
                if (rows.value(p) > 0) {
                    preferences.setItemID(i, rows.column(p));
                    preferences.setValue(i, value.of(c, rows.column(p), rows.value(p)));
                    i++;
                }
            }
            data.put(c, preferences);
        }
        return new GenericDataModel(data);
    }

    /**
     * A Taste data model of an interaction matrix's positive entries, with dense ids as Taste ids.
     *
     * @param booleanPreferences whether to build a {@link GenericBooleanPrefDataModel} (presence only)
     *     instead of a {@link GenericDataModel} holding the weights
     */
    public static DataModel toDataModel(InteractionMatrix matrix, boolean booleanPreferences) {
        SparseMatrix rows = matrix.byCustomer();
        if (booleanPreferences) {
            FastByIDMap<FastIDSet> data = new FastByIDMap<>();
            for (int c = 0; c < rows.rows(); c++) {
                FastIDSet items = new FastIDSet();
                for (int p = rows.rowStart(c); p < rows.rowEnd(c); p++) {
                    if (rows.value(p) > 0) {
                        items.add(rows.column(p));
                    }
                }
                if (!items.isEmpty()) {
                    data.put(c, items);
                }
            }
            return new GenericBooleanPrefDataModel(data);
        }
        return preferenceModel(rows, (c, item, weight) -> weight);
    }
}
