package org.visawaiver.impact.scenario.forecast;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Minimises a smooth function in a box with commons-math3's BOBYQA (derivative-free, bounded).
 * Keeps the best point seen, so that an evaluation limit returns that point instead of failing.
 */
final class BoundedMinimizer {
  static final int MAX_EVALUATIONS = 2000;
  static final double INITIAL_RADIUS = 0.05;
  static final double STOPPING_RADIUS = 1e-6;

  private BoundedMinimizer() {}

  static double[] minimize(
      ToDoubleFunction<double[]> objective, double[] start, double[] lower, double[] upper) {
    double[] best = start.clone();
    double[] bestValue = {objective.applyAsDouble(start)};
    ObjectiveFunction tracked =
        new ObjectiveFunction(
            p -> {
              double v = objective.applyAsDouble(p);
              if (Double.isNaN(v)) {
                return Double.MAX_VALUE;
              }
              if (v < bestValue[0]) {
                bestValue[0] = v;
                System.arraycopy(p, 0, best, 0, p.length);
              }
              return v;
            });
    BOBYQAOptimizer optimizer =
        new BOBYQAOptimizer(2 * start.length + 1, INITIAL_RADIUS, STOPPING_RADIUS);
    try {
      optimizer.optimize(
          new MaxEval(MAX_EVALUATIONS),
          tracked,
          GoalType.MINIMIZE,
          new InitialGuess(start),
          new SimpleBounds(lower, upper));
    } catch (TooManyEvaluationsException e) {
      // keep the best point seen so far
    }
    return best;
  }
}
