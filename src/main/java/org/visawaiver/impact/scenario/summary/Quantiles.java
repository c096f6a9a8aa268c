package org.visawaiver.impact.scenario.summary;

import java.util.Arrays;

/**
 * Sample quantiles by linear interpolation between order statistics (Hyndman and Fan type 7, the
 * default of R and numpy). Type 7 commutes with increasing affine maps, q(a x + b) = a q(x) + b for
 * a >= 0, which is what keeps the money identities exact on the p10/p50/p90 columns.
 */
public final class Quantiles {
  /** The quantiles every scenario column reports. */
  public static final double[] P10_P50_P90 = {0.10, 0.50, 0.90};

  private Quantiles() {}

  /** Quantiles of {@code values} (not modified) at each probability. */
  public static double[] of(double[] values, double[] probabilities) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] out = new double[probabilities.length];
    int n = sorted.length;
    for (int i = 0; i < probabilities.length; i++) {
      double h = (n - 1) * probabilities[i];
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, n - 1);
      out[i] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
    return out;
  }

  /** Share of {@code values} strictly above {@code threshold}. */
  public static double shareAbove(double[] values, double threshold) {
    long n = 0;
    for (double v : values) {
      if (v > threshold) {
        n++;
      }
    }
    return values.length == 0 ? Double.NaN : n / (double) values.length;
  }
}
