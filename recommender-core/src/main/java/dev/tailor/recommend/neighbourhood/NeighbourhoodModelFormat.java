package dev.tailor.recommend.neighbourhood;

import dev.tailor.io.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The registered file format of {@link NeighbourhoodModel} ({@code "tailor.neighbourhood-model"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class NeighbourhoodModelFormat implements ModelFormat<NeighbourhoodModel> {
    /** For the service loader. */
    public NeighbourhoodModelFormat() {
    }

    @Override
    public String name() {
        return NeighbourhoodModel.FORMAT;
    }

    @Override
    public int version() {
        return NeighbourhoodModel.VERSION;
    }

    @Override
    public Class<NeighbourhoodModel> type() {
        return NeighbourhoodModel.class;
    }

    @Override
    public void write(NeighbourhoodModel model, DataOutputStream out) throws IOException {
        model.writeTo(out);
    }

    @Override
    public NeighbourhoodModel read(DataInputStream in, int version) throws IOException {
        return NeighbourhoodModel.readFrom(in);
    }
}
