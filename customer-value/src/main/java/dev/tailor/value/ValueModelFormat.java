package dev.tailor.value;

import dev.tailor.io.AbstractModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The registered file format of fitted repeat-buying models ({@code "tailor.repeat-buying-model"}): BG/NBD
 * or Pareto/NBD, by name, with their four parameters and log-likelihood. A loaded model forecasts exactly
 * as the saved one. Gamma-Gamma spend models have their own format ({@link SpendModelFormat}).
 */
public final class ValueModelFormat extends AbstractModelFormat<RepeatBuyingModel> {
    static final String FORMAT = "tailor.repeat-buying-model";
    static final int VERSION = 1;

    /** For the service loader. */
    public ValueModelFormat() {
        super(FORMAT, VERSION, RepeatBuyingModel.class, ValueModelFormat::writeModel, (in, version) -> readModel(in));
    }

    private static void writeModel(RepeatBuyingModel model, DataOutputStream out) throws IOException {
        if (model instanceof BgNbd.Parameters p) {
            out.writeUTF("bg-nbd");
            writeAll(out, p.r(), p.alpha(), p.a(), p.b(), p.logLikelihood());
        } else if (model instanceof ParetoNbd.Parameters p) {
            out.writeUTF("pareto-nbd");
            writeAll(out, p.r(), p.alpha(), p.s(), p.beta(), p.logLikelihood());
        } else {
            throw new IllegalArgumentException("no file format for repeat-buying model " + model.getClass().getName());
        }
    }

    private static RepeatBuyingModel readModel(DataInputStream in) throws IOException {
        String kind = in.readUTF();
        double[] v = readPositive(in, 4, kind);
        double logLikelihood = readFinite(in, kind);
        return switch (kind) {
            case "bg-nbd" -> {
                if (!(v[2] + v[3] >= BgNbd.MIN_A_PLUS_B)) {
                    throw new IOException("bg-nbd: a + b = " + (v[2] + v[3]) + ", below the " + BgNbd.MIN_A_PLUS_B
                            + " its expectations need");
                }
                yield new BgNbd.Parameters(v[0], v[1], v[2], v[3], logLikelihood);
            }
            case "pareto-nbd" -> new ParetoNbd.Parameters(v[0], v[1], v[2], v[3], logLikelihood);
            default -> throw new IOException("repeat-buying model: unknown kind '" + kind + "'");
        };
    }

    static void writeAll(DataOutputStream out, double... values) throws IOException {
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    /** Reads parameters that every model here needs positive, finite and within what a fit returns. */
    static double[] readPositive(DataInputStream in, int count, String model) throws IOException {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
            // A fit returns parameters within [e^-15, e^15]; outside them the formulas overflow or lose every digit.
            if (!(values[i] >= MaximumLikelihood.MIN_PARAMETER * (1 - 1e-12)
                    && values[i] <= MaximumLikelihood.MAX_PARAMETER * (1 + 1e-12))) {
                throw new IOException(model + ": parameter " + (i + 1) + " is " + values[i] + ", outside the range a fit"
                        + " returns [" + MaximumLikelihood.MIN_PARAMETER + ", " + MaximumLikelihood.MAX_PARAMETER + "]");
            }
        }
        return values;
    }

    static double readFinite(DataInputStream in, String model) throws IOException {
        double value = in.readDouble();
        if (!Double.isFinite(value)) {
            throw new IOException(model + ": the log-likelihood is not finite: " + value);
        }
        return value;
    }
}
