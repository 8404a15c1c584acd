package dev.tailor.internal;

/**
 * Damped Newton's method for smooth convex losses of a few dozen parameters (the project's regressions): a step
 * that does not lower the loss is halved, from the last point that did, until it does.
 */
public final class NewtonMinimizer {
    private NewtonMinimizer() {
    }

    /** A loss with its derivatives. */
    @FunctionalInterface
    public interface Objective {
        /**
         * The loss at {@code point}, filling {@code descent} with minus its gradient and {@code hessian} (row-major,
         * both triangles) with its Hessian; both arrive zeroed.
         */
        double evaluate(double[] point, double[] descent, double[] hessian);
    }

    /**
     * Minimizes from {@code start} until the loss improves by less than {@code tolerance} relative to itself, at most
     * {@code maxIterations} evaluations; returns the best point found.
     */
    public static double[] minimize(Objective objective, double[] start, double tolerance, int maxIterations) {
        int d = start.length;
        double[] point = start.clone();
        double[] good = start.clone();
        double[] lastStep = new double[d];
        double goodLoss = Double.POSITIVE_INFINITY;
        double fraction = 1;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] descent = new double[d];
            double[] hessian = new double[d * d];
            double loss = objective.evaluate(point, descent, hessian);
            if (!(loss < goodLoss)) {
                fraction /= 2;
                if (fraction < 1e-4) {
                    return good;
                }
                for (int j = 0; j < d; j++) {
                    point[j] = good[j] + fraction * lastStep[j];
                }
                continue;
            }
            boolean converged = goodLoss - loss < tolerance * Math.abs(loss);
            good = point.clone();
            goodLoss = loss;
            if (converged) {
                break;
            }
            double[] step = DenseSolve.positiveDefinite(hessian, descent, d);
            if (step == null) {
                break;
            }
            lastStep = step;
            fraction = 1;
            for (int j = 0; j < d; j++) {
                point[j] = good[j] + step[j];
            }
        }
        return good;
    }
}
