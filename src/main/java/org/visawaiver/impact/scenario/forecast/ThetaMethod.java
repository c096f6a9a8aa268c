package org.visawaiver.impact.scenario.forecast;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The Theta method of Assimakopoulos and Nikolopoulos (2000) in the form of Hyndman and Billah
 * (2003): simple exponential smoothing with a drift of half the slope of a straight line fitted to
 * the series, on seasonally adjusted data.
 *
 * <ol>
 *   <li>Seasonality test (as in the competition): the lag-12 autocorrelation r_12 of y is
 *       significant at 90% one-sided, {@code |r_12| > 1.645 sqrt((1 + 2 sum_{k<12} r_k^2) / n)}.
 *       Then y is divided by the indices of a classical multiplicative decomposition.
 *   <li>SES on the adjusted series a_t, alpha and initial level by least squares (= Gaussian
 *       maximum likelihood) with BOBYQA; b = the OLS slope of a_t on t.
 *   <li>Forecast {@code a_n+h = l_n + b/2 ((h - 1) + (1 - (1 - alpha)^n) / alpha)}, times the
 *       seasonal index of the month.
 * </ol>
 *
 * Forecast SD of ln(y) at horizon h: {@code sigma sqrt(1 + (h - 1) alpha^2)} (the SES variance),
 * with sigma the {@link ErrorScale} of the in-sample one-step errors in logs, ln(y_t / fitted_t).
 */
public final class ThetaMethod implements SeriesModel {
  private static final int M = PERIOD;
  private static final double Z90 = new NormalDistribution().inverseCumulativeProbability(0.95);

  @Override
  public LogForecast forecast(double[] y, int horizon) {
    int n = y.length;
    SeriesModel.logs(y); // checks positivity
    double[] index = new double[M];
    java.util.Arrays.fill(index, 1);
    if (isSeasonal(y)) {
      index = ClassicalDecomposition.multiplicative(y);
    }
    double mean = 0;
    double[] a = new double[n];
    for (int t = 0; t < n; t++) {
      a[t] = y[t] / index[t % M];
      mean += a[t] / n;
    }
    // Fit SES on the adjusted series scaled to mean 1, so that the optimiser sees unit scales.
    double[] z = new double[n];
    double zMin = Double.MAX_VALUE;
    double zMax = -Double.MAX_VALUE;
    for (int t = 0; t < n; t++) {
      z[t] = a[t] / mean;
      zMin = Math.min(zMin, z[t]);
      zMax = Math.max(zMax, z[t]);
    }
    double[] best =
        BoundedMinimizer.minimize(
            p -> sesSse(z, p[0], p[1]),
            new double[] {0.3, z[0]},
            new double[] {1e-4, Math.min(0.5 * zMin, z[0] - 0.1)},
            new double[] {0.9999, Math.max(1.5 * zMax, z[0] + 0.1)});
    double alpha = best[0];
    double level = best[1];
    double[] errors = new double[n];
    for (int t = 0; t < n; t++) {
      // ln(y_t / fitted_t): the seasonal index cancels
      double e = Math.log(z[t] / Math.max(level, 1e-12));
      errors[t] = e;
      level += alpha * (z[t] - level);
    }
    double sigma = ErrorScale.of(errors);
    double slope = slope(a);
    double[] point = new double[horizon];
    double[] sd = new double[horizon];
    double start = (1 - Math.pow(1 - alpha, n)) / alpha;
    for (int h = 1; h <= horizon; h++) {
      double adjusted = level * mean + slope / 2 * ((h - 1) + start);
      // A steep downward drift can cross zero over a long horizon; keep a small positive floor.
      adjusted = Math.max(adjusted, 1e-3 * level * mean);
      point[h - 1] = Math.log(adjusted * index[(n + h - 1) % M]);
      sd[h - 1] = sigma * Math.sqrt(1 + (h - 1) * alpha * alpha);
    }
    return new LogForecast(point, sd);
  }

  static boolean isSeasonal(double[] y) {
    int n = y.length;
    if (n < 2 * M) {
      return false;
    }
    double mean = StatUtils.mean(y);
    double denominator = StatUtils.variance(y, mean) * (n - 1);
    double sumSquares = 0;
    double r12 = 0;
    for (int k = 1; k <= M; k++) {
      double num = 0;
      for (int t = 0; t + k < n; t++) {
        num += (y[t] - mean) * (y[t + k] - mean);
      }
      double r = num / denominator;
      if (k < M) {
        sumSquares += r * r;
      } else {
        r12 = r;
      }
    }
    return Math.abs(r12) > Z90 * Math.sqrt((1 + 2 * sumSquares) / n);
  }

  private static double sesSse(double[] z, double alpha, double level0) {
    double level = level0;
    double sse = 0;
    for (double v : z) {
      double e = v - level;
      sse += e * e;
      level += alpha * e;
    }
    return sse;
  }

  /** OLS slope of a_t on t. */
  private static double slope(double[] a) {
    SimpleRegression line = new SimpleRegression();
    for (int t = 0; t < a.length; t++) {
      line.addData(t + 1, a[t]);
    }
    return line.getSlope();
  }
}
