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

  /**
   * Quantiles of {@code values} (not modified) at each probability. The order statistics are
   * found by selection on a copy (each selection leaves the copy partly ordered for the next), not
   * by sorting the whole copy: the same values (an order statistic is a value of the sample) in
   * linear instead of n log n time; the scenario step asks for some thousands of them on 10,000
   * draws each.
   */
  public static double[] of(double[] values, double[] probabilities) {
    double[] work = values.clone();
    double[] out = new double[probabilities.length];
    int n = work.length;
    for (int i = 0; i < probabilities.length; i++) {
      double h = (n - 1) * probabilities[i];
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, n - 1);
      double low = select(work, lo);
      double high = hi == lo ? low : select(work, hi);
      out[i] = low + (h - lo) * (high - low);
    }
    return out;
  }

  /**
   * The k-th smallest value (0-based) of {@code a}, in the order of {@link Arrays#sort(double[])}
   * (-0.0 before 0.0, NaN last); rearranges {@code a} so that every value before k is not above
   * it and every value after k is not below it. Hoare partitioning around the median of three
   * (Wirth's select); a range of at most 32 values is sorted.
   */
  static double select(double[] a, int k) {
    int left = 0;
    int right = a.length - 1;
    while (right - left > 32) {
      int mid = (left + right) >>> 1;
      if (Double.compare(a[mid], a[left]) < 0) {
        swap(a, mid, left);
      }
      if (Double.compare(a[right], a[left]) < 0) {
        swap(a, right, left);
      }
      if (Double.compare(a[right], a[mid]) < 0) {
        swap(a, right, mid);
      }
      double pivot = a[mid];
      int i = left;
      int j = right;
      while (i <= j) {
        while (Double.compare(a[i], pivot) < 0) {
          i++;
        }
        while (Double.compare(a[j], pivot) > 0) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return a[k];
      }
    }
    Arrays.sort(a, left, right + 1);
    return a[k];
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
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
