package org.visawaiver.impact.scenario.forecast;

/**
 * Seasonal naive: each forecast month repeats the same calendar month of the last observed year.
 *
 * <p>Log-scale forecast SD at horizon h: {@code sigma * sqrt(floor((h - 1) / 12) + 1)}, where
 * sigma^2 is the mean square of the in-sample seasonal differences of ln(y) (the random walk in
 * each calendar month).
 */
public final class SeasonalNaive implements SeriesModel {
  @Override
  public LogForecast forecast(double[] y, int horizon) {
    double[] x = SeriesModel.logs(y);
    int n = x.length;
    if (n < PERIOD) {
      throw new IllegalArgumentException(
          "seasonal naive needs at least " + PERIOD + " months, the series has " + n);
    }
    double ss = 0;
    int count = 0;
    for (int t = PERIOD; t < n; t++) {
      double d = x[t] - x[t - PERIOD];
      ss += d * d;
      count++;
    }
    double sigma = count > 0 ? Math.sqrt(ss / count) : 0;
    double[] point = new double[horizon];
    double[] sd = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      point[h - 1] = x[n - PERIOD + (h - 1) % PERIOD];
      sd[h - 1] = sigma * Math.sqrt((h - 1) / PERIOD + 1);
    }
    return new LogForecast(point, sd);
  }
}
