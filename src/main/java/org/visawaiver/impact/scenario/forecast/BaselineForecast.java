package org.visawaiver.impact.scenario.forecast;

import java.time.YearMonth;

/**
 * A baseline (no-waiver) forecast of one monthly arrivals series.
 *
 * @param method the forecasting method that produced it, e.g. {@code ets_damped_log}
 * @param firstMonth the first forecast month
 * @param mean the point forecast per month (arrivals, not logs), length = horizon
 * @param logSd the standard deviation of the forecast error of ln(arrivals) per month, so that a
 *     Monte Carlo draw of baseline arrivals is {@code mean[h] * exp(sd * z - sd * sd / 2)}
 */
public record BaselineForecast(String method, YearMonth firstMonth, double[] mean, double[] logSd) {
  public BaselineForecast {
    if (mean.length != logSd.length) {
      throw new IllegalArgumentException("mean and logSd differ in length");
    }
    mean = mean.clone();
    logSd = logSd.clone();
  }

  public int horizon() {
    return mean.length;
  }

  public YearMonth month(int h) {
    return firstMonth.plusMonths(h);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] logSd() {
    return logSd.clone();
  }
}
