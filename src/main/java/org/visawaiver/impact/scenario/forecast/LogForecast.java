package org.visawaiver.impact.scenario.forecast;

/**
 * What every forecasting method returns for one series: per horizon h = 1..H (index h - 1) the
 * point forecast of ln(y) and the standard deviation of its forecast error.
 *
 * <p>{@code exp(logPoint[h])} is the median forecast of y when the log forecast error is normal;
 * the mean is {@code exp(logPoint[h] + logSd[h]^2 / 2)}.
 */
public record LogForecast(double[] logPoint, double[] logSd) {
  public LogForecast {
    if (logPoint.length != logSd.length) {
      throw new IllegalArgumentException(
          "logPoint has " + logPoint.length + " values but logSd " + logSd.length);
    }
    logPoint = logPoint.clone();
    logSd = logSd.clone();
  }

  @Override
  public double[] logPoint() {
    return logPoint.clone();
  }

  @Override
  public double[] logSd() {
    return logSd.clone();
  }

  public int horizon() {
    return logPoint.length;
  }

  /** The median forecast of y per horizon: exp(logPoint). */
  public double[] median() {
    double[] m = new double[logPoint.length];
    for (int h = 0; h < m.length; h++) {
      m[h] = Math.exp(logPoint[h]);
    }
    return m;
  }
}
