package dev.tailor.configure;

import dev.tailor.io.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The registered file format of {@link SolutionSpace} ({@code "tailor.solution-space"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class SolutionSpaceFormat implements ModelFormat<SolutionSpace> {
    /** For the service loader. */
    public SolutionSpaceFormat() {
    }

    @Override
    public String name() {
        return SolutionSpace.FORMAT;
    }

    @Override
    public int version() {
        return SolutionSpace.VERSION;
    }

    @Override
    public Class<SolutionSpace> type() {
        return SolutionSpace.class;
    }

    @Override
    public void write(SolutionSpace model, DataOutputStream out) throws IOException {
        model.writeTo(out);
    }

    @Override
    public SolutionSpace read(DataInputStream in, int version) throws IOException {
        return SolutionSpace.readFrom(in);
    }
}
