package dev.tailor.io;

import java.io.IOException;

/** A Tailor file was refused: missing, foreign, of a newer version, truncated or corrupt. */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message names the file and what is wrong with it. */
    public ModelFileException(String message) {
        super(message);
    }
}
