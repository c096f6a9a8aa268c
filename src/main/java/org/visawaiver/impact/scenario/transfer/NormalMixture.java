package org.visawaiver.impact.scenario.transfer;

import org.apache.commons.math3.special.Erf;

/**
 * A finite mixture of normals {@code sum_j p_j N(m_j, s_j^2)}: the posterior predictive of a new
 * destination's effect as a mixture over a grid of tau values ({@link TauPosterior}). Immutable.
 */
public final class NormalMixture {
  private final double[] prob;
  private final double[] mean;
  private final double[] sd;

  /** Components with probabilities {@code prob} (summing to 1), means and standard deviations. */
  NormalMixture(double[] prob, double[] mean, double[] sd) {
    this.prob = prob.clone();
    this.mean = mean.clone();
    this.sd = sd.clone();
  }

  /** P(X <= x). A component with sd 0 is a point mass. */
  public double cdf(double x) {
    double c = 0;
    for (int j = 0; j < prob.length; j++) {
      if (prob[j] == 0) {
        continue;
      }
      c += prob[j] * (sd[j] > 0 ? 0.5 * Erf.erfc((mean[j] - x) / (sd[j] * Math.sqrt(2))) : (x >= mean[j] ? 1 : 0));
    }
    return c;
  }

  /** The mixture mean. */
  public double mean() {
    double m = 0;
    for (int j = 0; j < prob.length; j++) {
      m += prob[j] * mean[j];
    }
    return m;
  }

  /** The mixture standard deviation (law of total variance). */
  public double sd() {
    double m = mean();
    double v = 0;
    for (int j = 0; j < prob.length; j++) {
      double e = mean[j] - m;
      v += prob[j] * (sd[j] * sd[j] + e * e);
    }
    return Math.sqrt(v);
  }

  /** The p-quantile (0 < p < 1), by bisection on the cdf to 1e-12 in x. */
  public double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("a quantile needs 0 < p < 1; got " + p);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < prob.length; j++) {
      lo = Math.min(lo, mean[j] - 40 * sd[j]);
      hi = Math.max(hi, mean[j] + 40 * sd[j]);
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = 0.5 * (lo + hi);
      if (cdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
