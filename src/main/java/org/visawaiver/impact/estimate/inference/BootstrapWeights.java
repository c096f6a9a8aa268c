package org.visawaiver.impact.estimate.inference;

import java.util.SplittableRandom;
import org.visawaiver.impact.estimate.spec.BootstrapSettings;

/**
 * The cluster weights v[draw][cluster] of a wild bootstrap. Rademacher (±1) weights are enumerated
 * in full when 2^G <= B (deterministic, as fwildclusterboot and boottest): row b has
 * v_g = 1 - 2 bit_g(b), clusters in id order, b = 0 all +1. Otherwise B draws of Webb's six-point
 * weights (±sqrt(1/2), ±1, ±sqrt(3/2), each 1/6) from the configured seed, or of Rademacher weights
 * when those are asked for.
 *
 * @param draws [draw][cluster]
 * @param enumerated every sign pattern, each once
 * @param kind rademacher or webb
 */
public record BootstrapWeights(double[][] draws, boolean enumerated, String kind) {
  private static final double[] WEBB = {-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1,
      Math.sqrt(1.5)};

  /** Weights for G clusters under the settings' draws, seed and weight rule. */
  public static BootstrapWeights of(int clusters, BootstrapSettings s) {
    boolean enumerable = clusters < 31 && (1L << clusters) <= s.draws();
    if (enumerable && !s.weights().equals(BootstrapSettings.WEBB)) {
      int b = 1 << clusters;
      double[][] v = new double[b][clusters];
      for (int d = 0; d < b; d++) {
        for (int g = 0; g < clusters; g++) {
          v[d][g] = ((d >> g) & 1) == 0 ? 1 : -1;
        }
      }
      return new BootstrapWeights(v, true, BootstrapSettings.RADEMACHER);
    }
    boolean webb = !s.weights().equals(BootstrapSettings.RADEMACHER);
    SplittableRandom rng = new SplittableRandom(s.seed());
    double[][] v = new double[s.draws()][clusters];
    for (double[] row : v) {
      for (int g = 0; g < clusters; g++) {
        row[g] = webb ? WEBB[rng.nextInt(6)] : (rng.nextBoolean() ? 1 : -1);
      }
    }
    return new BootstrapWeights(v, false, webb ? BootstrapSettings.WEBB
        : BootstrapSettings.RADEMACHER);
  }

  public int count() {
    return draws.length;
  }

  /**
   * Share of draws whose |statistic| exceeds |observed|, strictly: a draw within a relative 1e-9 of
   * it is a tie and not counted (the all +1 and all -1 draws of WCR reproduce it up to rounding).
   */
  static double exceedShare(double[] stars, double observed) {
    double bound = Math.abs(observed) * (1 + TIE);
    int n = 0;
    for (double t : stars) {
      if (Math.abs(t) > bound) {
        n++;
      }
    }
    return n / (double) stars.length;
  }

  /**
   * The p-value to report from a share of exceeding draws: the share itself (as fwildclusterboot
   * and boottest count: draws strictly more extreme than the observed statistic), except that a
   * share of 0 is reported as the smallest p-value the draws can resolve, counting the observed
   * statistic as one draw: 1/(B+1) for B random draws (Davison and Hinkley 1997, eq. 4.11), 1/2^G
   * for the 2^G enumerated sign patterns (the observed statistic is the all +1 pattern, already
   * among them). So p = 0 is never written; a reported p equal to {@link #floor()} reads "at most".
   */
  public double reported(double share) {
    return share > 0 ? share : floor();
  }

  /** The smallest reportable p-value of these draws (see {@link #reported(double)}). */
  public double floor() {
    return enumerated ? 1.0 / count() : 1.0 / (count() + 1);
  }

  /** Relative tolerance under which a bootstrap statistic ties the observed one. */
  static final double TIE = 1e-9;
}
