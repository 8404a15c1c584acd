package dev.tailor.configure;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link SolutionSpace} ({@code "tailor.solution-space"}); see {@link dev.tailor.io.ModelRegistry}. */
public final class SolutionSpaceFormat extends AbstractModelFormat<SolutionSpace> {
    /** For the service loader. */
    public SolutionSpaceFormat() {
        super(SolutionSpace.FORMAT, SolutionSpace.VERSION, SolutionSpace.class, SolutionSpace::writeTo, (in, version) -> SolutionSpace.readFrom(in));
    }
}
