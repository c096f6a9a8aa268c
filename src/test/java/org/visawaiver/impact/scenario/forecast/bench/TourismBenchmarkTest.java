package org.visawaiver.impact.scenario.forecast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.scenario.forecast.SeasonalNaive;

/**
 * The scoring is checked against the published seasonal naive accuracy of the tourism forecasting
 * competition (Athanasopoulos et al. 2011, Table 4; published_monthly_benchmarks.csv beside the
 * data): MAPE 22.56 and MASE 1.54 over horizons 1-24 on all 366 monthly series (the paper's MASE
 * scale uses the whole series), MASE 1.63 with the training-only scale (gluonts, in the same file).
 */
class TourismBenchmarkTest {
  private static final Path DATA = Path.of("src/bench/data/tourism-monthly");

  @Test
  void seasonalNaiveReproducesThePublishedAccuracy() {
    List<BenchmarkSeries> series = TourismMonthly.read(DATA);
    assertEquals(366, series.size());
    assertEquals(100_496, series.stream().mapToInt(s -> s.train().length).sum());
    List<ShiftedForecast> forecasts =
        series.stream().map(s -> ShiftedForecast.of(new SeasonalNaive(), s)).toList();
    AccuracyScore score = AccuracyScore.of(series, forecasts);
    // published values carry 2 decimals: tolerance half a unit of the last digit
    assertEquals(22.56, score.mape(), 0.005);
    assertEquals(1.54, score.masePaperScale(), 0.005);
    assertEquals(1.631, score.maseTrainScale(), 0.0005);
    // Table 4 by horizon (h = 1, 2, 3, 6, 12, 18, 24): MAPE and MASE
    int[] horizons = {1, 2, 3, 6, 12, 18, 24};
    double[] mape = {19.89, 21.56, 20.64, 20.94, 21.09, 19.97, 22.30};
    double[] mase = {1.23, 1.43, 1.40, 1.47, 1.09, 1.78, 1.48};
    for (int i = 0; i < horizons.length; i++) {
      int h = horizons[i];
      assertEquals(mape[i], score.mapeByHorizon()[h - 1], 0.005, "MAPE h=" + h);
      assertEquals(mase[i], score.masePaperByHorizon()[h - 1], 0.005, "MASE h=" + h);
    }
  }
}
