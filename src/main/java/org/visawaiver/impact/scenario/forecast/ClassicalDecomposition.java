package org.visawaiver.impact.scenario.forecast;

/**
 * Seasonal indices of a classical decomposition (centred 2x12 moving average as the trend; the
 * average detrended value of each calendar position as its index), additive or multiplicative.
 */
final class ClassicalDecomposition {
  private ClassicalDecomposition() {}

  /**
   * Additive indices (summing to 0) of {@code x}, by position {@code t % 12}. Needs at least two
   * years.
   */
  static double[] additive(double[] x) {
    return indices(x, false);
  }

  /** Multiplicative indices (averaging 1) of positive {@code y}, by position {@code t % 12}. */
  static double[] multiplicative(double[] y) {
    return indices(y, true);
  }

  private static double[] indices(double[] y, boolean multiplicative) {
    int m = SeriesModel.PERIOD;
    int half = m / 2;
    if (y.length < 2 * m) {
      throw new IllegalArgumentException(
          "a classical decomposition needs at least " + 2 * m + " months, got " + y.length);
    }
    double[] sum = new double[m];
    int[] count = new int[m];
    for (int t = half; t < y.length - half; t++) {
      double trend = 0.5 * (y[t - half] + y[t + half]);
      for (int k = t - half + 1; k < t + half; k++) {
        trend += y[k];
      }
      trend /= m;
      sum[t % m] += multiplicative ? y[t] / trend : y[t] - trend;
      count[t % m]++;
    }
    double[] index = new double[m];
    double mean = 0;
    for (int j = 0; j < m; j++) {
      index[j] = sum[j] / count[j];
      mean += index[j] / m;
    }
    for (int j = 0; j < m; j++) {
      index[j] = multiplicative ? index[j] / mean : index[j] - mean;
    }
    return index;
  }
}
