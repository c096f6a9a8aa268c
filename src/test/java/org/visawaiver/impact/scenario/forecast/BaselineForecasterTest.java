package org.visawaiver.impact.scenario.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;

class BaselineForecasterTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("destination", DataTypes.StringType)
          .add("origin", DataTypes.StringType)
          .add("month", DataTypes.StringType)
          .add("arrivals", DataTypes.LongType, true)
          .add("source", DataTypes.StringType);

  /** Four years of KHM arrivals from KOR and USA (one month not reported), and THA from KOR. */
  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      String month = YearMonth.of(2015, 1).plusMonths(i).toString();
      long season = 100L * (1 + i % 12);
      rows.add(RowFactory.create("KHM", "KOR", month, 10_000 + season + 37L * i, "test"));
      rows.add(RowFactory.create("KHM", "USA", month, i == 20 ? null : 4_000 + season - 11L * i, "test"));
      rows.add(RowFactory.create("THA", "KOR", month, 99L, "test"));
    }
    return rows;
  }

  @Test
  void forecastsEachOriginOnSparkAsTheSeriesForecasterDoes() {
    Dataset<Row> arrivals = SharedSpark.spark().createDataFrame(rows(), SCHEMA);
    JobConfig config = JobConfig.defaults();
    YearMonth first = YearMonth.of(2019, 6);
    Map<String, BaselineForecast> forecasts =
        BaselineForecaster.forecast(
            SharedSpark.spark(), arrivals, "KHM", List.of("KOR", "USA", "JPN"), first, 18, config);
    // JPN has no history: no forecast
    assertEquals(List.of("KOR", "USA"), new ArrayList<>(forecasts.keySet()));
    ForecastSettings settings = ForecastSettings.fromConfig(config.section("forecast"));
    for (String origin : forecasts.keySet()) {
      Map<YearMonth, Long> history = new TreeMap<>();
      for (Row r : rows()) {
        if (r.getString(0).equals("KHM") && r.getString(1).equals(origin) && !r.isNullAt(3)) {
          history.put(YearMonth.parse(r.getString(2)), r.getLong(3));
        }
      }
      BaselineForecast expected = SeriesForecaster.forecast(history, first, 18, settings).orElseThrow();
      BaselineForecast actual = forecasts.get(origin);
      assertEquals("combination", actual.method());
      assertEquals(first, actual.firstMonth());
      assertArrayEquals(expected.mean(), actual.mean(), 0, origin);
      assertArrayEquals(expected.logSd(), actual.logSd(), 0, origin);
    }
    // an empty origin list means every origin of the destination
    Map<String, BaselineForecast> all =
        BaselineForecaster.forecast(SharedSpark.spark(), arrivals, "THA", List.of(), first, 3, config);
    assertEquals(List.of("KOR"), new ArrayList<>(all.keySet()));
    assertArrayEquals(new double[] {99, 99, 99}, all.get("KOR").median(), 1e-6);
  }

  @Test
  void aMissingColumnIsNamed() {
    Dataset<Row> arrivals = SharedSpark.spark().createDataFrame(rows(), SCHEMA).drop("month");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BaselineForecaster.forecast(
                    SharedSpark.spark(), arrivals, "KHM", List.of(), YearMonth.of(2019, 1), 12,
                    JobConfig.defaults()));
    assertEquals(
        "arrivals dataset has no column \"month\" (columns: destination, origin, arrivals, source);"
            + " baseline forecasts need [destination, origin, month, arrivals]",
        e.getMessage());
  }
}
