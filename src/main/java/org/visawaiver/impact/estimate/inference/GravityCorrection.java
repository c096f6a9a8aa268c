package org.visawaiver.impact.estimate.inference;

import org.visawaiver.impact.estimate.spec.Gravity;

/**
 * The Weidner-Zylkin (2021) corrections of one PPML fit, aligned with its kept terms. Immutable.
 *
 * @param gravity the columns used as i, j, t
 * @param bias analytical bias of each estimate, to subtract (NaN for a two-way model, whose
 *     estimates are consistent without correction)
 * @param vcov the bias-corrected pair-clustered variance
 * @param pairs clusters (origin-destination pairs) G, whose G/(G - 1) is applied
 * @param origins origins N_i with observations
 * @param destinations destinations N_j with observations
 * @param jackknife leave-one-pair-out jackknife variance (CV3, centred) with the fixed effects'
 *     leverage of the same computation ({@link ClusterJackknife}, {@link WeidnerZylkin}); NaN
 *     where the per-pair sums exceed the memory bound
 */
public record GravityCorrection(Gravity gravity, double[] bias, double[][] vcov, long pairs,
    long origins, long destinations, double[][] jackknife) {
  public GravityCorrection {
    bias = bias.clone();
    vcov = org.visawaiver.impact.estimate.vcov.Matrices.copy(vcov);
    jackknife = org.visawaiver.impact.estimate.vcov.Matrices.copy(jackknife);
  }

  @Override
  public double[][] jackknife() {
    return org.visawaiver.impact.estimate.vcov.Matrices.copy(jackknife);
  }

  /** The jackknife standard error with the fixed effects' leverage (NaN when not computed). */
  public double jackknifeStdError(int term) {
    return Math.sqrt(jackknife[term][term]);
  }

  @Override
  public double[] bias() {
    return bias.clone();
  }

  @Override
  public double[][] vcov() {
    return org.visawaiver.impact.estimate.vcov.Matrices.copy(vcov);
  }

  /** Bias-corrected estimate b - bias (b itself for a two-way model). */
  public double estimate(int term, double b) {
    return Double.isNaN(bias[term]) ? b : b - bias[term];
  }

  public double stdError(int term) {
    return Math.sqrt(vcov[term][term]);
  }
}
