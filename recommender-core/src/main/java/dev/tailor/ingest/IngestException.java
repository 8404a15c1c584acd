package dev.tailor.ingest;

import java.util.Objects;

/**
 * A source could not be read: the message names the source, line, column, raw value and what was
 * expected. Unchecked, because a caller cannot do more than report it.
 */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final IngestProblem problem;
    private final boolean lineOnly;

    /** An exception for the given problem; its message is {@link IngestProblem#message()}. */
    public IngestException(IngestProblem problem) {
        this(problem, false);
    }

    /**
     * An exception about a problem; {@code lineOnly} says the reader consumed the bad line whole, so a
     * lenient caller may skip it and go on.
     */
    public IngestException(IngestProblem problem, boolean lineOnly) {
        super(problem.message());
        this.problem = Objects.requireNonNull(problem, "problem");
        this.lineOnly = lineOnly;
    }

    /** The same, with the low-level cause (an I/O or parse exception). */
    public IngestException(IngestProblem problem, Throwable cause) {
        super(problem.message(), cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.lineOnly = false;
    }

    /** Whether only one line was bad and the source can be read on after it. */
    public boolean lineOnly() {
        return lineOnly;
    }

    /** Where and what. */
    public IngestProblem problem() {
        return problem;
    }
}
