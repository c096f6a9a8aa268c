package org.visawaiver.impact.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Synthetic monthly arrivals with the structure the model assumes: log mean = pair effect +
 * destination-month effect + origin-month effect + the true effects x the panel's regressors;
 * counts drawn negative binomial (gamma-Poisson). The pair effects start from a gravity-style
 * weight; destination-year levels are then raked to the annual totals (resource
 * {@code sample/annual_totals.csv}) and calibrated pairs scaled as a whole towards their published
 * figures; both only move pair and destination-year levels, which the fixed effects absorb.
 *
 * <p>Calibration ({@link CalibrationTargets}): the log factors that would take each published
 * pair-year to its figure are split ({@link CalibrationSplit}) into a pair level, destination-year
 * and origin-year terms - put into every series of that pair, destination or origin, so the fixed
 * effects absorb them - and a small residual. The destination-years of destinations without any
 * published pair are then matched to their totals again. The residual is the only pair-year factor
 * a calibrated pair gets (log-linear between published years, flat before the first and after the
 * last), so that its expected annual sum equals each figure; after the draw its counts in a
 * published year are rescaled (largest remainder) so that their sum equals the figure exactly.
 * Only the residual factors are departures from the model.
 */
final class ArrivalsSimulator {
  /** Months whose arrivals are left empty (not reported): Myanmar after the 2021 coup. */
  static boolean notReported(String destination, YearMonth m) {
    return destination.equals("MMR") && !m.isBefore(YearMonth.of(2021, 4)) && !m.isAfter(YearMonth.of(2022, 3));
  }

  /**
   * One simulated series: a (destination, origin) pair over the sample months. {@code calibration}
   * is the pair-year factor of each month (1 for synthetic pairs), already in {@code mean}.
   */
  record Series(String destination, String origin, double[] mean, double[] calibration, Long[] arrivals) {}

  static final int FIRST_YEAR = SampleWorld.FIRST_MONTH.getYear();
  static final int YEARS = SampleWorld.LAST_MONTH.getYear() - FIRST_YEAR + 1;

  private ArrivalsSimulator() {}

  /** The index (0 = the first sample year) of each month's year. */
  static int[] yearIndex(List<YearMonth> months) {
    return months.stream().mapToInt(m -> m.getYear() - FIRST_YEAR).toArray();
  }

  static List<Series> simulate(long seed, List<PolicyEvent> policy, List<AdvisoryEvent> advisories, TrueEffects truth) {
    return simulate(seed, policy, advisories, truth, CalibrationTargets.load());
  }

  /** As above with the given targets ({@link CalibrationTargets#none()}: no calibration). */
  static List<Series> simulate(long seed, List<PolicyEvent> policy, List<AdvisoryEvent> advisories, TrueEffects truth,
      CalibrationTargets targets) {
    List<Series> series = expected(policy, advisories, truth, targets);
    draw(series, months(), seed, truth.negativeBinomialShape());
    matchPublishedYears(series, targets);
    return series;
  }

  /** The expected arrivals (after raking) of every pair and month; counts not drawn yet. */
  static List<Series> expected(List<PolicyEvent> policy, List<AdvisoryEvent> advisories, TrueEffects truth) {
    return expected(policy, advisories, truth, CalibrationTargets.load());
  }

  private static List<Series> expected(List<PolicyEvent> policy, List<AdvisoryEvent> advisories, TrueEffects truth,
      CalibrationTargets targets) {
    List<YearMonth> months = months();
    List<Series> series = new ArrayList<>();
    for (String d : SampleWorld.DESTINATIONS) {
      for (String o : SampleWorld.ORIGINS) {
        if (d.equals(o)) {
          continue;
        }
        List<PolicyEvent> pairPolicy = PolicyEvent.ofPair(policy, d, o);
        List<AdvisoryEvent> pairAdvisories = AdvisoryEvent.ofPair(advisories, d, o);
        double pair = SampleWorld.gravity(d, o);
        double[] mean = new double[months.size()];
        for (int t = 0; t < months.size(); t++) {
          YearMonth m = months.get(t);
          MonthlyExposure x = MonthlyExposure.of(m, pairPolicy, pairAdvisories);
          double effects = truth.effects(d, x);
          mean[t] = pair * SampleWorld.destinationSeason(d, m.getMonthValue())
              * SampleWorld.originSeason(o, m.getMonthValue())
              * Math.exp(SampleWorld.growth(o) * SampleWorld.yearsOfGrowth(m) + effects)
              * SampleWorld.covidDestination(m) * SampleWorld.covidOrigin(o, m);
        }
        double[] calibration = new double[months.size()];
        java.util.Arrays.fill(calibration, 1.0);
        series.add(new Series(d, o, mean, calibration, new Long[months.size()]));
      }
    }
    Map<String, Double> totals = loadTotals();
    rake(series, months, totals, targets);
    absorb(series, months, targets);
    matchTotals(series, totals, months, uncalibratedDestinations(targets));
    calibrate(series, months, targets);
    return series;
  }

  /**
   * The parts of the published pairs' log factors that the fixed effects absorb ({@link
   * CalibrationSplit}), put into the expected arrivals: the pair level into that pair, the
   * destination-year and origin-year terms into every series of that destination or origin.
   */
  static void absorb(List<Series> series, List<YearMonth> months, CalibrationTargets targets) {
    int[] yearOf = yearIndex(months);
    List<CalibrationSplit.Cell> cells = new ArrayList<>();
    for (Series s : series) {
      double[] sums = yearSums(s, yearOf, YEARS);
      for (CalibrationTargets.Target t : targets.of(s.destination(), s.origin()).values()) {
        cells.add(new CalibrationSplit.Cell(s.destination(), s.origin(), t.year(),
            Math.log(t.arrivals() / sums[t.year() - FIRST_YEAR])));
      }
    }
    if (cells.isEmpty()) {
      return;
    }
    CalibrationSplit split = CalibrationSplit.fit(cells, FIRST_YEAR, YEARS);
    for (Series s : series) {
      double[] logFactor = split.absorbed(s.destination(), s.origin(), YEARS);
      for (int t = 0; t < months.size(); t++) {
        s.mean()[t] *= Math.exp(logFactor[yearOf[t]]);
      }
    }
  }

  /** Destinations without any published pair: their years can be matched to the totals again. */
  private static List<String> uncalibratedDestinations(CalibrationTargets targets) {
    return SampleWorld.DESTINATIONS.stream()
        .filter(d -> targets.all().stream().noneMatch(t -> t.destination().equals(d))).toList();
  }

  static List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = SampleWorld.FIRST_MONTH; !m.isAfter(SampleWorld.LAST_MONTH); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /**
   * Alternating scaling (raking): destination-years to their totals, calibrated pairs as a whole
   * to the geometric mean of their published figures' ratios, repeated; the last step matches the
   * totals exactly. Both are levels the fixed effects absorb.
   */
  private static void rake(List<Series> series, List<YearMonth> months, Map<String, Double> totals,
      CalibrationTargets targets) {
    int[] yearOf = yearIndex(months);
    for (int round = 0; round < 40; round++) {
      matchTotals(series, totals, months, SampleWorld.DESTINATIONS);
      for (Series s : series) {
        Map<Integer, CalibrationTargets.Target> published = targets.of(s.destination(), s.origin());
        if (published.isEmpty()) {
          continue;
        }
        double[] sums = yearSums(s, yearOf, YEARS);
        double logRatio = 0;
        for (CalibrationTargets.Target t : published.values()) {
          logRatio += Math.log(t.arrivals() / sums[t.year() - FIRST_YEAR]);
        }
        scale(s, Math.exp(logRatio / published.size()));
      }
    }
    matchTotals(series, totals, months, SampleWorld.DESTINATIONS);
  }

  /**
   * The pair-year factors of the calibrated pairs (after {@link #absorb}, the residuals of the
   * split): exact at each published year, log-linear in between, flat outside; recorded in {@link
   * Series#calibration()}.
   */
  private static void calibrate(List<Series> series, List<YearMonth> months, CalibrationTargets targets) {
    int[] yearOf = yearIndex(months);
    for (Series s : series) {
      Map<Integer, CalibrationTargets.Target> published = targets.of(s.destination(), s.origin());
      if (published.isEmpty()) {
        continue;
      }
      double[] sums = yearSums(s, yearOf, YEARS);
      java.util.TreeMap<Integer, Double> logFactor = new java.util.TreeMap<>();
      for (CalibrationTargets.Target t : published.values()) {
        logFactor.put(t.year(), Math.log(t.arrivals() / sums[t.year() - FIRST_YEAR]));
      }
      double[] factor = CalibrationSplit.interpolate(logFactor, FIRST_YEAR, YEARS);
      for (int y = 0; y < YEARS; y++) {
        factor[y] = Math.exp(factor[y]);
      }
      for (int t = 0; t < months.size(); t++) {
        s.mean()[t] *= factor[yearOf[t]];
        s.calibration()[t] = factor[yearOf[t]];
      }
    }
  }

  /**
   * After the draw: the counts of each published (pair, year) rescaled so that they sum to the
   * figure exactly (floors, then one more to the largest remainders; the expected counts as
   * weights in the unlikely case that every drawn count is 0).
   */
  static void matchPublishedYears(List<Series> series, CalibrationTargets targets) {
    List<YearMonth> months = months();
    for (Series s : series) {
      for (CalibrationTargets.Target target : targets.of(s.destination(), s.origin()).values()) {
        List<Integer> idx = new ArrayList<>();
        double sum = 0;
        for (int t = 0; t < months.size(); t++) {
          if (months.get(t).getYear() == target.year()) {
            idx.add(t);
            sum += s.arrivals()[t];
          }
        }
        boolean fallback = sum == 0;
        double weightSum = fallback ? idx.stream().mapToDouble(t -> s.mean()[t]).sum() : sum;
        long assigned = 0;
        double[] remainder = new double[idx.size()];
        for (int i = 0; i < idx.size(); i++) {
          int t = idx.get(i);
          double exact = target.arrivals() * (fallback ? s.mean()[t] : s.arrivals()[t]) / weightSum;
          long floor = (long) Math.floor(exact);
          s.arrivals()[t] = floor;
          remainder[i] = exact - floor;
          assigned += floor;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < idx.size(); i++) {
          order.add(i);
        }
        order.sort((a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a])
            : Integer.compare(a, b));
        for (int k = 0; k < target.arrivals() - assigned; k++) {
          int t = idx.get(order.get(k % order.size()));
          s.arrivals()[t] = s.arrivals()[t] + 1;
        }
      }
    }
  }

  private static void matchTotals(List<Series> series, Map<String, Double> totals, List<YearMonth> months,
      List<String> destinations) {
    int[] yearOf = yearIndex(months);
    for (String d : destinations) {
      List<Series> ofDestination = series.stream().filter(s -> s.destination().equals(d)).toList();
      double[] sums = new double[YEARS];
      for (Series s : ofDestination) {
        double[] own = yearSums(s, yearOf, YEARS);
        for (int y = 0; y < YEARS; y++) {
          sums[y] += own[y];
        }
      }
      for (Series s : ofDestination) {
        for (int t = 0; t < yearOf.length; t++) {
          s.mean()[t] *= totals.get(d + "," + (FIRST_YEAR + yearOf[t])) / sums[yearOf[t]];
        }
      }
    }
  }

  private static void scale(Series s, double factor) {
    for (int t = 0; t < s.mean().length; t++) {
      s.mean()[t] *= factor;
    }
  }

  private static double[] yearSums(Series s, int[] yearOf, int years) {
    double[] sums = new double[years];
    for (int t = 0; t < yearOf.length; t++) {
      sums[yearOf[t]] += s.mean()[t];
    }
    return sums;
  }

  /** Gamma-Poisson (negative binomial) draws, in a fixed order from one seeded generator. */
  private static void draw(List<Series> series, List<YearMonth> months, long seed, double shape) {
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
    for (Series s : series) {
      for (int t = 0; t < months.size(); t++) {
        double lambda = s.mean()[t] * random.nextGamma(shape, 1.0 / shape);
        long count = poisson(random, lambda);
        s.arrivals()[t] = notReported(s.destination(), months.get(t)) ? null : count;
      }
    }
  }

  /**
   * A Poisson draw; above a mean of 10,000 the normal approximation (error far below the
   * gamma noise), because commons-math3's exact sampler is slow for large means.
   */
  private static long poisson(RandomDataGenerator random, double lambda) {
    if (lambda <= 1e-9) {
      return 0L;
    }
    if (lambda > 10_000) {
      return Math.max(0L, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian(0, 1)));
    }
    return random.nextPoisson(lambda);
  }

  static Map<String, Double> loadTotals() {
    Map<String, Double> totals = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        ArrivalsSimulator.class.getResourceAsStream("/sample/annual_totals.csv"), StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",", 4);
        totals.put(f[0] + "," + f[1], Double.parseDouble(f[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return totals;
  }
}
