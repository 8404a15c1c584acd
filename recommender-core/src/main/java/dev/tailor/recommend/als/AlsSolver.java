package dev.tailor.recommend.als;

/** How each customer's (and item's) least-squares system is solved in an ALS half-step. */
public enum AlsSolver {
    /**
     * A few conjugate-gradient steps warm-started from the previous factors (Takács, Pilászy &amp; Tikk,
     * "Applications of the conjugate gradient method for implicit feedback collaborative filtering",
     * RecSys 2011): O(n·k + k²) per row instead of O(n·k² + k³).
     */
    CONJUGATE_GRADIENT,
    /** The exact solution by Cholesky decomposition (ojalgo), O(n·k² + k³) per row. */
    CHOLESKY
}
