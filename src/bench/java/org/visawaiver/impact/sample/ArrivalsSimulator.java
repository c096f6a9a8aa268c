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
 * weight; destination-year levels are then raked to the real annual totals (resource
 * {@code sample/annual_totals.csv}) and calibrated pairs scaled as a whole towards their published
 * figures; both only move pair and destination-year levels, which the fixed effects absorb.
 *
 * <p>Calibration ({@link CalibrationTargets}): a calibrated pair then gets one factor per year, so
 * that its expected annual sum equals each published figure (log factors interpolated linearly
 * between published years, held flat before the first and after the last), and after the draw its
 * counts in a published year are rescaled (largest remainder) so that their sum equals the figure
 * exactly. These pair-year factors are the real series' departures from the model: the fixed
 * effects do not absorb them, so for the estimator they are part of the noise.
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

  private ArrivalsSimulator() {}

  static List<Series> simulate(long seed, List<PolicyEvent> policy, List<AdvisoryEvent> advisories, TrueEffects truth) {
    return simulate(seed, policy, advisories, truth, CalibrationTargets.load());
  }

  /** As above with the given published figures ({@link CalibrationTargets#none()}: no calibration). */
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
        List<PolicyEvent> pairPolicy = policy.stream().filter(p -> p.destination().equals(d) && p.origin().equals(o)).toList();
        List<AdvisoryEvent> pairAdvisories =
            advisories.stream().filter(a -> a.destination().equals(d) && a.issuer().equals(o)).toList();
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
    rake(series, months, loadTotals(), targets);
    calibrate(series, months, targets);
    return series;
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
    int firstYear = SampleWorld.FIRST_MONTH.getYear();
    int years = SampleWorld.LAST_MONTH.getYear() - firstYear + 1;
    int[] yearOf = months.stream().mapToInt(m -> m.getYear() - firstYear).toArray();
    for (int round = 0; round < 40; round++) {
      matchTotals(series, totals, yearOf, years, firstYear);
      for (Series s : series) {
        Map<Integer, CalibrationTargets.Target> published = targets.of(s.destination(), s.origin());
        if (published.isEmpty()) {
          continue;
        }
        double[] sums = yearSums(s, yearOf, years);
        double logRatio = 0;
        for (CalibrationTargets.Target t : published.values()) {
          logRatio += Math.log(t.arrivals() / sums[t.year() - firstYear]);
        }
        scale(s, Math.exp(logRatio / published.size()));
      }
    }
    matchTotals(series, totals, yearOf, years, firstYear);
  }

  /**
   * The pair-year factors of the calibrated pairs: exact at each published year, log-linear in
   * between, flat outside; recorded in {@link Series#calibration()}.
   */
  private static void calibrate(List<Series> series, List<YearMonth> months, CalibrationTargets targets) {
    int firstYear = SampleWorld.FIRST_MONTH.getYear();
    int years = SampleWorld.LAST_MONTH.getYear() - firstYear + 1;
    int[] yearOf = months.stream().mapToInt(m -> m.getYear() - firstYear).toArray();
    for (Series s : series) {
      Map<Integer, CalibrationTargets.Target> published = targets.of(s.destination(), s.origin());
      if (published.isEmpty()) {
        continue;
      }
      double[] sums = yearSums(s, yearOf, years);
      java.util.TreeMap<Integer, Double> logFactor = new java.util.TreeMap<>();
      for (CalibrationTargets.Target t : published.values()) {
        logFactor.put(t.year(), Math.log(t.arrivals() / sums[t.year() - firstYear]));
      }
      double[] factor = new double[years];
      for (int y = 0; y < years; y++) {
        int year = firstYear + y;
        Map.Entry<Integer, Double> below = logFactor.floorEntry(year);
        Map.Entry<Integer, Double> above = logFactor.ceilingEntry(year);
        double f;
        if (below == null) {
          f = above.getValue();
        } else if (above == null || above.getKey().equals(below.getKey())) {
          f = below.getValue();
        } else {
          double w = (year - below.getKey()) / (double) (above.getKey() - below.getKey());
          f = (1 - w) * below.getValue() + w * above.getValue();
        }
        factor[y] = Math.exp(f);
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

  private static void matchTotals(List<Series> series, Map<String, Double> totals, int[] yearOf, int years, int firstYear) {
    for (String d : SampleWorld.DESTINATIONS) {
      List<Series> ofDestination = series.stream().filter(s -> s.destination().equals(d)).toList();
      double[] sums = new double[years];
      for (Series s : ofDestination) {
        double[] own = yearSums(s, yearOf, years);
        for (int y = 0; y < years; y++) {
          sums[y] += own[y];
        }
      }
      for (Series s : ofDestination) {
        for (int t = 0; t < yearOf.length; t++) {
          s.mean()[t] *= totals.get(d + "," + (firstYear + yearOf[t])) / sums[yearOf[t]];
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
