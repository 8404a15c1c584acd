/**
 * Replenishment: who rebuys what, on which personal cycle, and who is due for what, when.
 * {@link dev.tailor.replenish.Replenishment} fits a {@link dev.tailor.replenish.ReplenishmentModel}
 * from purchases; the model forecasts each customer's next purchase of an item or category as a
 * distribution and turns forecasts into ranked {@link dev.tailor.replenish.Reminder}s.
 */
package dev.tailor.replenish;
