package org.visawaiver.impact.scenario.transfer;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * DerSimonian-Laird random-effects summary of k estimates {@code y_k} with sampling variances
 * {@code v_k} (DerSimonian and Laird 1986; Higgins, Thompson and Spiegelhalter 2009 for the
 * predictive interval). Analytic, from the point estimates and variances; immutable.
 *
 * <pre>
 *   w_k   = 1 / v_k                                  fixed-effect weights
 *   ybar  = sum w_k y_k / sum w_k
 *   Q     = sum w_k (y_k - ybar)^2                   Cochran's Q, df = k - 1
 *   tau2  = max(0, (Q - df) / (S1 - S2 / S1))        S1 = sum w_k, S2 = sum w_k^2
 *   w*_k  = 1 / (v_k + tau2)                         random-effects weights
 *   mu    = sum w*_k y_k / sum w*_k,   se_mu = 1 / sqrt(sum w*_k)
 *   I2    = max(0, (Q - df) / Q) x 100
 *   new destination: theta_new ~ N(mu, se_mu^2 + tau2)
 * </pre>
 *
 * @param estimates the y_k
 * @param variances the v_k (all positive)
 * @param q Cochran's Q
 * @param tau2 the between-destination variance (DerSimonian-Laird moment estimator)
 * @param weights the normalised random-effects weights w*_k / sum w*_k (sum to 1)
 * @param mu the random-effects mean
 * @param seMu its standard error, 1 / sqrt(sum w*_k)
 */
public record RandomEffectsSummary(
    double[] estimates, double[] variances, double q, double tau2, double[] weights, double mu, double seMu) {
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  public RandomEffectsSummary {
    estimates = estimates.clone();
    variances = variances.clone();
    weights = weights.clone();
  }

  /**
   * The summary of {@code estimates} with sampling {@code variances}.
   *
   * @throws IllegalArgumentException when fewer than two estimates, lengths differ, or a variance
   *     is not positive and finite (the message names the position)
   */
  public static RandomEffectsSummary derSimonianLaird(double[] estimates, double[] variances) {
    int k = estimates.length;
    if (k < 2 || variances.length != k) {
      throw new IllegalArgumentException("a random-effects summary needs at least two estimates with one"
          + " variance each; found " + k + " estimates and " + variances.length + " variances");
    }
    double s1 = 0;
    double s2 = 0;
    double sy = 0;
    for (int i = 0; i < k; i++) {
      if (!(variances[i] > 0) || !Double.isFinite(variances[i]) || !Double.isFinite(estimates[i])) {
        throw new IllegalArgumentException("estimate " + i + " = " + estimates[i] + " with variance " + variances[i]
            + ": a random-effects summary needs finite estimates and positive, finite variances");
      }
      double w = 1 / variances[i];
      s1 += w;
      s2 += w * w;
      sy += w * estimates[i];
    }
    double fixedMean = sy / s1;
    double q = 0;
    for (int i = 0; i < k; i++) {
      double e = estimates[i] - fixedMean;
      q += e * e / variances[i];
    }
    double tau2 = Math.max(0, (q - (k - 1)) / (s1 - s2 / s1));
    double[] w = new double[k];
    double total = 0;
    double weighted = 0;
    for (int i = 0; i < k; i++) {
      w[i] = 1 / (variances[i] + tau2);
      total += w[i];
      weighted += w[i] * estimates[i];
    }
    for (int i = 0; i < k; i++) {
      w[i] /= total;
    }
    return new RandomEffectsSummary(estimates, variances, q, tau2, w, weighted / total, Math.sqrt(1 / total));
  }

  /** Degrees of freedom of Q: k - 1. */
  public int qDf() {
    return estimates.length - 1;
  }

  /** P(chi2(k - 1) >= Q): the test that the k effects are equal. */
  public double qPValue() {
    // the regularized upper incomplete gamma keeps precision where 1 - cdf would round to 0
    return Gamma.regularizedGammaQ(qDf() / 2.0, q / 2.0);
  }

  /** Share of the variation due to heterogeneity: max(0, (Q - df) / Q) x 100. */
  public double i2Pct() {
    return q > qDf() ? 100 * (q - qDf()) / q : 0;
  }

  /** Standard deviation of a new destination's effect: sqrt(se_mu^2 + tau2). */
  public double predictiveSd() {
    return Math.sqrt(seMu * seMu + tau2);
  }

  /** Quantile of the predictive normal N(mu, se_mu^2 + tau2) at probability p. */
  public double predictiveQuantile(double p) {
    return mu + predictiveSd() * STANDARD_NORMAL.inverseCumulativeProbability(p);
  }

  @Override
  public double[] estimates() {
    return estimates.clone();
  }

  @Override
  public double[] variances() {
    return variances.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }
}
