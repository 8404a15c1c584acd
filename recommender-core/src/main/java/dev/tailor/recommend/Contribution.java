package dev.tailor.recommend;

/**
 * One reason an item was recommended: an item of the customer's history and how much it added.
 *
 * @param historyItem dense id of the customer's item
 * @param weight the customer's weight for that item
 * @param similarity the similarity of that item to the recommended one
 * @param contribution weight × similarity, the share of the score it explains
 */
public record Contribution(int historyItem, float weight, float similarity, float contribution) {
}
