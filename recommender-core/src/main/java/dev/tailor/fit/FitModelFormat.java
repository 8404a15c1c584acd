package dev.tailor.fit;

import dev.tailor.io.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The registered file format of {@link FitModel} ({@code "tailor.fit-model"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class FitModelFormat implements ModelFormat<FitModel> {
    /** For the service loader. */
    public FitModelFormat() {
    }

    @Override
    public String name() {
        return FitModel.FORMAT;
    }

    @Override
    public int version() {
        return FitModel.VERSION;
    }

    @Override
    public Class<FitModel> type() {
        return FitModel.class;
    }

    @Override
    public void write(FitModel model, DataOutputStream out) throws IOException {
        model.writeTo(out);
    }

    @Override
    public FitModel read(DataInputStream in, int version) throws IOException {
        return FitModel.readFrom(in);
    }
}
