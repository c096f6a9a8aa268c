package org.visawaiver.impact.scenario.forecast;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The baseline forecast of one arrivals series, break handling included (pure Java; run per origin
 * by {@link BaselineForecaster}).
 *
 * <ol>
 *   <li>History: the reported months before {@code firstMonth} (later months are not used: the
 *       baseline is what was expected from the scenario start on).
 *   <li>Fit segment: the reported months inside the fit window and outside every break, cut into
 *       segments at the breaks; the latest segment spanning at least {@code min-fit-months} is fitted
 *       (none that long: the longest, latest on ties). Months not reported inside it are bridged by
 *       linear interpolation of ln(y).
 *   <li>Anchor: the latest {@code rescale-months} reported months after the fit segment that lie in
 *       no break (the recovered level after a collapse, or the months after {@code fit-end-month}).
 *       The fitted path is shifted on the log scale by the mean of ln(y) - forecast over them, so the
 *       forecast keeps the pre-break seasonality and trend but starts from the latest observed level.
 *       No anchor (the data end inside a break): the pre-break path is used as it is.
 *   <li>Log SD at a month k months after the last month that informs the forecast (the last anchor,
 *       else the end of the fit segment): the model's SD at horizon k, combined with the standard
 *       error of the level shift, {@code sqrt(sd_k^2 + sd_1^2 / anchors)}.
 * </ol>
 */
public final class SeriesForecaster {
  /** Method name of the fallback for less than a year of history. */
  public static final String FLAT_METHOD = "flat_log_mean";

  private SeriesForecaster() {}

  /**
   * Forecasts {@code firstMonth .. firstMonth + horizon - 1} from {@code reported} (month to a
   * non-negative count; months not reported are absent). Empty if no month before {@code
   * firstMonth} can be used.
   */
  public static Optional<BaselineForecast> forecast(
      Map<YearMonth, Long> reported, YearMonth firstMonth, int horizon, ForecastSettings settings) {
    if (horizon < 1) {
      throw new IllegalArgumentException("forecast horizon must be at least 1 month, got " + horizon);
    }
    NavigableMap<YearMonth, Long> history = new TreeMap<>(reported).headMap(firstMonth, false);
    List<YearMonth> segment = fitSegment(history, settings);
    if (segment.isEmpty()) {
      return Optional.empty();
    }
    YearMonth segmentStart = segment.get(0);
    YearMonth segmentEnd = segment.get(segment.size() - 1);
    List<YearMonth> anchors = new ArrayList<>();
    for (YearMonth m : history.tailMap(segmentEnd, false).descendingKeySet()) {
      if (anchors.size() < settings.rescaleMonths() && !settings.inBreak(m)) {
        anchors.add(0, m);
      }
    }
    // ln(y + 1) when a month used has zero arrivals (see SeriesModel.zeroShift)
    double shift =
        Stream.concat(segment.stream(), anchors.stream()).anyMatch(m -> history.get(m) == 0) ? 1 : 0;
    double[] y = bridged(history, segmentStart, segmentEnd, shift);
    YearMonth lastMonth = firstMonth.plusMonths(horizon - 1);
    int fitHorizon = (int) months(segmentEnd, lastMonth);
    String method;
    LogForecast path;
    if (y.length >= settings.minFitMonths()) {
      method = settings.method().configName();
      path = settings.method().model().forecast(y, fitHorizon);
    } else if (y.length >= SeriesModel.PERIOD) {
      method = ForecastMethod.SEASONAL_NAIVE.configName();
      path = new SeasonalNaive().forecast(y, fitHorizon);
    } else {
      method = FLAT_METHOD;
      path = flat(y, fitHorizon);
    }
    double[] point = path.logPoint();
    double[] sd = path.logSd();
    double level = 0;
    for (YearMonth m : anchors) {
      level += (Math.log(history.get(m) + shift) - point[(int) months(segmentEnd, m) - 1]) / anchors.size();
    }
    double levelVariance = anchors.isEmpty() ? 0 : sd[0] * sd[0] / anchors.size();
    YearMonth informedUntil = anchors.isEmpty() ? segmentEnd : anchors.get(anchors.size() - 1);
    double[] mean = new double[horizon];
    double[] logSd = new double[horizon];
    for (int j = 0; j < horizon; j++) {
      YearMonth target = firstMonth.plusMonths(j);
      double mu = point[(int) months(segmentEnd, target) - 1] + level;
      double modelSd = sd[(int) months(informedUntil, target) - 1];
      logSd[j] = Math.sqrt(modelSd * modelSd + levelVariance);
      mean[j] = Math.max(Math.exp(mu + logSd[j] * logSd[j] / 2) - shift, 0);
    }
    return Optional.of(new BaselineForecast(method, firstMonth, mean, logSd));
  }

  /** The reported months of the segment to fit (see the class comment), in order. */
  static List<YearMonth> fitSegment(NavigableMap<YearMonth, Long> history, ForecastSettings settings) {
    List<List<YearMonth>> segments = new ArrayList<>();
    List<YearMonth> current = new ArrayList<>();
    YearMonth previous = null;
    for (YearMonth m : history.keySet()) {
      if (!settings.inFitWindow(m) || settings.inBreak(m)) {
        continue;
      }
      if (previous != null && breakBetween(previous, m, settings)) {
        segments.add(current);
        current = new ArrayList<>();
      }
      current.add(m);
      previous = m;
    }
    segments.add(current);
    List<YearMonth> chosen = List.of();
    long chosenSpan = 0;
    boolean chosenLongEnough = false;
    for (List<YearMonth> s : segments) {
      if (s.isEmpty()) {
        continue;
      }
      long span = months(s.get(0), s.get(s.size() - 1)) + 1;
      boolean longEnough = span >= settings.minFitMonths();
      // the latest long-enough segment; failing that, the longest (the latest on ties)
      if (longEnough || (!chosenLongEnough && span >= chosenSpan)) {
        chosen = s;
        chosenSpan = span;
        chosenLongEnough = longEnough;
      }
    }
    return chosen;
  }

  private static boolean breakBetween(YearMonth a, YearMonth b, ForecastSettings settings) {
    return settings.breaks().stream().anyMatch(r -> a.isBefore(r.from()) && r.to().isBefore(b));
  }

  /** y + shift for every month of the segment, months not reported bridged linearly in logs. */
  private static double[] bridged(
      NavigableMap<YearMonth, Long> history, YearMonth start, YearMonth end, double shift) {
    int n = (int) months(start, end) + 1;
    double[] y = new double[n];
    int lastKnown = -1;
    for (int i = 0; i < n; i++) {
      Long v = history.get(start.plusMonths(i));
      if (v == null) {
        continue;
      }
      y[i] = v + shift;
      if (lastKnown >= 0 && i - lastKnown > 1) {
        double a = Math.log(y[lastKnown]);
        double b = Math.log(y[i]);
        for (int k = lastKnown + 1; k < i; k++) {
          y[k] = Math.exp(a + (b - a) * (k - lastKnown) / (i - lastKnown));
        }
      }
      lastKnown = i;
    }
    return y;
  }

  /** Less than a year of history: the mean of ln(y), SD = the SD of ln(y) times sqrt(1 + 1/n). */
  private static LogForecast flat(double[] y, int horizon) {
    double[] x = SeriesModel.logs(y);
    int n = x.length;
    double mean = StatUtils.mean(x);
    double sd = n > 1 ? Math.sqrt(StatUtils.variance(x, mean) * (1 + 1.0 / n)) : 0;
    double[] point = new double[horizon];
    double[] sds = new double[horizon];
    java.util.Arrays.fill(point, mean);
    java.util.Arrays.fill(sds, sd);
    return new LogForecast(point, sds);
  }

  private static long months(YearMonth from, YearMonth to) {
    return ChronoUnit.MONTHS.between(from, to);
  }
}
