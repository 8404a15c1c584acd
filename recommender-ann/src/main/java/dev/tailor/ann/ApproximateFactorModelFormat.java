package dev.tailor.ann;

import dev.tailor.io.AbstractModelFormat;
import dev.tailor.io.ModelRegistry;
import dev.tailor.recommend.als.FactorModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The registered file format of {@link ApproximateFactorModel} ({@code "tailor.approximate-factor-model"}): the exact
 * model as a part in its own format, then the geometry, degree, beam width and search width the graph is rebuilt with.
 */
public final class ApproximateFactorModelFormat extends AbstractModelFormat<ApproximateFactorModel> {
    /** For the service loader. */
    public ApproximateFactorModelFormat() {
        super("tailor.approximate-factor-model", 1, ApproximateFactorModel.class, ApproximateFactorModelFormat::writeModel,
                (in, version) -> readModel(in));
    }

    private static void writeModel(ApproximateFactorModel model, DataOutputStream out) throws IOException {
        ModelRegistry.writePart(model.exact(), out);
        out.writeUTF(model.geometry().name());
        out.writeInt(model.degree());
        out.writeInt(model.beamWidth());
        out.writeInt(model.searchWidth());
    }

    private static ApproximateFactorModel readModel(DataInputStream in) throws IOException {
        FactorModel exact = ModelRegistry.readPart(in, FactorModel.class);
        String geometry = in.readUTF();
        int degree = in.readInt();
        int beamWidth = in.readInt();
        int searchWidth = in.readInt();
        try {
            return ApproximateFactorModel.builder(exact).geometry(ApproximateFactorModel.Geometry.valueOf(geometry))
                    .degree(degree).beamWidth(beamWidth).searchWidth(searchWidth).build();
        } catch (IllegalArgumentException e) {
            throw new IOException("approximate factor model: " + e.getMessage(), e);
        }
    }
}
