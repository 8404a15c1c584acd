package dev.tailor.recommend.als;

import dev.tailor.io.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The registered file format of {@link FactorModel} ({@code "tailor.factor-model"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class FactorModelFormat implements ModelFormat<FactorModel> {
    /** For the service loader. */
    public FactorModelFormat() {
    }

    @Override
    public String name() {
        return FactorModel.FORMAT;
    }

    @Override
    public int version() {
        return FactorModel.VERSION;
    }

    @Override
    public Class<FactorModel> type() {
        return FactorModel.class;
    }

    @Override
    public void write(FactorModel model, DataOutputStream out) throws IOException {
        model.writeTo(out);
    }

    @Override
    public FactorModel read(DataInputStream in, int version) throws IOException {
        return FactorModel.readFrom(in);
    }
}
