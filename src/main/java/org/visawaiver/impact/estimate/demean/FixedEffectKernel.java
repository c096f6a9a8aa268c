package org.visawaiver.impact.estimate.demean;

import org.visawaiver.impact.estimate.frame.Block;

/**
 * The per-block arithmetic of fixed-effect absorption. With D the dummy matrix of the broadcast
 * fixed effects, W the weights and P the weighted within-transformation of the local fixed effect
 * (identity when there is none), the demeaned column is e = P (v - D alpha).
 */
public final class FixedEffectKernel {
  private FixedEffectKernel() {}

  /**
   * e = P (base - D coef) for one block; {@code base} null means 0. {@code coef} holds the
   * broadcast coefficients from {@code from} on (layout of {@link
   * org.visawaiver.impact.estimate.frame.FeLayout#offset}).
   */
  public static double[] residual(Block b, int[] offsets, double[] base, double[] coef, int from) {
    int n = b.n;
    double[] e = new double[n];
    if (base != null) {
      System.arraycopy(base, 0, e, 0, n);
    }
    if (coef != null) {
      for (int h = 0; h < offsets.length; h++) {
        if (offsets[h] < 0) {
          continue;
        }
        int off = from + offsets[h];
        int[] ids = b.fe[h];
        for (int i = 0; i < n; i++) {
          e[i] -= coef[off + ids[i]];
        }
      }
    }
    projectLocal(b, e);
    return e;
  }

  /** Subtracts the weighted mean of each run of the local fixed effect (in place). */
  public static void projectLocal(Block b, double[] e) {
    if (b.runs == null) {
      return;
    }
    int[] runs = b.runs;
    double[] w = b.w;
    for (int r = 0; r + 1 < runs.length; r++) {
      int s = runs[r];
      int t = runs[r + 1];
      double sw = 0;
      double swe = 0;
      for (int i = s; i < t; i++) {
        double wi = w == null ? 1.0 : w[i];
        sw += wi;
        swe += wi * e[i];
      }
      if (sw > 0) {
        double mean = swe / sw;
        for (int i = s; i < t; i++) {
          e[i] -= mean;
        }
      }
    }
  }

  /** out[from + offset_h + level] += w_i * e_i for every broadcast dimension h. */
  public static void scatter(Block b, int[] offsets, double[] e, double[] out, int from) {
    int n = b.n;
    double[] w = b.w;
    for (int h = 0; h < offsets.length; h++) {
      if (offsets[h] < 0) {
        continue;
      }
      int off = from + offsets[h];
      int[] ids = b.fe[h];
      for (int i = 0; i < n; i++) {
        out[off + ids[i]] += (w == null ? 1.0 : w[i]) * e[i];
      }
    }
  }

  /** Σ w e². */
  public static double weightedSquares(Block b, double[] e) {
    double s = 0;
    for (int i = 0; i < b.n; i++) {
      s += b.weight(i) * e[i] * e[i];
    }
    return s;
  }
}
