package dev.tailor.replenish;

/** What a cycle is learned for. */
public enum Level {
    /** Each item on its own (the same running shoe again). */
    ITEM,
    /** Each catalog category (any running shoe); items outside the catalog are left out. */
    CATEGORY
}
