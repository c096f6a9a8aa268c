package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.visawaiver.impact.scenario.ScenarioFixtures.POOLED;
import static org.visawaiver.impact.scenario.ScenarioFixtures.model;
import static org.visawaiver.impact.scenario.ScenarioFixtures.project;
import static org.visawaiver.impact.scenario.ScenarioFixtures.spec;
import static org.visawaiver.impact.scenario.ScenarioFixtures.table;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.scenario.ScenarioSettings.BaselineShocks;
import org.visawaiver.impact.scenario.forecast.BaselineForecast;

class ScenarioProjectorTest {
  private static final EffectSource POOLED_EFFECT = new EffectSource.Pooled();

  /** The contract's identities on the written (rounded) CSV rows, with the checker's tolerances. */
  @Test
  void writtenRowsSatisfyTheContractIdentities(@TempDir Path dir) throws Exception {
    ScenarioSpec both = spec("both", List.of("KOR", "JPN"), POOLED_EFFECT, 6, 18, 3000, 11);
    ScenarioSpec usa = spec("usa", List.of("USA"), new EffectSource.Borrowed("THA"), 0, 18, 3000, 12);
    ScenarioTables.write(dir, List.of(project(both, model()), project(usa, model())), false);
    for (String file : List.of(ScenarioTables.ANNUAL_CSV, ScenarioTables.MONTHLY_CSV)) {
      List<CSVRecord> rows = read(dir.resolve(file));
      // 2 origins + ALL for "both", 1 origin for "usa"; 18 months from 2027-07 = years 2027, 2028
      assertEquals(file.equals(ScenarioTables.ANNUAL_CSV) ? 4 * 2 : 4 * 18, rows.size(), file);
      int checked = 0;
      for (CSVRecord r : rows) {
        double p10 = d(r, "incremental_arrivals_p10");
        double p50 = d(r, "incremental_arrivals_p50");
        double p90 = d(r, "incremental_arrivals_p90");
        assertTrue(p10 <= p50 && p50 <= p90, r.toString());
        assertTrue(d(r, "total_jobs_p10") <= d(r, "total_jobs_p90"), r.toString());
        assertTrue(d(r, "net_fiscal_usd_p10") <= d(r, "net_fiscal_usd_p90"), r.toString());
        assertEquals(d(r, "baseline_arrivals") + p50, d(r, "scenario_arrivals"), 1.0, r.toString());
        if (r.get("origin").equals(ScenarioRow.ALL)) {
          continue;
        }
        TourismParameters p = table().require("KHM", r.get("origin"), "test");
        double spend = p.spendPerArrivalUsd();
        double fee = p.visaFeeUsd();
        for (String q : List.of("_p10", "_p50", "_p90")) {
          double spending = d(r, "visitor_spending_usd" + q);
          assertEquals(spend * d(r, "incremental_arrivals" + q), spending, 1 + spend, r.toString());
          assertEquals(p.taxShare() * spending - d(r, "visa_fees_forgone_usd"), d(r, "net_fiscal_usd" + q), 2 + spend);
          assertEquals(spending / 1e6 * p.jobsPerMusd() * p.employmentMultiplier(), d(r, "total_jobs" + q), 1.0);
        }
        assertEquals(fee * d(r, "baseline_arrivals"), d(r, "visa_fees_forgone_usd"), 1 + fee, r.toString());
        if (p.taxShare() > 0) {
          assertEquals(100 * fee / (p.taxShare() * spend), d(r, "break_even_uplift_pct"), 0.01);
        } else {
          assertEquals("", r.get("break_even_uplift_pct"));
        }
        checked++;
      }
      assertTrue(checked >= rows.size() / 2, "origin rows were checked");
    }
  }

  @Test
  void aggregateRowSumsItsOrigins() {
    ScenarioSpec both = spec("both", List.of("KOR", "USA"), POOLED_EFFECT, 3, 12, 2000, 5);
    ScenarioProjector.Projection p = project(both, model());
    List<ScenarioRow> year2027 = p.annual().stream().filter(r -> r.period().equals("2027")).toList();
    assertEquals(List.of("KOR", "USA", "ALL"), year2027.stream().map(ScenarioRow::origin).toList());
    ScenarioRow kor = year2027.get(0);
    ScenarioRow usa = year2027.get(1);
    ScenarioRow all = year2027.get(2);
    assertEquals(kor.baselineArrivals() + usa.baselineArrivals(), all.baselineArrivals(), 1e-6);
    assertEquals(kor.visaFeesForgoneUsd() + usa.visaFeesForgoneUsd(), all.visaFeesForgoneUsd(), 1e-6);
    // medians do not add, but the aggregate median lies between the sums of p10s and p90s
    assertTrue(all.incrementalArrivals()[1] > kor.incrementalArrivals()[0] + usa.incrementalArrivals()[0]);
    assertTrue(all.incrementalArrivals()[1] < kor.incrementalArrivals()[2] + usa.incrementalArrivals()[2]);
    // weighted break-even: 100 x sum(fee x baseline) / sum(tax x spend x baseline)
    double expected =
        100 * (30 * kor.baselineArrivals() + 30 * usa.baselineArrivals())
            / (0.1 * 673.0 * kor.baselineArrivals() + 0.1 * 1134.2 * usa.baselineArrivals());
    assertEquals(expected, all.breakEvenUpliftPct(), 1e-9);
  }

  @Test
  void sameSeedSameNumbersOtherSeedOtherNumbers() {
    ScenarioSpec a = spec("s", List.of("KOR", "USA"), POOLED_EFFECT, 6, 24, 1000, 42);
    ScenarioSpec b = spec("s", List.of("KOR", "USA"), POOLED_EFFECT, 6, 24, 1000, 43);
    ScenarioRow first = project(a, model()).annual().get(0);
    ScenarioRow again = project(a, model()).annual().get(0);
    ScenarioRow other = project(b, model()).annual().get(0);
    assertArrayEquals(first.incrementalArrivals(), again.incrementalArrivals(), 0.0);
    assertArrayEquals(first.netFiscalUsd(), again.netFiscalUsd(), 0.0);
    assertNotEquals(first.incrementalArrivals()[1], other.incrementalArrivals()[1]);
    assertEquals(first.baselineArrivals(), other.baselineArrivals(), 0.0);
  }

  /** All scenarios in parallel: the same files byte for byte, in configured order. */
  @Test
  void projectAllWritesTheSameBytesTwice(@TempDir Path dir) throws Exception {
    List<ScenarioSpec> specs =
        List.of(
            spec("k", List.of("KOR"), POOLED_EFFECT, 6, 14, 500, 1),
            spec("u", List.of("USA"), new EffectSource.Borrowed("LAO"), 2, 14, 500, 2),
            spec("ku", List.of("KOR", "USA"), POOLED_EFFECT, 6, 14, 500, 3));
    ScenarioSettings settings = new ScenarioSettings(specs, POOLED, BaselineShocks.INDEPENDENT, true);
    Map<String, Map<String, BaselineForecast>> baselines = new java.util.HashMap<>();
    specs.forEach(s -> baselines.put(s.name(), ScenarioFixtures.baselines(s)));
    for (String run : List.of("a", "b")) {
      ScenarioTables.write(dir.resolve(run), ScenarioProjector.projectAll(settings, baselines, model(), table()), true);
    }
    for (String f : List.of(ScenarioTables.ANNUAL_CSV, ScenarioTables.MONTHLY_CSV)) {
      assertEquals(Files.readString(dir.resolve("a").resolve(f)), Files.readString(dir.resolve("b").resolve(f)));
    }
    assertEquals(
        List.of("k", "u", "ku"),
        read(dir.resolve("a").resolve(ScenarioTables.ANNUAL_CSV)).stream()
            .map(r -> r.get("scenario")).distinct().toList());
    assertTrue(Files.size(dir.resolve("a").resolve(ScenarioTables.WORKBOOK)) > 1000);
  }

  /** With a fixed effect and a certain baseline, month h gets exactly mean x effect x min(1, (h+1)/R). */
  @Test
  void rampUpIsLinearOverTheConfiguredMonths() {
    ScenarioSpec s = spec("ramp", List.of("KOR"), new EffectSource.Fixed(0.2), 4, 8, 50, 1);
    BaselineForecast flat = ScenarioFixtures.flat(s.startMonth(), 8, 1000, 0.0);
    ScenarioProjector.Projection p =
        ScenarioProjector.project(s, Map.of("KOR", flat), null, table(), POOLED, BaselineShocks.PERSISTENT);
    double full = 1000 * Math.expm1(0.2);
    double[] share = {0.25, 0.5, 0.75, 1, 1, 1, 1, 1};
    for (int h = 0; h < 8; h++) {
      ScenarioRow r = p.monthly().get(h);
      assertEquals(YearMonth.of(2027, 7).plusMonths(h).toString(), r.period());
      assertArrayEquals(new double[] {full * share[h], full * share[h], full * share[h]}, r.incrementalArrivals(), 1e-9);
    }
    assertEquals("fixed 0.2 log points", p.monthly().get(0).effectSource());
    assertArrayEquals(new double[] {100 * Math.expm1(0.2), 100 * Math.expm1(0.2), 100 * Math.expm1(0.2)},
        p.monthly().get(0).effectPct(), 1e-9);
  }

  /**
   * Worked by hand: 1000 arrivals a month, fixed effect exp(0.2) - 1 = 0.2214028, ramp-up 3 months,
   * start 2027-07. Year 2027 has 6 months with ramp shares 1/3, 2/3, 1, 1, 1, 1 (sum 5): incremental
   * 1000 x 0.22140276 x 5 = 1107.0138; spending x 673 = 745,020.28; fees 30 x 6000 = 180,000; net 0.1 x
   * spending - fees = -105,497.97; jobs spending / 1e6 x 118.6 x 1.5 = 132.54; break-even 100 x 30 /
   * 67.3 = 44.5765%.
   */
  @Test
  void annualMoneyAndJobsWorkedByHand() {
    ScenarioSpec s = spec("hand", List.of("KOR"), new EffectSource.Fixed(0.2), 3, 12, 20, 1);
    BaselineForecast flat = ScenarioFixtures.flat(s.startMonth(), 12, 1000, 0.0);
    ScenarioRow y2027 =
        ScenarioProjector.project(s, Map.of("KOR", flat), null, table(), POOLED, BaselineShocks.PERSISTENT)
            .annual()
            .get(0);
    assertEquals("2027", y2027.period());
    assertEquals(6000, y2027.baselineArrivals(), 1e-9);
    assertEquals(1107.0138, y2027.incrementalArrivals()[1], 1e-4);
    assertEquals(745_020.28, y2027.visitorSpendingUsd()[1], 0.01);
    assertEquals(180_000, y2027.visaFeesForgoneUsd(), 1e-9);
    assertEquals(-105_497.97, y2027.netFiscalUsd()[1], 0.01);
    assertEquals(132.54, y2027.totalJobs()[1], 0.01);
    assertEquals(44.5765, y2027.breakEvenUpliftPct(), 1e-4);
    assertEquals(6000 + 1107.0138, y2027.scenarioArrivals(), 1e-4);
  }

  /** Independent monthly shocks partly cancel within a year: narrower annual bands than persistent. */
  @Test
  void persistentShocksGiveWiderAnnualBandsThanIndependentOnes() {
    ScenarioSpec s = spec("w", List.of("KOR"), new EffectSource.Fixed(0.3), 0, 12, 4000, 8);
    BaselineForecast f = ScenarioFixtures.flat(s.startMonth(), 12, 1000, 0.2);
    double[] width = new double[2];
    for (BaselineShocks shocks : BaselineShocks.values()) {
      ScenarioRow r = ScenarioProjector.project(s, Map.of("KOR", f), null, table(), POOLED, shocks).annual().get(0);
      width[shocks.ordinal()] = r.incrementalArrivals()[2] - r.incrementalArrivals()[0];
    }
    // persistent: width ~ 6 x 2 x 1.28 x 0.2 x 350; independent: about 1/sqrt(6) of it
    assertTrue(width[0] > 2 * width[1], java.util.Arrays.toString(width));
  }

  /** The baseline draw has mean equal to the point forecast: E[exp(sd z - sd^2/2)] = 1. */
  @Test
  void baselineDrawsAreUnbiasedAroundThePointForecast() {
    ScenarioSpec s = spec("b", List.of("KOR"), new EffectSource.Fixed(Math.log(2)), 0, 1, 200_000, 3);
    BaselineForecast f = ScenarioFixtures.flat(s.startMonth(), 1, 1000, 0.3);
    for (BaselineShocks shocks : BaselineShocks.values()) {
      ScenarioRow r =
          ScenarioProjector.project(s, Map.of("KOR", f), null, table(), POOLED, shocks).monthly().get(0);
      // effect exp(ln 2) - 1 = 1, so incremental = baseline draw; median of a lognormal = mean x exp(-sd^2/2)
      assertEquals(1000 * Math.exp(-0.045), r.incrementalArrivals()[1], 3.0, shocks.name());
      assertEquals(1000 * Math.exp(-0.045 - 1.2815516 * 0.3), r.incrementalArrivals()[0], 3.0, shocks.name());
    }
  }

  @Test
  void missingBaselineIsReported() {
    ScenarioSpec s = spec("kor", List.of("KOR"), POOLED_EFFECT, 0, 12, 10, 1);
    InputException e =
        assertThrows(
            InputException.class,
            () -> ScenarioProjector.project(s, Map.of(), model(), table(), POOLED, BaselineShocks.PERSISTENT));
    assertEquals(
        "arrivals.csv: no arrivals history of origin KOR into KHM, so scenario kor has no baseline forecast;"
            + " add the history or remove KOR from the scenario; no scenarios were projected",
        e.getMessage());
  }

  @Test
  void originWithoutParametersNamesTheFile() {
    ScenarioSpec s = spec("nz", List.of("KOR", "NZL"), POOLED_EFFECT, 0, 12, 10, 1);
    ScenarioSettings settings = new ScenarioSettings(List.of(s), POOLED, BaselineShocks.PERSISTENT, false);
    InputException e =
        assertThrows(InputException.class, () -> ScenarioProjector.checkInputs(settings, model(), table()));
    assertEquals(ScenarioFixtures.NZL_WITHOUT_PARAMETERS, e.getMessage());
  }

  @Test
  void borrowedTermMissingFromTheModelIsReported() {
    ScenarioSpec s = spec("x", List.of("KOR"), new EffectSource.Borrowed("MYS"), 0, 12, 10, 1);
    ScenarioSettings settings = new ScenarioSettings(List.of(s), POOLED, BaselineShocks.PERSISTENT, false);
    InputException e =
        assertThrows(InputException.class, () -> ScenarioProjector.checkInputs(settings, model(), table()));
    assertTrue(
        e.getMessage().startsWith("estimates: model ppml has no term waiver:MYS, which scenario x"
            + " (effect-from = waiver:MYS) needs"),
        e.getMessage());
  }

  @Test
  void textCellsCannotRunAsFormulas(@TempDir Path dir) throws Exception {
    ScenarioSpec evil = spec("=HYPERLINK(\"http://x\")", List.of("KOR"), new EffectSource.Fixed(-0.1), 0, 2, 10, 1);
    ScenarioTables.write(dir, List.of(project(evil, null)), false);
    String csv = Files.readString(dir.resolve(ScenarioTables.MONTHLY_CSV));
    assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), csv);
    for (CSVRecord r : read(dir.resolve(ScenarioTables.MONTHLY_CSV))) {
      for (String cell : r) {
        assertFalse(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0, cell);
        assertFalse(cell.startsWith("-") && !cell.matches("-\\d.*"), cell);
        assertFalse(cell.matches("-?[0-9.]+[eE].*"), "scientific notation: " + cell);
      }
    }
  }

  static List<CSVRecord> read(Path file) throws Exception {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
    }
  }

  private static double d(CSVRecord r, String column) {
    return Double.parseDouble(r.get(column));
  }
}
