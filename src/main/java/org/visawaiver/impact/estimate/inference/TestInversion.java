package org.visawaiver.impact.estimate.inference;

import java.util.function.DoubleUnaryOperator;

/**
 * A confidence set {r : p(r) > 1 - level} by inverting a bootstrap test: from the estimate, steps
 * out by doubling multiples of the standard error (from se/8) until p falls to 1 - level on each
 * side, then bisects to 1e-9 standard errors; the ends are breakpoints of the step function p. An
 * end that cannot be bracketed within 2^40 standard errors is infinite. Like fwildclusterboot, it
 * assumes the set is one interval (a set in pieces is reported by its outermost crossing found).
 */
final class TestInversion {
  private TestInversion() {}

  static double[] interval(double estimate, double se, DoubleUnaryOperator p, double level) {
    return new double[] {end(estimate, se, p, level, -1), end(estimate, se, p, level, 1)};
  }

  private static double end(double estimate, double se, DoubleUnaryOperator p, double level,
      int side) {
    double alpha = 1 - level;
    double scale = se > 0 ? se : Math.max(Math.abs(estimate), 1);
    double in = estimate;
    double out = Double.NaN;
    for (int m = -3; m <= 40; m++) {
      double r = estimate + side * scale * Math.pow(2, m);
      if (p.applyAsDouble(r) <= alpha) {
        out = r;
        break;
      }
      in = r;
    }
    if (Double.isNaN(out)) {
      return side * Double.POSITIVE_INFINITY;
    }
    for (int i = 0; i < 200 && Math.abs(out - in) > 1e-9 * scale; i++) {
      double mid = 0.5 * (in + out);
      if (p.applyAsDouble(mid) > alpha) {
        in = mid;
      } else {
        out = mid;
      }
    }
    return 0.5 * (in + out);
  }
}
