package dev.tailor.configure;

import dev.tailor.io.AbstractModelFormat;

/** The registered file format of {@link SolutionSpace} ({@code "tailor.solution-space"}); see {@link dev.tailor.io.ModelRegistry}. */
final class SolutionSpaceFormat extends AbstractModelFormat<SolutionSpace> {
    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    SolutionSpaceFormat() {
        super(SolutionSpace.FORMAT, SolutionSpace.VERSION, SolutionSpace.class, SolutionSpace::writeTo, (in, version) -> SolutionSpace.readFrom(in));
    }
}
