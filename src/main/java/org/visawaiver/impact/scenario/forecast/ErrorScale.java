package org.visawaiver.impact.scenario.forecast;

import java.util.Arrays;

/**
 * The scale sigma of a method's in-sample forecast errors of ln(y), from which its forecast SDs
 * grow with the horizon: {@code 1.4826 * median |e|} over the latest 36 errors. Robust (a strike
 * or a one-off event in the history does not widen every interval) and current (tourism series are
 * noisier in their early, smaller years). On the tourism benchmark the resulting nominal 80% / 95%
 * intervals of the single methods cover 81-87% / 93-96% of the test values; the plain root mean
 * square over the whole history gave 91-94% / 98-99% (docs/forecasting.md).
 */
final class ErrorScale {
  /** sigma / median |e| for normal errors centred on 0: 1 / Phi^-1(0.75). */
  static final double MEDIAN_ABS_TO_SD = 1.482602218505602;
  /** How many of the latest errors set the scale. */
  static final int RECENT_ERRORS = 36;

  private ErrorScale() {}

  static double of(double[] errors) {
    int n = Math.min(errors.length, RECENT_ERRORS);
    if (n == 0) {
      return 0;
    }
    double[] abs = new double[n];
    for (int i = 0; i < n; i++) {
      abs[i] = Math.abs(errors[errors.length - n + i]);
    }
    Arrays.sort(abs);
    double median = n % 2 == 1 ? abs[n / 2] : (abs[n / 2 - 1] + abs[n / 2]) / 2;
    return MEDIAN_ABS_TO_SD * median;
  }
}
