package dev.tailor.data;

/**
 * The data cannot support what was asked of it — an empty log, a system that the data leave singular, a
 * constraint model no configuration satisfies — as opposed to a wrong argument or a bug. A subclass of
 * {@link IllegalStateException}, so callers that catch that still do; the command line reports it as bad
 * data (exit code 1) while any other {@code IllegalStateException} is treated as the bug it is.
 */
public class UnsuitableDataException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what the data lack. */
    public UnsuitableDataException(String message) {
        super(message);
    }
}
