package dev.tailor.fit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns body profiles into fixed-length vectors: each measurement standardized (clipped to ±4 standard
 * deviations, so a typo such as an age of 116 cannot dominate) plus a "missing" indicator, and each trait
 * value seen in training as a 0/1 column. Values unseen in training are ignored.
 */
final class ProfileEncoder {
    private static final double CLIP = 4.0;

    private final String[] measurements;
    private final double[] mean;
    private final double[] deviation;
    private final String[] traitKeys;

    private ProfileEncoder(String[] measurements, double[] mean, double[] deviation, String[] traitKeys) {
        this.measurements = measurements;
        this.mean = mean;
        this.deviation = deviation;
        this.traitKeys = traitKeys;
    }

    static ProfileEncoder fit(Collection<BodyProfile> profiles) {
        Map<String, double[]> moments = new TreeMap<>();
        TreeSet<String> traits = new TreeSet<>();
        for (BodyProfile p : profiles) {
            p.measurements().forEach((name, value) -> {
                double[] m = moments.computeIfAbsent(name, k -> new double[3]);
                m[0]++;
                m[1] += value;
                m[2] += value * value;
            });
            p.traits().forEach((name, value) -> traits.add(name + "=" + value));
        }
        String[] names = moments.keySet().toArray(String[]::new);
        double[] mean = new double[names.length];
        double[] deviation = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            double[] m = moments.get(names[j]);
            mean[j] = m[1] / m[0];
            double variance = m[2] / m[0] - mean[j] * mean[j];
            deviation[j] = variance > 1e-12 ? Math.sqrt(variance) : 1.0;
        }
        return new ProfileEncoder(names, mean, deviation, traits.toArray(String[]::new));
    }

    int length() {
        return 2 * measurements.length + traitKeys.length;
    }

    String[] names() {
        List<String> names = new ArrayList<>();
        for (String m : measurements) {
            names.add(m);
            names.add(m + " missing");
        }
        names.addAll(List.of(traitKeys));
        return names.toArray(String[]::new);
    }

    double[] encode(BodyProfile profile) {
        double[] x = new double[length()];
        for (int j = 0; j < measurements.length; j++) {
            Double value = profile.measurements().get(measurements[j]);
            if (value == null) {
                x[2 * j + 1] = 1;
            } else {
                x[2 * j] = Math.max(-CLIP, Math.min(CLIP, (value - mean[j]) / deviation[j]));
            }
        }
        for (Map.Entry<String, String> trait : profile.traits().entrySet()) {
            int t = Arrays.binarySearch(traitKeys, trait.getKey() + "=" + trait.getValue());
            if (t >= 0) {
                x[2 * measurements.length + t] = 1;
            }
        }
        return x;
    }

    /**
     * The discrete facts of an encoded profile, as int keys: each present measurement as its band (half a
     * standard deviation wide, 16 bands), each trait value as itself. Customers sharing a key share a build.
     */
    int[] keys(double[] encoded) {
        int m = measurements.length;
        int[] keys = new int[encoded.length];
        int n = 0;
        for (int j = 0; j < m; j++) {
            if (encoded[2 * j + 1] == 0) {
                int band = (int) Math.max(0, Math.min(15, Math.floor(encoded[2 * j] * 2) + 8));
                keys[n++] = j * 16 + band;
            }
        }
        for (int t = 0; t < traitKeys.length; t++) {
            if (encoded[2 * m + t] == 1) {
                keys[n++] = m * 16 + t;
            }
        }
        return Arrays.copyOf(keys, n);
    }

    /** One more than the largest key {@link #keys} can give. */
    int keyCount() {
        return measurements.length * 16 + traitKeys.length;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(measurements.length);
        for (int j = 0; j < measurements.length; j++) {
            out.writeUTF(measurements[j]);
            out.writeDouble(mean[j]);
            out.writeDouble(deviation[j]);
        }
        out.writeInt(traitKeys.length);
        for (String t : traitKeys) {
            out.writeUTF(t);
        }
    }

    static ProfileEncoder readFrom(DataInputStream in) throws IOException {
        int n = FitModelFormat.checkedLength(in.readInt(), 1 << 16, "profile measurements");
        String[] names = new String[n];
        double[] mean = new double[n];
        double[] deviation = new double[n];
        for (int j = 0; j < n; j++) {
            names[j] = in.readUTF();
            mean[j] = in.readDouble();
            deviation[j] = in.readDouble();
            if (!Double.isFinite(mean[j]) || !(deviation[j] > 0) || Double.isInfinite(deviation[j])) {
                throw new IOException("profile measurement '" + names[j] + "' has a bad mean or deviation");
            }
        }
        int t = FitModelFormat.checkedLength(in.readInt(), 1 << 20, "profile traits");
        String[] traits = new String[t];
        for (int j = 0; j < t; j++) {
            traits[j] = in.readUTF();
            if (j > 0 && traits[j].compareTo(traits[j - 1]) <= 0) {
                throw new IOException("profile traits are not sorted");
            }
        }
        return new ProfileEncoder(names, mean, deviation, traits);
    }
}
