package org.visawaiver.impact.scenario.forecast;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.JobConfig;

/** Not built yet: baseline forecasts (issue 4). */
public final class BaselineForecaster {
  private BaselineForecaster() {}

  /**
   * Forecasts monthly arrivals of each origin into {@code destination} for the months
   * {@code firstMonth} .. {@code firstMonth + horizonMonths - 1}, fitted per series in parallel on
   * Spark, with the method and fit window of the {@code forecast} configuration section.
   *
   * @param arrivals accepted arrivals rows: destination, origin, month (YYYY-MM string), arrivals
   *     (nullable long)
   * @return one forecast per origin that has history, keyed by origin code
   */
  public static Map<String, BaselineForecast> forecast(
      SparkSession spark,
      Dataset<Row> arrivals,
      String destination,
      List<String> origins,
      YearMonth firstMonth,
      int horizonMonths,
      JobConfig config) {
    throw new UnsupportedOperationException("baseline forecasts (issue 4) are not built yet");
  }
}
