package org.visawaiver.impact.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.panel.PanelBuilder;
import org.visawaiver.impact.panel.PanelSettings;
import org.visawaiver.impact.testing.SharedSpark;
import org.visawaiver.impact.validate.AcceptedSchemas;
import org.visawaiver.impact.validate.ValidatedInputs;

class SampleDataGeneratorTest {
  @TempDir Path dir;

  @Test
  void theSameSeedGivesTheSameFilesAndAnotherSeedOtherArrivals() throws IOException {
    SampleDataGenerator.Summary a = SampleDataGenerator.generate(dir.resolve("a"), 7);
    SampleDataGenerator.generate(dir.resolve("b"), 7);
    SampleDataGenerator.generate(dir.resolve("c"), 8);
    for (String f : List.of("arrivals.csv", "visa_policy.csv", "advisories.csv", "sample_truth.csv")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
    assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a/arrivals.csv")), Files.readAllBytes(dir.resolve("c/arrivals.csv"))));
    // 14 destinations x 18 origins - 6 own-country pairs = 246 pairs x 252 months, plus 5 malformed rows.
    assertEquals(246 * 252 + 5, a.arrivalsRows());
    assertEquals(246 * 252 + 5 + 1, Files.readAllLines(dir.resolve("a/arrivals.csv")).size());
    assertFalse(Files.exists(dir.resolve("a/tourism_parameters.csv")));
  }

  /** An uncalibrated world (bench-pretrend): no series carries a published figure. */
  @Test
  void anUncalibratedWorldHasNoPublishedFigure() throws IOException {
    SampleDataGenerator.generate(dir.resolve("cal"), 7, true);
    SampleDataGenerator.generate(dir.resolve("uncal"), 7, false);
    List<String> cal = Files.readAllLines(dir.resolve("cal/arrivals.csv"));
    List<String> uncal = Files.readAllLines(dir.resolve("uncal/arrivals.csv"));
    assertTrue(cal.stream().anyMatch(l -> l.contains("calibrated to")));
    assertFalse(uncal.stream().anyMatch(l -> l.contains("calibrated")));
    assertEquals(cal.size(), uncal.size());
    assertArrayEquals(Files.readAllBytes(dir.resolve("cal/visa_policy.csv")),
        Files.readAllBytes(dir.resolve("uncal/visa_policy.csv")));
  }

  /** Another JVM (another hash seed for Set.of iteration) writes the same bytes. */
  @Test
  void aFreshJvmWritesTheSameFiles() throws Exception {
    SampleDataGenerator.generate(dir.resolve("here"), 7);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), GenerateSampleCommand.class.getName(),
        "--out", dir.resolve("there").toString(), "--seed", "7")
        .redirectErrorStream(true).redirectOutput(dir.resolve("there.log").toFile()).start();
    assertEquals(0, p.waitFor(), Files.readString(dir.resolve("there.log")));
    for (String f : List.of("arrivals.csv", "visa_policy.csv", "advisories.csv", "sample_truth.csv")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("here").resolve(f)), Files.readAllBytes(dir.resolve("there").resolve(f)), f);
    }
  }

  @Test
  void generateSampleCommandWritesTheFiles() throws IOException {
    assertEquals(0, GenerateSampleCommand.execute("--out", dir.resolve("cli").toString(), "--seed", "7"));
    SampleDataGenerator.generate(dir.resolve("direct"), 7);
    assertArrayEquals(Files.readAllBytes(dir.resolve("direct/arrivals.csv")), Files.readAllBytes(dir.resolve("cli/arrivals.csv")));
    assertTrue(Files.readString(dir.resolve("cli/sample_truth.csv")).contains("\nseed,7,"));
  }

  @Test
  void realEventsAreInTheSampleWithTheirSources() {
    List<PolicyEvent> policy = PolicyHistory.build();
    assertTrue(policy.contains(new PolicyEvent("LAO", "KOR", "visa_free", java.time.LocalDate.of(2008, 9, 1),
        java.time.LocalDate.of(2018, 8, 31), 15, 0.0, "15 days visa-free from September 2008 (seed article; Yonhap 2018-08-31)")));
    assertTrue(policy.stream().anyMatch(p -> p.destination().equals("VNM") && p.origin().equals("KOR")
        && p.from().toString().equals("2023-08-15") && p.stayDays() == 45 && p.to() == null));
    assertTrue(policy.stream().anyMatch(p -> p.destination().equals("THA") && p.origin().equals("KOR")
        && p.stayDays() == 90 && p.source().contains("corrects the seed article")));
    assertTrue(policy.stream().allMatch(p -> p.source() != null && !p.source().isBlank()));
    List<AdvisoryEvent> advisories = AdvisoryHistory.build();
    assertTrue(advisories.stream().anyMatch(a -> a.issuer().equals("KOR") && a.level() == 2.5
        && "Phnom Penh".equals(a.region())));
  }

  /**
   * The generator simulates exactly the default (v2) model: after the true effects x the day-by-day
   * regressors and the stated calibration factors of the published pair-years are taken out, the
   * log of every expected count (raking included) is a sum of a pair, a destination-month and an
   * origin-month term, so its triple difference against a reference destination (KHM), origin
   * (KOR) and month (2005-01) is zero. (Without the calibration factors it is not: they are the
   * real series' departures from the model.)
   */
  @Test
  void expectedArrivalsFollowTheEstimatedModelExactly() {
    List<PolicyEvent> policy = PolicyHistory.build();
    List<AdvisoryEvent> advisories = AdvisoryHistory.build();
    TrueEffects truth = TrueEffects.DEFAULT;
    List<YearMonth> months = ArrivalsSimulator.months();
    Map<String, double[]> rest = new java.util.HashMap<>();
    for (ArrivalsSimulator.Series s : ArrivalsSimulator.expected(policy, advisories, truth)) {
      List<PolicyEvent> pp = PolicyEvent.ofPair(policy, s.destination(), s.origin());
      List<AdvisoryEvent> pa = AdvisoryEvent.ofPair(advisories, s.destination(), s.origin());
      double[] r = new double[months.size()];
      for (int t = 0; t < r.length; t++) {
        MonthlyExposure x = MonthlyExposure.of(months.get(t), pp, pa);
        r[t] = Math.log(s.mean()[t]) - Math.log(s.calibration()[t]) - truth.effects(s.destination(), x);
      }
      rest.put(s.destination() + s.origin(), r);
    }
    double worst = 0;
    int checked = 0;
    for (String d : SampleWorld.DESTINATIONS) {
      for (String o : SampleWorld.ORIGINS) {
        if (d.equals(o)) {
          continue;
        }
        double[] dO = rest.get(d + o);
        double[] dRef = rest.get(d + "KOR");
        double[] refO = rest.get("KHM" + o);
        double[] refRef = rest.get("KHMKOR");
        for (int t = 1; t < months.size(); t++) {
          double here = dO[t] - dO[0] - dRef[t] + dRef[0];
          double reference = refO[t] - refO[0] - refRef[t] + refRef[0];
          worst = Math.max(worst, Math.abs(here - reference));
          checked++;
        }
      }
    }
    assertEquals(246 * 251, checked);
    assertEquals(0.0, worst, 1e-9, "largest triple difference of the log means net of the true effects");
  }

  /**
   * The panel (interval/month overlaps in Spark) against the day-by-day computation of the
   * generator, on the sample's real policy and advisory rows: equal to 1e-9 (contract tolerance).
   */
  @Test
  void panelAgreesWithADayByDayComputationOnTheSampleEvents() {
    List<PolicyEvent> policy = PolicyHistory.build();
    List<AdvisoryEvent> advisories = AdvisoryHistory.build();
    Set<String> destinations = Set.of("KHM", "VNM", "THA", "LAO", "IDN", "MMR");
    List<YearMonth> months = ArrivalsSimulator.months();
    List<Row> arrivals = new ArrayList<>();
    List<double[]> expected = new ArrayList<>();
    for (String d : SampleWorld.DESTINATIONS) {
      for (String o : SampleWorld.ORIGINS) {
        if (!destinations.contains(d) || d.equals(o)) {
          continue;
        }
        List<PolicyEvent> pp = PolicyEvent.ofPair(policy, d, o);
        List<AdvisoryEvent> pa = AdvisoryEvent.ofPair(advisories, d, o);
        for (YearMonth m : months) {
          arrivals.add(RowFactory.create(d, o, m.toString(), 1L, null));
          MonthlyExposure x = MonthlyExposure.of(m, pp, pa);
          expected.add(new double[] {x.waiverShare(), x.stayLog(), x.advisoryLevel(), x.evisaShare(), x.voaShare(),
              x.nationalLevel(), x.regionalLevel()});
        }
      }
    }
    SparkSession spark = SharedSpark.spark();
    Dataset<Row> policyRows = spark.createDataFrame(policy.stream().map(p -> RowFactory.create(p.destination(), p.origin(),
        p.regime(), java.sql.Date.valueOf(p.from()), p.to() == null ? null : java.sql.Date.valueOf(p.to()), p.stayDays(),
        p.feeUsd(), p.source())).toList(), AcceptedSchemas.VISA_POLICY);
    Dataset<Row> advisoryRows = spark.createDataFrame(advisories.stream().map(a -> RowFactory.create(a.issuer(),
        a.destination(), a.level(), java.sql.Date.valueOf(a.from()), a.to() == null ? null : java.sql.Date.valueOf(a.to()),
        a.region(), a.source())).toList(), AcceptedSchemas.ADVISORIES);
    Dataset<Row> panel = PanelBuilder.build(new ValidatedInputs(spark.createDataFrame(arrivals, AcceptedSchemas.ARRIVALS),
        policyRows, advisoryRows, Optional.empty(), List.of()), new PanelSettings(30.0, Map.of(), "", ""));
    Map<String, double[]> byKey = new java.util.HashMap<>();
    for (int i = 0; i < arrivals.size(); i++) {
      Row r = arrivals.get(i);
      byKey.put(r.getString(0) + r.getString(1) + r.getString(2), expected.get(i));
    }
    List<Row> rows = panel.collectAsList();
    assertEquals(arrivals.size(), rows.size());
    int withWaiver = 0;
    int withEvisa = 0;
    int withRegional = 0;
    for (Row r : rows) {
      double[] e = byKey.get(r.getString(0) + r.getString(1) + r.getString(2));
      String where = r.getString(0) + " " + r.getString(1) + " " + r.getString(2);
      assertEquals(e[0], r.getDouble(5), 1e-9, "waiver_share " + where);
      assertEquals(e[1], r.getDouble(6), 1e-9, "stay_log " + where);
      assertEquals(e[2], r.getDouble(8), 1e-9, "advisory_level " + where);
      assertEquals(e[3], r.getDouble(r.fieldIndex("evisa_share")), 1e-9, "evisa_share " + where);
      assertEquals(e[4], r.getDouble(r.fieldIndex("voa_share")), 1e-9, "voa_share " + where);
      assertEquals(e[5], r.getDouble(r.fieldIndex("advisory_national_level")), 1e-9, "national " + where);
      assertEquals(e[6], r.getDouble(r.fieldIndex("advisory_regional_level")), 1e-9, "regional " + where);
      withWaiver += e[0] > 0 && e[0] < 1 ? 1 : 0;
      withEvisa += e[3] > 0 && e[3] < 1 ? 1 : 0;
      withRegional += e[6] > 0 ? 1 : 0;
    }
    assertTrue(withWaiver >= 10, "partial-month waivers are exercised: " + withWaiver);
    assertTrue(withEvisa >= 10, "partial-month e-visa spells are exercised: " + withEvisa);
    assertTrue(withRegional >= 10, "regional advisories are exercised: " + withRegional);
  }

  /**
   * Every calibrated series' annual sums in arrivals.csv equal the published figures, read from
   * test copies of their sources (facts.md figures and Cambodia's ministry figures for Australians
   * in published_arrivals.csv; the Thai ministry table by residence, copied verbatim from the
   * reference data); every other row is labelled synthetic, and a calibrated row names its source.
   */
  @Test
  void annualSumsOfTheCalibratedSeriesEqualThePublishedFigures() throws IOException {
    Map<String, Long> published = new java.util.TreeMap<>();
    List<String> facts = Files.readAllLines(Path.of("src/test/resources/sample/published_arrivals.csv"));
    for (String line : facts.subList(1, facts.size())) {
      String[] f = line.split(",", 5);
      published.put(f[0] + "," + f[1] + "," + f[2], Long.parseLong(f[3]));
    }
    Map<String, String> thaiNames = Map.ofEntries(Map.entry("Korea", "KOR"), Map.entry("U.S.A.", "USA"),
        Map.entry("Japan", "JPN"), Map.entry("Australia", "AUS"), Map.entry("China", "CHN"),
        Map.entry("United Kingdom", "GBR"), Map.entry("France", "FRA"), Map.entry("Germany", "DEU"),
        Map.entry("Russian", "RUS"), Map.entry("India", "IND"), Map.entry("Canada", "CAN"),
        Map.entry("New Zealand", "NZL"), Map.entry("Malaysia", "MYS"), Map.entry("Singapore", "SGP"),
        Map.entry("Vietnam", "VNM"), Map.entry("Laos", "LAO"), Map.entry("Philippines", "PHL"));
    List<String> thai = Files.readAllLines(
        Path.of("src/test/resources/sample/thailand_mots_arrivals_by_residence_2011-2020_subset.csv"));
    for (String line : thai.subList(1, thai.size())) {
      String[] f = line.split(",");
      assertEquals("Number of Arrivals", f[2]);
      published.put("THA," + thaiNames.get(f[1]) + "," + f[4], Math.round(Double.parseDouble(f[5])));
    }
    assertEquals(8 + 24 + 17 * 10, published.size(), "8 AUS years, 24 facts.md figures, 17 origins x 10 Thai years");

    SampleDataGenerator.generate(dir.resolve("s"), 7);
    Map<String, Long> sums = new java.util.TreeMap<>();
    Set<String> labelled = new java.util.TreeSet<>();
    List<String> lines = Files.readAllLines(dir.resolve("s/arrivals.csv"));
    for (String line : lines.subList(1, lines.size() - SampleDataGenerator.MALFORMED_ROWS.size())) {
      String[] f = line.split(",", 5);
      String key = f[0] + "," + f[1] + "," + f[2].substring(0, 4);
      if (published.containsKey(key)) {
        sums.merge(key, Long.parseLong(f[3]), Long::sum);
        assertTrue(f[4].contains("synthetic month; " + f[2].substring(0, 4) + " total calibrated to "
            + published.get(key) + " ("), line);
        labelled.add(key);
      } else {
        assertEquals("synthetic", f[4], line);
      }
    }
    assertEquals(published.keySet(), labelled);
    assertEquals(published, sums);
  }
}
