package dev.tailor.value;

import dev.tailor.io.AbstractModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The registered file format of fitted Gamma-Gamma spend models ({@code "tailor.spend-model"}): p, q, γ,
 * the number of customers fitted on and left out, and the log-likelihood.
 */
public final class SpendModelFormat extends AbstractModelFormat<GammaGamma.Parameters> {
    static final String FORMAT = "tailor.spend-model";
    static final int VERSION = 1;

    /** For the service loader. */
    public SpendModelFormat() {
        super(FORMAT, VERSION, GammaGamma.Parameters.class, SpendModelFormat::writeModel, (in, version) -> readModel(in));
    }

    private static void writeModel(GammaGamma.Parameters p, DataOutputStream out) throws IOException {
        ValueModelFormat.writeAll(out, p.p(), p.q(), p.gamma());
        out.writeInt(p.fittedOn());
        out.writeInt(p.leftOut());
        out.writeDouble(p.logLikelihood());
    }

    private static GammaGamma.Parameters readModel(DataInputStream in) throws IOException {
        double[] v = ValueModelFormat.readPositive(in, 3, "Gamma-Gamma");
        int fittedOn = in.readInt();
        int leftOut = in.readInt();
        if (fittedOn < 2 || leftOut < 0) {
            throw new IOException("Gamma-Gamma: fitted on " + fittedOn + " customers with " + leftOut + " left out");
        }
        return new GammaGamma.Parameters(v[0], v[1], v[2], fittedOn, leftOut, ValueModelFormat.readFinite(in, "Gamma-Gamma"));
    }
}
