package org.visawaiver.impact.scenario.forecast.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.export.CsvTableWriter;
import org.visawaiver.impact.export.SpreadsheetCells;
import org.visawaiver.impact.scenario.forecast.Combination;
import org.visawaiver.impact.scenario.forecast.ForecastMethod;
import org.visawaiver.impact.scenario.forecast.LogForecast;
import org.visawaiver.impact.scenario.forecast.SeriesModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench-forecast [--out DIR]}: every forecasting method on the 366 monthly series of
 * the tourism forecasting competition (fit on train, 24-month horizon, median point forecasts
 * scored on test), written to {@code DIR/forecast_benchmark.csv}.
 */
@Command(
    name = "bench-forecast",
    mixinStandardHelpOptions = true,
    description = "Scores the baseline forecasting methods on the tourism competition (monthly).")
public final class ForecastBenchmark implements Callable<Integer> {
  public static final String OUTPUT_FILE = "forecast_benchmark.csv";
  public static final List<String> HEADER =
      List.of("method", "is_default", "mape", "mase_train_scale", "mase_paper_scale");

  @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})")
  Path out = Path.of("docs");

  @Option(
      names = "--data",
      description = "folder with tourism_monthly_long.csv (default: ${DEFAULT-VALUE})")
  Path data = Path.of("src/test/resources/benchmarks/tourism-monthly");

  @Option(names = "--threads", description = "worker threads (default: ${DEFAULT-VALUE})")
  int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

  public static void main(String[] args) {
    System.exit(new CommandLine(new ForecastBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<BenchmarkSeries> series = TourismMonthly.read(data);
    long started = System.nanoTime();
    Map<ForecastMethod, AccuracyScore> scores = score(series, threads);
    String defaultMethod = JobConfig.defaults().section("forecast").getString("method");
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<ForecastMethod, AccuracyScore> e : scores.entrySet()) {
      AccuracyScore s = e.getValue();
      rows.add(
          List.of(
              e.getKey().configName(),
              Boolean.toString(e.getKey().configName().equals(defaultMethod)),
              SpreadsheetCells.number(s.mape(), 4),
              SpreadsheetCells.number(s.maseTrainScale(), 4),
              SpreadsheetCells.number(s.masePaperScale(), 4)));
      System.out.printf(
          "%-15s MAPE %6.2f  MASE(train scale) %5.3f  MASE(paper scale) %5.3f%n",
          e.getKey().configName(), s.mape(), s.maseTrainScale(), s.masePaperScale());
    }
    Path file = out.resolve(OUTPUT_FILE);
    CsvTableWriter.write(file, HEADER, rows);
    System.out.printf(
        "%d series in %.1f s on %d threads; wrote %s%n",
        series.size(), (System.nanoTime() - started) / 1e9, threads, file);
    return 0;
  }

  /** Scores every method; the combination reuses its members' forecasts of the same series. */
  public static Map<ForecastMethod, AccuracyScore> score(List<BenchmarkSeries> series, int threads)
      throws Exception {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      List<Map<ForecastMethod, double[]>> perSeries =
          pool.submit(() -> series.parallelStream().map(ForecastBenchmark::forecastAll).toList()).get();
      Map<ForecastMethod, AccuracyScore> scores = new EnumMap<>(ForecastMethod.class);
      for (ForecastMethod m : ForecastMethod.values()) {
        scores.put(m, AccuracyScore.of(series, perSeries.stream().map(f -> f.get(m)).toList()));
      }
      return scores;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Median point forecasts of every method for one series. A series with zeros (61 of the 366 have
   * some in training) is modelled as ln(y + 1).
   */
  static Map<ForecastMethod, double[]> forecastAll(BenchmarkSeries s) {
    int horizon = s.test().length;
    double shift = SeriesModel.zeroShift(s.train());
    double[] y = SeriesModel.shifted(s.train(), shift);
    Map<ForecastMethod, double[]> out = new EnumMap<>(ForecastMethod.class);
    List<LogForecast> members = new ArrayList<>();
    for (ForecastMethod m : ForecastMethod.combinationMembers()) {
      LogForecast f = m.model().forecast(y, horizon);
      members.add(f);
      out.put(m, unshift(f.median(), shift));
    }
    out.put(ForecastMethod.COMBINATION, unshift(Combination.combine(members).median(), shift));
    return out;
  }

  /** Forecasts of y from forecasts of y + shift (series with zeros are modelled as ln(y + 1)). */
  static double[] unshift(double[] median, double shift) {
    double[] f = new double[median.length];
    for (int h = 0; h < f.length; h++) {
      f[h] = Math.max(median[h] - shift, 0);
    }
    return f;
  }
}
