package org.visawaiver.impact.scenario.forecast.bench;

import org.visawaiver.impact.scenario.forecast.LogForecast;
import org.visawaiver.impact.scenario.forecast.SeriesModel;

/**
 * A forecast of ln(y + shift) for a benchmark series: shift 0, or 1 for a series with zeros in
 * training (61 of the 366).
 */
public record ShiftedForecast(LogForecast forecast, double shift) {
  /** Fits {@code model} on the training values of {@code s} and forecasts its test months. */
  public static ShiftedForecast of(SeriesModel model, BenchmarkSeries s) {
    double shift = SeriesModel.zeroShift(s.train());
    return new ShiftedForecast(
        model.forecast(SeriesModel.shifted(s.train(), shift), s.test().length), shift);
  }

  /** The median point forecast of y: exp(log forecast) - shift, at least 0. */
  public double[] point() {
    double[] median = forecast.median();
    for (int h = 0; h < median.length; h++) {
      median[h] = Math.max(median[h] - shift, 0);
    }
    return median;
  }

  /** The standardised forecast error of ln(y + shift) at horizon index h. */
  public double z(int h, double actual) {
    return (Math.log(actual + shift) - forecast.logPoint()[h]) / forecast.logSd()[h];
  }
}
