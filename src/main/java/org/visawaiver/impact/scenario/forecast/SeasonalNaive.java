package org.visawaiver.impact.scenario.forecast;

/**
 * Seasonal naive: each forecast month repeats the same calendar month of the last observed year.
 *
 * <p>Log-scale forecast SD at horizon h: {@code sigma * sqrt(floor((h - 1) / 12) + 1)} (a random
 * walk in each calendar month), sigma the {@link ErrorScale} of the in-sample seasonal differences
 * of ln(y).
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
    double[] differences = new double[n - PERIOD];
    for (int t = PERIOD; t < n; t++) {
      differences[t - PERIOD] = x[t] - x[t - PERIOD];
    }
    double sigma = ErrorScale.of(differences);
    double[] point = new double[horizon];
    double[] sd = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      point[h - 1] = x[n - PERIOD + (h - 1) % PERIOD];
      sd[h - 1] = sigma * Math.sqrt((h - 1) / PERIOD + 1);
    }
    return new LogForecast(point, sd);
  }
}
