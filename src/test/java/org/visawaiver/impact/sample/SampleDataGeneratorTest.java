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
   * The generator simulates exactly the default model: after the true effects x the day-by-day
   * regressors are taken out, the log of every expected count (raking included) is a sum of a pair,
   * a destination-month and an origin-month term, so its triple difference against a reference
   * destination (KHM), origin (KOR) and month (2005-01) is zero.
   */
  @Test
  void expectedArrivalsFollowTheEstimatedModelExactly() {
    List<PolicyEvent> policy = PolicyHistory.build();
    List<AdvisoryEvent> advisories = AdvisoryHistory.build();
    TrueEffects truth = TrueEffects.DEFAULT;
    List<YearMonth> months = ArrivalsSimulator.months();
    Map<String, double[]> rest = new java.util.HashMap<>();
    for (ArrivalsSimulator.Series s : ArrivalsSimulator.expected(policy, advisories, truth)) {
      List<PolicyEvent> pp = policy.stream()
          .filter(p -> p.destination().equals(s.destination()) && p.origin().equals(s.origin())).toList();
      List<AdvisoryEvent> pa = advisories.stream()
          .filter(a -> a.destination().equals(s.destination()) && a.issuer().equals(s.origin())).toList();
      double[] r = new double[months.size()];
      for (int t = 0; t < r.length; t++) {
        MonthlyExposure x = MonthlyExposure.of(months.get(t), pp, pa);
        r[t] = Math.log(s.mean()[t]) - truth.waiver(s.destination()) * x.waiverShare()
            - truth.stayLog() * x.stayLog() - truth.advisoryLevel() * x.advisoryLevel();
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
        List<PolicyEvent> pp = policy.stream().filter(p -> p.destination().equals(d) && p.origin().equals(o)).toList();
        List<AdvisoryEvent> pa = advisories.stream().filter(a -> a.destination().equals(d) && a.issuer().equals(o)).toList();
        for (YearMonth m : months) {
          arrivals.add(RowFactory.create(d, o, m.toString(), 1L, null));
          MonthlyExposure x = MonthlyExposure.of(m, pp, pa);
          expected.add(new double[] {x.waiverShare(), x.stayLog(), x.advisoryLevel()});
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
    for (Row r : rows) {
      double[] e = byKey.get(r.getString(0) + r.getString(1) + r.getString(2));
      String where = r.getString(0) + " " + r.getString(1) + " " + r.getString(2);
      assertEquals(e[0], r.getDouble(5), 1e-9, "waiver_share " + where);
      assertEquals(e[1], r.getDouble(6), 1e-9, "stay_log " + where);
      assertEquals(e[2], r.getDouble(8), 1e-9, "advisory_level " + where);
      withWaiver += e[0] > 0 && e[0] < 1 ? 1 : 0;
    }
    assertTrue(withWaiver >= 10, "partial-month waivers are exercised: " + withWaiver);
  }
}
