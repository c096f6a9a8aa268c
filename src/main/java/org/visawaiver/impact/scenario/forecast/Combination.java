package org.visawaiver.impact.scenario.forecast;

import java.util.List;

/**
 * Equal-weight combination on the log scale: the point forecast is the mean of the members' log
 * forecasts (the geometric mean of their median forecasts of y) and the log SD is the mean of their
 * log SDs (the SD of the average if the members' errors were perfectly correlated, an upper bound;
 * forecast errors of such methods are highly correlated in practice).
 */
public final class Combination implements SeriesModel {
  private final List<SeriesModel> members;

  public Combination(List<SeriesModel> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a combination needs at least one method");
    }
    this.members = List.copyOf(members);
  }

  @Override
  public LogForecast forecast(double[] y, int horizon) {
    return combine(members.stream().map(m -> m.forecast(y, horizon)).toList());
  }

  /** The equal-weight log-scale combination of forecasts of the same horizon. */
  public static LogForecast combine(List<LogForecast> forecasts) {
    int horizon = forecasts.get(0).horizon();
    double[] point = new double[horizon];
    double[] sd = new double[horizon];
    for (LogForecast f : forecasts) {
      double[] p = f.logPoint();
      double[] s = f.logSd();
      for (int h = 0; h < horizon; h++) {
        point[h] += p[h] / forecasts.size();
        sd[h] += s[h] / forecasts.size();
      }
    }
    return new LogForecast(point, sd);
  }
}
