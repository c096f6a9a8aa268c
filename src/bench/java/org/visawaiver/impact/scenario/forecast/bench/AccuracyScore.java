package org.visawaiver.impact.scenario.forecast.bench;

import java.util.List;

/**
 * Accuracy of one method on the competition, averaged over all series and horizons 1..24: MAPE =
 * mean of 100 |y - f| / |y|; MASE = mean of |y - f| / scale, with scale the mean absolute lag-12
 * difference of the training values ({@code maseTrainScale}, the usual convention) or of training
 * and test values together ({@code masePaperScale}, which reproduces the paper's Table 4); and the
 * share of test values inside the nominal 80% and 95% intervals of the log-normal forecast
 * distribution ({@code coverage80}, {@code coverage95}). {@code mapeByHorizon[h - 1]} and {@code
 * masePaperByHorizon[h - 1]} are the averages over series at horizon h.
 */
public record AccuracyScore(
    double mape,
    double maseTrainScale,
    double masePaperScale,
    double coverage80,
    double coverage95,
    double[] mapeByHorizon,
    double[] masePaperByHorizon) {
  static final int LAG = 12;
  static final double Z80 = 1.2815515655446004;
  static final double Z95 = 1.959963984540054;

  /** Scores {@code forecasts.get(i)} of {@code series.get(i)}'s test values. */
  public static AccuracyScore of(List<BenchmarkSeries> series, List<ShiftedForecast> forecasts) {
    double ape = 0;
    double aseTrain = 0;
    double asePaper = 0;
    long within80 = 0;
    long within95 = 0;
    long count = 0;
    int horizon = series.get(0).test().length;
    double[] apeByHorizon = new double[horizon];
    double[] aseByHorizon = new double[horizon];
    for (int i = 0; i < series.size(); i++) {
      BenchmarkSeries s = series.get(i);
      double[] test = s.test();
      double[] f = forecasts.get(i).point();
      double trainScale = seasonalScale(s.train());
      double paperScale = seasonalScale(s.whole());
      for (int h = 0; h < test.length; h++) {
        double error = Math.abs(test[h] - f[h]);
        ape += 100 * error / Math.abs(test[h]);
        aseTrain += error / trainScale;
        asePaper += error / paperScale;
        apeByHorizon[h] += 100 * error / Math.abs(test[h]) / series.size();
        aseByHorizon[h] += error / paperScale / series.size();
        double z = Math.abs(forecasts.get(i).z(h, test[h]));
        within80 += z <= Z80 ? 1 : 0;
        within95 += z <= Z95 ? 1 : 0;
        count++;
      }
    }
    return new AccuracyScore(
        ape / count, aseTrain / count, asePaper / count, within80 / (double) count,
        within95 / (double) count, apeByHorizon, aseByHorizon);
  }

  @Override
  public double[] mapeByHorizon() {
    return mapeByHorizon.clone();
  }

  @Override
  public double[] masePaperByHorizon() {
    return masePaperByHorizon.clone();
  }

  /** Mean absolute lag-12 difference. */
  static double seasonalScale(double[] y) {
    double sum = 0;
    for (int t = LAG; t < y.length; t++) {
      sum += Math.abs(y[t] - y[t - LAG]);
    }
    return sum / (y.length - LAG);
  }
}
