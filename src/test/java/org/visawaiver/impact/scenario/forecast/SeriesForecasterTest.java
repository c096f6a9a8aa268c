package org.visawaiver.impact.scenario.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;

class SeriesForecasterTest {
  private static final double[] SEASON = {0.8, 0.9, 1.0, 1.0, 1.1, 1.2, 1.3, 1.2, 1.0, 0.9, 0.8, 0.7};

  private static ForecastSettings settings(String... overrides) {
    return ForecastSettings.fromConfig(
        JobConfig.load(null, false, List.of(overrides)).section("forecast"));
  }

  /**
   * 2012-01 .. 2024-12: 10,000 a month times the season with 1% noise, except a collapse to 5%
   * from 2020-04 to 2022-12 and a recovery through 2023 to 90% of the old level.
   */
  private static Map<YearMonth, Long> collapseAndRecovery() {
    Random random = new Random(7);
    Map<YearMonth, Long> series = new TreeMap<>();
    for (YearMonth m = YearMonth.of(2012, 1); !m.isAfter(YearMonth.of(2024, 12)); m = m.plusMonths(1)) {
      double level = 10_000;
      if (!m.isBefore(YearMonth.of(2020, 4)) && m.isBefore(YearMonth.of(2023, 1))) {
        level *= 0.05;
      } else if (m.getYear() == 2023) {
        level *= 0.3 + 0.6 * Math.min(1, m.getMonthValue() / 6.0);
      } else if (m.getYear() == 2024) {
        level *= 0.9;
      }
      double v = level * SEASON[m.getMonthValue() - 1] * Math.exp(0.01 * random.nextGaussian());
      series.put(m, Math.round(v));
    }
    return series;
  }

  @Test
  void aCollapseAndRecoveryIsNotExtrapolatedDownward() {
    Map<YearMonth, Long> series = collapseAndRecovery();
    for (String method : List.of("combination", "ets", "ets_damped", "theta", "seasonal_naive")) {
      BaselineForecast f =
          SeriesForecaster.forecast(
                  series, YearMonth.of(2025, 1), 60, settings("forecast.method=" + method))
              .orElseThrow();
      assertEquals(method, f.method());
      double[] median = f.median();
      for (int h = 0; h < 60; h++) {
        double expected = 9_000 * SEASON[f.month(h).getMonthValue() - 1];
        // the recovered level (90%) with its season, within 5%: no collapse, no downward drift
        assertEquals(expected, median[h], 0.05 * expected, method + " " + f.month(h));
      }
    }
  }

  @Test
  void withoutTheBreakTheCollapseWouldDragTheForecastDown() {
    // the control for the test above: Theta fitted through the collapse takes half the slope of
    // a line through it as its drift, so its path falls year after year
    BaselineForecast f =
        SeriesForecaster.forecast(
                collapseAndRecovery(), YearMonth.of(2025, 1), 60,
                settings("forecast.intervention-months=[]", "forecast.method=theta"))
            .orElseThrow();
    double[] median = f.median();
    double firstYear = 0;
    double lastYear = 0;
    for (int h = 0; h < 12; h++) {
      firstYear += median[h];
      lastYear += median[48 + h];
    }
    assertTrue(lastYear < 0.9 * firstYear, "fitted through the collapse: " + lastYear / firstYear);
  }

  @Test
  void aGapAfterTheDataIsForecastThroughAndLaterMonthsAreNotUsed() {
    Map<YearMonth, Long> series = new TreeMap<>();
    for (YearMonth m = YearMonth.of(2014, 1); m.isBefore(YearMonth.of(2020, 1)); m = m.plusMonths(1)) {
      series.put(m, Math.round(1000 * SEASON[m.getMonthValue() - 1]));
    }
    ForecastSettings s = settings("forecast.method=seasonal_naive");
    BaselineForecast f = SeriesForecaster.forecast(series, YearMonth.of(2019, 7), 30, s).orElseThrow();
    assertEquals(YearMonth.of(2019, 7), f.firstMonth());
    assertEquals(30, f.horizon());
    // fitted on 2014-01 .. 2019-06 only: July 2019 repeats July 2018
    assertEquals(1000 * SEASON[6], f.median()[0], 1e-6);
    // seasonal naive on an exactly seasonal series: zero SD
    assertEquals(0, f.logSd()[29], 1e-12);
    Optional<BaselineForecast> none = SeriesForecaster.forecast(series, YearMonth.of(2014, 1), 12, s);
    assertTrue(none.isEmpty());
  }

  @Test
  void theLevelIsSetByTheMonthsAfterFitEnd() {
    Map<YearMonth, Long> series = new TreeMap<>();
    for (YearMonth m = YearMonth.of(2010, 1); m.isBefore(YearMonth.of(2019, 1)); m = m.plusMonths(1)) {
      double level = m.getYear() < 2018 ? 1000 : 2000;
      series.put(m, Math.round(level * SEASON[m.getMonthValue() - 1]));
    }
    BaselineForecast f =
        SeriesForecaster.forecast(
                series, YearMonth.of(2019, 1), 12,
                settings("forecast.method=seasonal_naive", "forecast.fit-end-month=\"2017-12\""))
            .orElseThrow();
    // fitted on 2010-2017 (level 1000), shifted to the level of 2018 (2000)
    for (int h = 0; h < 12; h++) {
      assertEquals(2000 * SEASON[h], f.median()[h], 1.0);
    }
  }

  @Test
  void shortHistoriesFallBackAndZerosAreKept() {
    ForecastSettings s = settings();
    Map<YearMonth, Long> year = new TreeMap<>();
    Map<YearMonth, Long> months = new TreeMap<>();
    for (int i = 0; i < 18; i++) {
      YearMonth m = YearMonth.of(2024, 1).plusMonths(i);
      year.put(m, i == 3 ? 0L : 100L + i);
      if (i < 6) {
        months.put(m, 50L);
      }
    }
    BaselineForecast seasonal = SeriesForecaster.forecast(year, YearMonth.of(2025, 7), 6, s).orElseThrow();
    assertEquals("seasonal_naive", seasonal.method());
    // July 2025 repeats July 2024 (106); with a zero month the model is of ln(y + 1), whose median
    // is 107 and whose mean is 107 exp(sd^2 / 2)
    double sd = seasonal.logSd()[0];
    assertEquals(107 * Math.exp(sd * sd / 2) - 1, seasonal.mean()[0], 1e-9 * 107);
    BaselineForecast flat = SeriesForecaster.forecast(months, YearMonth.of(2024, 7), 3, s).orElseThrow();
    assertEquals(SeriesForecaster.FLAT_METHOD, flat.method());
    assertEquals(50, flat.mean()[2], 1e-9);
  }

  @Test
  void meanIsTheLogNormalMeanOfTheMedian() {
    Map<YearMonth, Long> series = collapseAndRecovery();
    BaselineForecast f = SeriesForecaster.forecast(series, YearMonth.of(2025, 1), 24, settings()).orElseThrow();
    for (int h = 0; h < 24; h++) {
      double sd = f.logSd()[h];
      assertTrue(sd > 0, "log SD at " + f.month(h));
      assertEquals(f.median()[h] * Math.exp(sd * sd / 2), f.mean()[h], 1e-9 * f.mean()[h]);
    }
  }

  @Test
  void badBreakConfigurationNamesTheExpectedForm() {
    InputException odd =
        assertThrows(InputException.class, () -> settings("forecast.intervention-months=[\"2020-02\"]"));
    assertEquals(
        "configuration forecast.intervention-months: [2020-02] has 1 months; expected pairs of first"
            + " and last month of each break, e.g. [\"2020-02\", \"2023-06\"]; nothing was run",
        odd.getMessage());
    InputException month =
        assertThrows(InputException.class, () -> settings("forecast.fit-end-month=\"2019-13\""));
    assertEquals(
        "configuration forecast.fit-end-month: \"2019-13\" is not a month YYYY-MM, e.g. \"2019-12\";"
            + " nothing was run",
        month.getMessage());
  }
}
