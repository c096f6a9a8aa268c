package org.visawaiver.impact.estimate.inference;

import java.io.Serializable;

/**
 * The observations of one origin-destination pair, gathered inside a partition: the unit of the
 * Weidner-Zylkin passes (pairs are independent given the fixed effects). Arrays are read-only.
 */
final class PairBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int i;
  final int j;
  /** Time ids of the pair's rows. */
  final int[] t;
  final double[] y;
  /** Fitted means λ = μ at the estimate. */
  final double[] lambda;
  /** Regressors demeaned by all fixed effects with weights λ, [row][regressor]. */
  final double[][] x;

  PairBlock(int i, int j, int[] t, double[] y, double[] lambda, double[][] x) {
    this.i = i;
    this.j = j;
    this.t = t;
    this.y = y;
    this.lambda = lambda;
    this.x = x;
  }

  int n() {
    return t.length;
  }

  /** Score residuals e = y - λ. */
  double[] residuals() {
    double[] e = new double[t.length];
    for (int r = 0; r < e.length; r++) {
      e[r] = y[r] - lambda[r];
    }
    return e;
  }

  /**
   * The pair's block of the Poisson Hessian in the time-varying fixed effects: H = Λ - λλ'/Σλ
   * when the pair fixed effect is concentrated out (three-way), Λ otherwise.
   */
  double[][] hessian(boolean threeWay) {
    int n = t.length;
    double sum = 0;
    for (double l : lambda) {
      sum += l;
    }
    double[][] h = new double[n][n];
    for (int r = 0; r < n; r++) {
      h[r][r] = lambda[r];
      if (threeWay) {
        for (int s = 0; s < n; s++) {
          h[r][s] -= lambda[r] * lambda[s] / sum;
        }
      }
    }
    return h;
  }

  /** θ = λ/Σλ. */
  double[] shares() {
    double sum = 0;
    for (double l : lambda) {
      sum += l;
    }
    double[] th = new double[lambda.length];
    for (int r = 0; r < th.length; r++) {
      th[r] = lambda[r] / sum;
    }
    return th;
  }
}
