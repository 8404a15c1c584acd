package dev.tailor.configure;

import dev.tailor.internal.ArrayCodec;
import dev.tailor.io.AbstractModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered file format of the built-in {@link CompletionModel}s ({@code "tailor.completion-model"}):
 * the method and its settings, and the product's distinct configurations with their summed sales. Loading
 * rebuilds the model from exactly what training read, so it gives the same probabilities.
 */
final class CompletionModelFormat extends AbstractModelFormat<CompletionModel> {
    static final String FORMAT = "tailor.completion-model";
    static final int VERSION = 1;
    private static final int MAX_VARIABLES = 1 << 16;

    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    CompletionModelFormat() {
        super(FORMAT, VERSION, CompletionModel.class, CompletionModelFormat::writeModel, (in, version) -> readModel(in));
    }

    private static void writeModel(CompletionModel model, DataOutputStream out) throws IOException {
        if (!(model instanceof EncodedModel encoded)) {
            throw new IllegalArgumentException("only Tailor's own completion models can be saved, not a "
                    + model.getClass().getName());
        }
        EncodedHistory data = encoded.data;
        out.writeUTF(kind(encoded.method));
        ArrayCodec.writeDoubles(parameters(encoded.method), out);
        out.writeUTF(data.product);
        out.writeInt(data.columns);
        for (String variable : data.variables) {
            out.writeUTF(variable);
        }
        out.writeInt(data.size());
        for (int r = 0; r < data.size(); r++) {
            int[] codes = new int[data.columns];
            for (int c = 0; c < data.columns; c++) {
                codes[c] = data.values[c][data.rows[r][c]];
            }
            ArrayCodec.writeInts(codes, out);
        }
        ArrayCodec.writeDoubles(data.weights, out);
    }

    private static CompletionModel readModel(DataInputStream in) throws IOException {
        String kind = in.readUTF();
        double[] parameters = ArrayCodec.readDoubles(in, 8);
        CompletionMethod method;
        try {
            method = method(kind, parameters);
        } catch (IllegalArgumentException e) {
            throw new IOException("completion model: " + e.getMessage(), e);
        }
        String product = in.readUTF();
        int columns = in.readInt();
        if (columns < 1 || columns > MAX_VARIABLES) {
            throw new IOException("completion model: " + columns + " variables");
        }
        ArrayCodec.requireBytes(in, 2L * columns, columns + " variable names");
        List<String> variables = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            variables.add(in.readUTF());
        }
        int rows = in.readInt();
        if (rows < 1) {
            throw new IOException("completion model: " + rows + " configurations");
        }
        ArrayCodec.requireBytes(in, (4L + 4L * columns) * rows, rows + " configurations");
        int[][] codes = new int[rows][];
        for (int r = 0; r < rows; r++) {
            codes[r] = ArrayCodec.readInts(in, columns);
            if (codes[r].length != columns) {
                throw new IOException("completion model: configuration " + r + " has " + codes[r].length + " values for "
                        + columns + " variables");
            }
        }
        double[] weights = ArrayCodec.readDoubles(in, rows);
        if (weights.length != rows) {
            throw new IOException("completion model: " + weights.length + " weights for " + rows + " configurations");
        }
        for (double weight : weights) {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IOException("completion model: a configuration's sales are not a positive number: " + weight);
            }
        }
        return fit(method, new EncodedHistory(product, variables, codes, weights));
    }

    private static String kind(CompletionMethod method) {
        if (method instanceof ConditionalFrequencies) {
            return "conditional-frequencies";
        } else if (method instanceof NaiveBayes) {
            return "naive-bayes";
        } else if (method instanceof ChowLiuTree) {
            return "chow-liu-tree";
        } else if (method instanceof NearestConfigurations) {
            return "nearest-configurations";
        }
        throw new IllegalArgumentException("no file format for completion method " + method.getClass().getName());
    }

    private static double[] parameters(CompletionMethod method) {
        if (method instanceof ConditionalFrequencies m) {
            return m.parameters();
        } else if (method instanceof NaiveBayes m) {
            return m.parameters();
        } else if (method instanceof ChowLiuTree m) {
            return m.parameters();
        }
        return ((NearestConfigurations) method).parameters();
    }

    private static CompletionMethod method(String kind, double[] p) throws IOException {
        int expected = kind.equals("conditional-frequencies") || kind.equals("nearest-configurations") ? 2 : 1;
        if (p.length != expected) {
            throw new IOException("completion model: " + p.length + " settings for " + kind);
        }
        return switch (kind) {
            case "conditional-frequencies" -> new ConditionalFrequencies(p[0], p[1]);
            case "naive-bayes" -> new NaiveBayes(p[0]);
            case "chow-liu-tree" -> new ChowLiuTree(p[0]);
            case "nearest-configurations" -> new NearestConfigurations(p[0], p[1]);
            default -> throw new IOException("completion model: unknown method '" + kind + "'");
        };
    }

    private static CompletionModel fit(CompletionMethod method, EncodedHistory data) {
        if (method instanceof ConditionalFrequencies m) {
            return m.fit(data);
        } else if (method instanceof NaiveBayes m) {
            return m.fit(data);
        } else if (method instanceof ChowLiuTree m) {
            return m.fit(data);
        }
        return ((NearestConfigurations) method).fit(data);
    }
}
