package org.visawaiver.impact.scenario.forecast;

/**
 * A forecasting method for one regular monthly series of positive values (no gaps): fits on
 * {@code y} and forecasts the next {@code horizon} months. Pure and deterministic.
 */
public interface SeriesModel {
  /** Months per seasonal cycle. */
  int PERIOD = 12;

  LogForecast forecast(double[] y, int horizon);

  /**
   * The shift c added before taking logs: 0 for a positive series, 1 when it has zeros (arrivals are
   * counts, so ln(y + 1) keeps zeros finite). Forecasts of y are then exp(ln forecast) - c.
   */
  static double zeroShift(double[] y) {
    for (double v : y) {
      if (!(v > 0)) {
        return 1;
      }
    }
    return 0;
  }

  /** y + c. */
  static double[] shifted(double[] y, double c) {
    double[] s = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      s[i] = y[i] + c;
    }
    return s;
  }

  /** ln of each value. */
  static double[] logs(double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] > 0)) {
        throw new IllegalArgumentException(
            "series value " + i + " is " + y[i] + ": forecasting methods need positive values");
      }
      x[i] = Math.log(y[i]);
    }
    return x;
  }
}
