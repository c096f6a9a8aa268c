package org.visawaiver.impact.scenario.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.InputException;

class ForecastMethodsTest {
  /** Monthly seasonal factors (multiplicative, mean 1 exactly after normalising). */
  private static final double[] SEASON = seasonFactors();

  private static double[] seasonFactors() {
    double[] s = {0.7, 0.8, 1.0, 1.1, 1.2, 1.3, 1.4, 1.3, 1.0, 0.9, 0.8, 0.5};
    double mean = 0;
    for (double v : s) {
      mean += v / s.length;
    }
    for (int i = 0; i < s.length; i++) {
      s[i] /= mean;
    }
    return s;
  }

  /** level * exp(growth * t) * season, no noise. */
  private static double[] noiseless(int n, double level, double growth) {
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = level * Math.exp(growth * t) * SEASON[t % 12];
    }
    return y;
  }

  private static double[] noisy(int n, long seed) {
    Random random = new Random(seed);
    double[] y = noiseless(n, 5000, 0.004);
    for (int t = 0; t < n; t++) {
      y[t] *= Math.exp(0.08 * random.nextGaussian());
    }
    return y;
  }

  @Test
  void seasonalNaiveRepeatsTheLastYearWithTheRandomWalkSd() {
    double[] y = new double[24];
    for (int t = 0; t < 24; t++) {
      y[t] = t < 12 ? 100 : 100 * Math.E; // every seasonal difference of ln y is exactly 1
    }
    y[23] = 50;
    LogForecast f = new SeasonalNaive().forecast(y, 25);
    double[] median = f.median();
    assertEquals(100 * Math.E, median[0], 1e-9);
    assertEquals(50, median[11], 1e-9);
    assertEquals(100 * Math.E, median[12], 1e-9);
    assertEquals(100 * Math.E, median[24], 1e-9);
    // 11 seasonal differences of 1 and one of ln(50/100): median |difference| = 1, so
    // sigma = 1.4826 (the normal SD with that median absolute value)
    double sigma = 1.482602218505602;
    assertEquals(sigma, f.logSd()[0], 1e-12);
    assertEquals(sigma, f.logSd()[11], 1e-12);
    assertEquals(sigma * Math.sqrt(2), f.logSd()[12], 1e-12);
    assertEquals(sigma * Math.sqrt(3), f.logSd()[24], 1e-12);
  }

  @Test
  void errorScaleIsTheNormalSdOfTheMedianAbsoluteRecentError() {
    double[] errors = new double[40];
    for (int i = 0; i < 40; i++) {
      errors[i] = i < 4 ? 100 : (i % 2 == 0 ? 0.1 : -0.3); // the first 4 are outside the last 36
    }
    // latest 36: 18 of |0.1| and 18 of |0.3|: median 0.2
    assertEquals(0.2 * 1.482602218505602, ErrorScale.of(errors), 1e-12);
    assertEquals(0, ErrorScale.of(new double[0]));
  }

  @Test
  void etsRecoversANoiselessLevelTrendAndSeason() {
    int n = 96;
    double[] y = noiseless(n + 24, 1000, 0.01);
    double[] train = java.util.Arrays.copyOf(y, n);
    double[] median = ExponentialSmoothing.additiveTrend().forecast(train, 24).median();
    for (int h = 0; h < 24; h++) {
      // tolerance 0.5%: the optimiser stops at a trust-region radius of 1e-6
      assertEquals(y[n + h], median[h], 0.005 * y[n + h], "h=" + (h + 1));
    }
  }

  @Test
  void dampedEtsRecoversANoiselessLevelAndSeason() {
    int n = 72;
    double[] y = noiseless(n + 24, 1000, 0);
    double[] median = ExponentialSmoothing.dampedTrend().forecast(java.util.Arrays.copyOf(y, n), 24).median();
    for (int h = 0; h < 24; h++) {
      assertEquals(y[n + h], median[h], 0.005 * y[n + h], "h=" + (h + 1));
    }
  }

  @Test
  void thetaRecoversANoiselessMultiplicativeSeasonAroundAConstantLevel() {
    int n = 60;
    double[] y = noiseless(n + 12, 800, 0);
    assertTrue(ThetaMethod.isSeasonal(y));
    double[] median = new ThetaMethod().forecast(java.util.Arrays.copyOf(y, n), 12).median();
    for (int h = 0; h < 12; h++) {
      assertEquals(y[n + h], median[h], 1e-3 * y[n + h], "h=" + (h + 1));
    }
  }

  @Test
  void thetaSkipsTheSeasonalAdjustmentOfANonSeasonalSeries() {
    double[] y = new double[48];
    Random random = new Random(3);
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + t + random.nextGaussian();
    }
    assertFalse(ThetaMethod.isSeasonal(y));
  }

  @Test
  void combinationIsTheGeometricMeanOfTheMembersMedians() {
    LogForecast a = new LogForecast(new double[] {Math.log(100), Math.log(400)}, new double[] {0.1, 0.2});
    LogForecast b = new LogForecast(new double[] {Math.log(400), Math.log(100)}, new double[] {0.3, 0.4});
    LogForecast c = Combination.combine(List.of(a, b));
    assertArrayEquals(new double[] {200, 200}, c.median(), 1e-9);
    assertArrayEquals(new double[] {0.2, 0.3}, c.logSd(), 1e-12);
  }

  @Test
  void everyMethodIsDeterministicWithSdsGrowingWithTheHorizon() {
    double[] y = noisy(120, 42);
    for (ForecastMethod m : ForecastMethod.values()) {
      LogForecast first = m.model().forecast(y, 36);
      LogForecast second = m.model().forecast(y, 36);
      assertArrayEquals(first.logPoint(), second.logPoint(), 0, m.configName());
      assertArrayEquals(first.logSd(), second.logSd(), 0, m.configName());
      double[] sd = first.logSd();
      assertTrue(sd[0] > 0.02 && sd[0] < 0.2, m.configName() + " one-step log SD " + sd[0]);
      for (int h = 1; h < sd.length; h++) {
        assertTrue(sd[h] >= sd[h - 1] - 1e-12, m.configName() + " SD falls at h=" + (h + 1));
      }
      // the noisy series grows 0.4% a month around 5000: the forecasts stay in a sane range
      for (double v : first.median()) {
        assertTrue(v > 3000 && v < 20000, m.configName() + " forecast " + v);
      }
    }
  }

  @Test
  void methodsNeedPositiveValuesAndEnoughHistory() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> new SeasonalNaive().forecast(new double[] {1, 0}, 1));
    assertEquals("series value 1 is 0.0: forecasting methods need positive values", zero.getMessage());
    IllegalArgumentException shortSeries =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExponentialSmoothing.additiveTrend().forecast(noiseless(20, 10, 0), 1));
    assertEquals(
        "exponential smoothing needs at least 24 months, the series has 20", shortSeries.getMessage());
  }

  @Test
  void unknownMethodNamesTheChoices() {
    InputException e = assertThrows(InputException.class, () -> ForecastMethod.fromConfig("arima"));
    assertEquals(
        "configuration forecast.method: \"arima\" is not a forecasting method; expected one of "
            + "seasonal_naive, ets, ets_damped, theta, combination (e.g. forecast.method = "
            + "\"combination\"); nothing was run",
        e.getMessage());
  }
}
