package dev.tailor.value;

import java.util.function.ToDoubleFunction;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximizes a log-likelihood over positive parameters with Hipparchus' Nelder-Mead simplex, searching
 * over their logarithms (so every trial point is valid) and restarting from the optimum until the
 * log-likelihood stops improving, which guards against the simplex stalling.
 */
final class MaximumLikelihood {
    private MaximumLikelihood() {
    }

    /**
     * @param logLikelihood of the parameters (not their logs); may return NaN or -inf where undefined
     * @return the parameters and, last, the maximal log-likelihood
     * @throws IllegalStateException if no finite log-likelihood was found
     */
    static double[] maximize(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        int dimension = start.length;
        ObjectiveFunction objective = new ObjectiveFunction(logParams -> {
            double[] params = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                params[d] = Math.exp(logParams[d]);
            }
            double value = logLikelihood.applyAsDouble(params);
            return Double.isFinite(value) ? value : -1e300;
        });
        double[] point = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            point[d] = Math.log(start[d]);
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int restart = 0; restart < 10; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-13, 1e-13);
            PointValuePair result = optimizer.optimize(new MaxEval(20_000), objective, GoalType.MAXIMIZE,
                    new InitialGuess(point), new NelderMeadSimplex(dimension, restart == 0 ? 0.5 : 0.05));
            double value = result.getValue();
            point = result.getPoint();
            if (value <= best + 1e-9) {
                best = Math.max(best, value);
                break;
            }
            best = value;
        }
        if (!(best > -1e299)) {
            throw new IllegalStateException("no parameters with a finite log-likelihood were found");
        }
        double[] out = new double[dimension + 1];
        for (int d = 0; d < dimension; d++) {
            out[d] = Math.exp(point[d]);
        }
        out[dimension] = best;
        return out;
    }
}
