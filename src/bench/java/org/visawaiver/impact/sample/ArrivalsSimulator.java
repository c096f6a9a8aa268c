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
 * {@code sample/annual_totals.csv}) and a few pairs to real by-nationality figures ({@link #ANCHORS}).
 * Raking only moves pair and destination-year levels, which the fixed effects absorb, so the
 * true effects stay what {@link TrueEffects} says.
 */
final class ArrivalsSimulator {
  /** Real yearly arrivals of one nationality in one destination (facts.md), matched in expectation. */
  record Anchor(String destination, String origin, int year, double arrivals, String source) {}

  static final List<Anchor> ANCHORS = List.of(
      new Anchor("KHM", "CHN", 2019, 2_361_849, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("KHM", "VNM", 2019, 908_803, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("KHM", "LAO", 2019, 363_951, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("KHM", "KOR", 2019, 254_874, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("KHM", "USA", 2019, 248_863, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("KHM", "JPN", 2019, 207_636, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("KHM", "MYS", 2019, 203_008, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("KHM", "FRA", 2019, 164_117, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("KHM", "GBR", 2019, 163_177, "Ministry of Tourism via CNE 2020-02-06"),
      new Anchor("THA", "KOR", 2019, 1_880_465, "Thai ministry table (facts.md)"),
      new Anchor("LAO", "KOR", 2016, 173_000, "laoconnection, about 173k (facts.md)"),
      new Anchor("VNM", "KOR", 2023, 3_600_000, "vietnamplus (facts.md)"));

  /** Months whose arrivals are left empty (not reported): Myanmar after the 2021 coup. */
  static boolean notReported(String destination, YearMonth m) {
    return destination.equals("MMR") && !m.isBefore(YearMonth.of(2021, 4)) && !m.isAfter(YearMonth.of(2022, 3));
  }

  /** One simulated series: a (destination, origin) pair over the sample months. */
  record Series(String destination, String origin, double[] mean, Long[] arrivals) {}

  private ArrivalsSimulator() {}

  static List<Series> simulate(long seed, List<PolicyEvent> policy, List<AdvisoryEvent> advisories, TrueEffects truth) {
    List<Series> series = expected(policy, advisories, truth);
    draw(series, months(), seed, truth.negativeBinomialShape());
    return series;
  }

  /** The expected arrivals (after raking) of every pair and month; counts not drawn yet. */
  static List<Series> expected(List<PolicyEvent> policy, List<AdvisoryEvent> advisories, TrueEffects truth) {
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
          double effects = truth.waiver(d) * x.waiverShare() + truth.stayLog() * x.stayLog()
              + truth.advisoryLevel() * x.advisoryLevel();
          mean[t] = pair * SampleWorld.destinationSeason(d, m.getMonthValue())
              * SampleWorld.originSeason(o, m.getMonthValue())
              * Math.exp(SampleWorld.growth(o) * SampleWorld.yearsOfGrowth(m) + effects)
              * SampleWorld.covidDestination(m) * SampleWorld.covidOrigin(o, m);
        }
        series.add(new Series(d, o, mean, new Long[months.size()]));
      }
    }
    rake(series, months, loadTotals());
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
   * Alternating scaling (raking): destination-years to their totals, anchored pairs to their
   * figure, repeated; the last step matches the totals exactly, the anchors in the limit.
   */
  private static void rake(List<Series> series, List<YearMonth> months, Map<String, Double> totals) {
    int firstYear = SampleWorld.FIRST_MONTH.getYear();
    int years = SampleWorld.LAST_MONTH.getYear() - firstYear + 1;
    int[] yearOf = months.stream().mapToInt(m -> m.getYear() - firstYear).toArray();
    for (int round = 0; round < 40; round++) {
      matchTotals(series, totals, yearOf, years, firstYear);
      for (Anchor a : ANCHORS) {
        for (Series s : series) {
          if (s.destination().equals(a.destination()) && s.origin().equals(a.origin())) {
            scale(s, a.arrivals() / yearSums(s, yearOf, years)[a.year() - firstYear]);
          }
        }
      }
    }
    matchTotals(series, totals, yearOf, years, firstYear);
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
