package org.visawaiver.impact.scenario.forecast.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;
import org.visawaiver.impact.scenario.forecast.Combination;
import org.visawaiver.impact.scenario.forecast.ForecastMethod;
import org.visawaiver.impact.scenario.forecast.LogForecast;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench-forecast [--out DIR]}: every forecasting method on the 366 monthly series of
 * the tourism forecasting competition (fit on train, 24-month horizon, median point forecasts
 * scored on test), written to {@code DIR/forecast_benchmark.csv}; the coverage of the nominal 80% and
 * 95% intervals goes to {@code DIR/forecast_interval_coverage.csv}, accuracy per horizon to {@code
 * DIR/forecast_benchmark_by_horizon.csv}.
 */
@Command(
    name = "bench-forecast",
    mixinStandardHelpOptions = true,
    version = "bench-forecast 0.1.0",
    description = "Scores the baseline forecasting methods on the tourism competition (monthly).")
public final class ForecastBenchmark implements Callable<Integer> {
  public static final String OUTPUT_FILE = "forecast_benchmark.csv";
  public static final List<String> HEADER =
      List.of("method", "is_default", "mape", "mase_train_scale", "mase_paper_scale");
  public static final String COVERAGE_FILE = "forecast_interval_coverage.csv";
  public static final List<String> COVERAGE_HEADER = List.of("method", "coverage_80", "coverage_95");
  public static final String BY_HORIZON_FILE = "forecast_benchmark_by_horizon.csv";
  public static final List<String> BY_HORIZON_HEADER =
      List.of("method", "horizon", "mape", "mase_paper_scale");

  @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})")
  Path out = Path.of("docs");

  @Option(
      names = "--data",
      description = "folder with tourism_monthly_long.csv (default: ${DEFAULT-VALUE})")
  Path data = Path.of("src/bench/data/tourism-monthly");

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
    List<List<String>> coverage = new ArrayList<>();
    List<List<String>> byHorizon = new ArrayList<>();
    for (Map.Entry<ForecastMethod, AccuracyScore> e : scores.entrySet()) {
      AccuracyScore s = e.getValue();
      rows.add(
          List.of(
              e.getKey().configName(),
              Boolean.toString(e.getKey().configName().equals(defaultMethod)),
              SpreadsheetCells.number(s.mape(), 4),
              SpreadsheetCells.number(s.maseTrainScale(), 4),
              SpreadsheetCells.number(s.masePaperScale(), 4)));
      coverage.add(
          List.of(
              e.getKey().configName(),
              SpreadsheetCells.number(s.coverage80(), 4),
              SpreadsheetCells.number(s.coverage95(), 4)));
      for (int h = 0; h < s.mapeByHorizon().length; h++) {
        byHorizon.add(
            List.of(
                e.getKey().configName(),
                Integer.toString(h + 1),
                SpreadsheetCells.number(s.mapeByHorizon()[h], 4),
                SpreadsheetCells.number(s.masePaperByHorizon()[h], 4)));
      }
      System.out.printf(
          "%-15s MAPE %6.2f  MASE(train scale) %5.3f  MASE(paper scale) %5.3f"
              + "  80%%/95%% intervals cover %.3f/%.3f%n",
          e.getKey().configName(), s.mape(), s.maseTrainScale(), s.masePaperScale(),
          s.coverage80(), s.coverage95());
    }
    Path file = out.resolve(OUTPUT_FILE);
    CsvTableWriter.write(file, HEADER, rows);
    CsvTableWriter.write(out.resolve(COVERAGE_FILE), COVERAGE_HEADER, coverage);
    CsvTableWriter.write(out.resolve(BY_HORIZON_FILE), BY_HORIZON_HEADER, byHorizon);
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
      List<Map<ForecastMethod, ShiftedForecast>> perSeries =
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

  /** The forecasts of every method for one series. */
  static Map<ForecastMethod, ShiftedForecast> forecastAll(BenchmarkSeries s) {
    Map<ForecastMethod, ShiftedForecast> out = new EnumMap<>(ForecastMethod.class);
    List<LogForecast> members = new ArrayList<>();
    double shift = 0;
    for (ForecastMethod m : ForecastMethod.combinationMembers()) {
      ShiftedForecast f = ShiftedForecast.of(m.model(), s);
      members.add(f.forecast());
      shift = f.shift();
      out.put(m, f);
    }
    out.put(ForecastMethod.COMBINATION, new ShiftedForecast(Combination.combine(members), shift));
    return out;
  }
}
