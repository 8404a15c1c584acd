package dev.tailor.recommend.als;

/**
 * The objective after one ALS iteration.
 *
 * @param iteration 1-based iteration
 * @param loss {@code Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ (Σ‖x_u‖² + Σ‖y_i‖²)} over all pairs
 * @param seconds wall time of the iteration (both half-steps, not the loss)
 */
public record TrainingLoss(int iteration, double loss, double seconds) {
}
