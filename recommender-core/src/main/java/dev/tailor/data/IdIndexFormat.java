package dev.tailor.data;

import dev.tailor.io.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The registered file format of {@link IdIndex} ({@code "tailor.id-index"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class IdIndexFormat implements ModelFormat<IdIndex> {
    /** For the service loader. */
    public IdIndexFormat() {
    }

    @Override
    public String name() {
        return IdIndex.FORMAT;
    }

    @Override
    public int version() {
        return IdIndex.VERSION;
    }

    @Override
    public Class<IdIndex> type() {
        return IdIndex.class;
    }

    @Override
    public void write(IdIndex model, DataOutputStream out) throws IOException {
        model.writeTo(out);
    }

    @Override
    public IdIndex read(DataInputStream in, int version) throws IOException {
        return IdIndex.readFrom(in);
    }
}
