package org.visawaiver.impact.scenario.forecast;

import static org.apache.spark.sql.functions.col;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import scala.Tuple2;
import org.visawaiver.impact.domain.PanelColumns;

/**
 * Baseline (no-waiver) forecasts of monthly arrivals into one destination, one per origin, each
 * series fitted on the executors ({@code groupByKey(origin).flatMapGroups}); only the small
 * forecasts come back to the driver. Method, fit window and breaks: the {@code forecast}
 * configuration section ({@link ForecastSettings}); per series: {@link SeriesForecaster}.
 */
public final class BaselineForecaster {
  static final List<String> REQUIRED_COLUMNS = List.of(PanelColumns.DESTINATION, PanelColumns.ORIGIN, PanelColumns.MONTH, PanelColumns.ARRIVALS);

  private BaselineForecaster() {}

  /**
   * Forecasts monthly arrivals of each origin into {@code destination} for the months
   * {@code firstMonth} .. {@code firstMonth + horizonMonths - 1}, fitted per series in parallel on
   * Spark, with the method and fit window of the {@code forecast} configuration section. Only
   * months before {@code firstMonth} are used; when the data end earlier, the forecast runs through
   * the gap.
   *
   * @param arrivals accepted arrivals rows: destination, origin, month (YYYY-MM string), arrivals
   *     (nullable long)
   * @param origins the origins to forecast; empty = every origin of {@code destination}
   * @return one forecast per origin that has history, keyed by origin code (sorted)
   */
  public static Map<String, BaselineForecast> forecast(
      SparkSession spark,
      Dataset<Row> arrivals,
      String destination,
      List<String> origins,
      YearMonth firstMonth,
      int horizonMonths,
      JobConfig config) {
    for (String c : REQUIRED_COLUMNS) {
      if (!List.of(arrivals.columns()).contains(c)) {
        throw new IllegalArgumentException(
            "arrivals dataset has no column \"" + c + "\" (columns: " + String.join(", ", arrivals.columns())
                + "); baseline forecasts need " + REQUIRED_COLUMNS);
      }
    }
    if (horizonMonths < 1) {
      throw new IllegalArgumentException(
          "forecast horizon must be at least 1 month, got " + horizonMonths);
    }
    ForecastSettings settings = ForecastSettings.fromConfig(config.section("forecast"));
    Dataset<Row> rows =
        arrivals
            .filter(col("destination").equalTo(destination))
            .filter(col("arrivals").isNotNull())
            .filter(col("month").lt(firstMonth.toString()));
    if (!origins.isEmpty()) {
      rows = rows.filter(col("origin").isin(origins.toArray()));
    }
    rows = rows.select(col("origin"), col("month"), col("arrivals").cast("long"));
    spark.sparkContext().setJobGroup(
        "forecast",
        "baseline forecasts of arrivals to " + destination + " from " + firstMonth + ", "
            + horizonMonths + " months, method " + settings.method().configName(),
        false);
    try {
      List<Tuple2<String, BaselineForecast>> fitted =
          rows.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
              .flatMapGroups(
                  (FlatMapGroupsFunction<String, Row, Tuple2<String, BaselineForecast>>)
                      (origin, group) -> fitOne(origin, group, firstMonth, horizonMonths, settings),
                  Encoders.tuple(Encoders.STRING(), Encoders.javaSerialization(BaselineForecast.class)))
              .collectAsList();
      Map<String, BaselineForecast> byOrigin = new TreeMap<>();
      for (Tuple2<String, BaselineForecast> t : fitted) {
        byOrigin.put(t._1(), t._2());
      }
      return Collections.unmodifiableMap(byOrigin);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** Fits one origin's series (on an executor). A month reported twice keeps the larger count. */
  private static Iterator<Tuple2<String, BaselineForecast>> fitOne(
      String origin, Iterator<Row> group, YearMonth firstMonth, int horizon, ForecastSettings settings) {
    SortedMap<YearMonth, Long> reported = new TreeMap<>();
    while (group.hasNext()) {
      Row r = group.next();
      String month = r.getString(1);
      YearMonth m;
      try {
        m = YearMonth.parse(month);
      } catch (DateTimeParseException e) {
        throw new InputException(
            "arrivals origin " + origin + ": month \"" + month + "\" is not YYYY-MM (e.g. 2019-07);"
                + " no baseline forecast can be made", e);
      }
      reported.merge(m, r.getLong(2), Math::max);
    }
    Optional<BaselineForecast> f = SeriesForecaster.forecast(reported, firstMonth, horizon, settings);
    return f.map(x -> List.of(new Tuple2<>(origin, x)).iterator())
        .orElseGet(Collections::emptyIterator);
  }
}
