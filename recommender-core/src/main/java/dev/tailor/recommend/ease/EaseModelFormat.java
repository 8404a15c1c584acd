package dev.tailor.recommend.ease;

import dev.tailor.io.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The registered file format of {@link EaseModel} ({@code "tailor.ease-model"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class EaseModelFormat implements ModelFormat<EaseModel> {
    /** For the service loader. */
    public EaseModelFormat() {
    }

    @Override
    public String name() {
        return EaseModel.FORMAT;
    }

    @Override
    public int version() {
        return EaseModel.VERSION;
    }

    @Override
    public Class<EaseModel> type() {
        return EaseModel.class;
    }

    @Override
    public void write(EaseModel model, DataOutputStream out) throws IOException {
        model.writeTo(out);
    }

    @Override
    public EaseModel read(DataInputStream in, int version) throws IOException {
        return EaseModel.readFrom(in);
    }
}
