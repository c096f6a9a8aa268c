package org.visawaiver.impact.scenario.forecast;

import java.io.Serializable;
import java.time.YearMonth;

/**
 * A baseline (no-waiver) forecast of one monthly arrivals series.
 *
 * <p>The forecast of ln(arrivals) in month h is normal with mean mu[h] and SD {@code logSd[h]}, so
 * arrivals are log-normal: their median is exp(mu[h]) and their mean exp(mu[h] + logSd[h]^2 / 2).
 * {@code mean} holds that <b>mean</b> (the expected number of arrivals, used as the point forecast
 * of visitors and of the visa fees they pay); {@link #median()} gives exp(mu[h]), the point forecast
 * scored in the benchmark. (For a series with zero months the model is of ln(arrivals + 1): {@code
 * mean} is then E[arrivals + 1] - 1 and the formulas below hold exactly for arrivals + 1.)
 *
 * @param method the forecasting method that produced it, e.g. {@code combination}
 * @param firstMonth the first forecast month
 * @param mean the mean forecast per month (arrivals, not logs), length = horizon
 * @param logSd the standard deviation of the forecast error of ln(arrivals) per month, so that a
 *     Monte Carlo draw of baseline arrivals, with z standard normal, is {@code mean[h] * exp(sd * z -
 *     sd * sd / 2)} (whose expectation is {@code mean[h]} and whose median is {@code median()[h]})
 */
public record BaselineForecast(String method, YearMonth firstMonth, double[] mean, double[] logSd)
    implements Serializable {
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

  /** The median forecast per month: {@code mean[h] * exp(-logSd[h]^2 / 2)}. */
  public double[] median() {
    double[] m = new double[mean.length];
    for (int h = 0; h < m.length; h++) {
      m[h] = mean[h] * Math.exp(-logSd[h] * logSd[h] / 2);
    }
    return m;
  }
}
