package dev.tailor.value;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maximizes a log-likelihood over positive parameters with Hipparchus' Nelder-Mead simplex, searching
 * over their logarithms within [e⁻¹⁵, e¹⁵] (so every trial point is valid and none runs off to infinity),
 * and restarting from the optimum until the log-likelihood stops improving, which guards against the
 * simplex stalling.
 *
 * <p>Data the model does not fit can push the optimum to a bound (for example no evidence of drop-out):
 * the search then stops at its evaluation budget (or after 15 s) and returns the best point it found, with
 * a warning in the log naming the parameters at the bound, never NaN.
 */
final class MaximumLikelihood {
    private static final Logger LOG = LoggerFactory.getLogger(MaximumLikelihood.class);
    private static final double LOG_BOUND = 15;
    /** The smallest and largest parameter a fit can return (e^±15): a saved model's parameters lie within them. */
    static final double MIN_PARAMETER = Math.exp(-LOG_BOUND);
    static final double MAX_PARAMETER = Math.exp(LOG_BOUND);
    private static final int EVALUATIONS_PER_RUN = 4_000;
    private static final long BUDGET_NANOS = 15_000_000_000L;

    /** Thrown by the objective when the time budget is spent; ends the search with the best point found. */
    private static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super(null, null, false, false);
        }
    }

    private MaximumLikelihood() {
    }

    /**
     * @param logLikelihood of the parameters (not their logs); may return NaN or -inf where undefined
     * @param names parameter names, for the warning
     * @return the parameters and, last, the maximal log-likelihood
     * @throws IllegalStateException if no finite log-likelihood was found
     */
    static double[] maximize(ToDoubleFunction<double[]> logLikelihood, double[] start, String... names) {
        return maximize(logLikelihood, start, java.util.Map.of(), names);
    }

    /**
     * {@link #maximize(ToDoubleFunction, double[], String...)} for a model with meaningful limits: when the only
     * parameters at a bound are these, at the named side, the data sit at that limit (BG/NBD's b → ∞ or a → 0: no one
     * drops out) — a result, said at INFO with its meaning, not a failed fit.
     *
     * @param upperLimits "name high" or "name low" → what that bound means
     */
    static double[] maximize(ToDoubleFunction<double[]> logLikelihood, double[] start, java.util.Map<String, String> upperLimits,
            String... names) {
        int dimension = start.length;
        double[] bestPoint = new double[dimension];
        double[] bestValue = {Double.NEGATIVE_INFINITY};
        long deadline = System.nanoTime() + BUDGET_NANOS;
        ObjectiveFunction objective = new ObjectiveFunction(logParams -> {
            if (System.nanoTime() > deadline) {
                throw new OutOfTime();
            }
            double[] params = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                if (Math.abs(logParams[d]) > LOG_BOUND) {
                    return -1e300;
                }
                params[d] = Math.exp(logParams[d]);
            }
            double value = logLikelihood.applyAsDouble(params);
            if (!Double.isFinite(value)) {
                return -1e300;
            }
            if (value > bestValue[0]) {
                bestValue[0] = value;
                System.arraycopy(logParams, 0, bestPoint, 0, dimension);
            }
            return value;
        });
        double[] point = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            point[d] = Math.log(start[d]);
        }
        double previous = Double.NEGATIVE_INFINITY;
        boolean exhausted = false;
        for (int restart = 0; restart < 10; restart++) {
            try {
                PointValuePair result = new SimplexOptimizer(1e-13, 1e-13).optimize(new MaxEval(EVALUATIONS_PER_RUN),
                        objective, GoalType.MAXIMIZE, new InitialGuess(point),
                        new NelderMeadSimplex(dimension, restart == 0 ? 0.5 : 0.05));
                point = result.getPoint();
            } catch (MathIllegalStateException | OutOfTime budgetSpent) {
                exhausted = true;
                break;
            }
            if (bestValue[0] <= previous + 1e-9) {
                break;
            }
            previous = bestValue[0];
            point = bestPoint.clone();
        }
        if (!(bestValue[0] > Double.NEGATIVE_INFINITY)) {
            throw new dev.tailor.data.UnsuitableDataException("no parameters with a finite log-likelihood were found");
        }
        double[] out = new double[dimension + 1];
        StringBuilder atBound = new StringBuilder();
        java.util.List<String> limits = new java.util.ArrayList<>();
        boolean onlyLimits = true;
        for (int d = 0; d < dimension; d++) {
            out[d] = Math.exp(bestPoint[d]);
            if (Math.abs(bestPoint[d]) > LOG_BOUND - 1) {
                String name = names.length > d ? names[d] : "parameter " + d;
                atBound.append(name).append(" = ").append(out[d]).append(' ');
                String side = name + (bestPoint[d] > 0 ? " high" : " low");
                if (upperLimits.containsKey(side)) {
                    limits.add(name + " at its " + (bestPoint[d] > 0 ? "upper" : "lower") + " bound: " + upperLimits.get(side));
                } else {
                    onlyLimits = false;
                }
            }
        }
        out[dimension] = bestValue[0];
        if (!limits.isEmpty() && onlyLimits) {
            // The likelihood still rises slowly towards the limit, which is why the search ran to its bound.
            LOG.info("the maximum-likelihood fit reached a limit of the model ({}); parameters {}", String.join("; ", limits),
                    Arrays.toString(Arrays.copyOf(out, dimension)));
        } else if (exhausted || atBound.length() > 0) {
            LOG.warn("the maximum-likelihood search did not converge inside its bounds ({}): the data do not identify "
                    + "the model well; returning the best parameters found {}", atBound.toString().strip(),
                    Arrays.toString(Arrays.copyOf(out, dimension)));
        }
        return out;
    }
}
