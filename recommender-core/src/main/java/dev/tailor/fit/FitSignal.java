package dev.tailor.fit;

/**
 * The evidence a fit model may use. The full model uses all; a subset gives the baselines and the
 * ablations of {@link FitEvaluation} (none at all is the class prior).
 */
public enum FitSignal {
    /** How each size of the item fitted others: smoothed counts, backed off to the item, the category's size and the category. */
    ITEM_SIZE,
    /** How the customer reports fit (in this category, then overall): some say "small" more than others. */
    CUSTOMER,
    /** What the item was rented or bought for (a wedding gown is judged more strictly than a work dress). */
    OCCASION,
    /**
     * Latent true sizes: the customer's size (per category, from her feedback, else predicted from her body
     * profile) against the size the item runs at; one-dimensional, as in Sembium et al. (RecSys 2017).
     */
    TRUE_SIZE,
    /**
     * How customers of her build — body type, cup, and bands of bust, height, weight and age from the body
     * profile — found this item, against everyone who rented it ("runs small in the bust").
     */
    BODY
}
