package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.visawaiver.impact.scenario.ScenarioFixtures.POOLED;
import static org.visawaiver.impact.scenario.ScenarioFixtures.rangedTable;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.scenario.ScenarioSettings.BaselineShocks;
import org.visawaiver.impact.scenario.forecast.BaselineForecast;
import org.visawaiver.impact.scenario.summary.SensitivityRow;
import org.visawaiver.impact.scenario.summary.SummaryRow;
import org.visawaiver.impact.scenario.transfer.RegimeTerm;
import org.visawaiver.impact.scenario.transfer.TauPosterior;
import org.visawaiver.impact.scenario.transfer.TransferEffect;

/** Common random numbers, drawn parameters, the summary's identities and probabilities, the regime contrast. */
class HonestProjectionTest {
  private static final YearMonth START = YearMonth.of(2027, 1);
  private static final EffectSource PREDICTIVE = new EffectSource.Predictive();

  /** The sample's waiver estimates (RandomEffectsSummaryTest) with stay_log and voa_share. */
  static ModelResult model() {
    List<String> terms = List.of("waiver:VNM", "waiver:THA", "waiver:LAO", "stay_log", "voa_share");
    double[] se = {0.024, 0.016, 0.019, 0.016, 0.02};
    double[][] v = new double[5][5];
    for (int i = 0; i < 5; i++) {
      v[i][i] = se[i] * se[i];
    }
    return new ModelResult("ppml", terms, new double[] {0.188, 0.441, 0.505, 0.12, -0.10}, v);
  }

  private static ScenarioSpec spec(String name, List<String> origins, EffectSource effect, int horizon, int draws, long seed) {
    return new ScenarioSpec(name, "KHM", origins, START, 30, effect, 6, horizon, draws, seed);
  }

  /** Each origin's baseline depends on the origin only (as BaselineForecaster's per-series fits). */
  private static Map<String, BaselineForecast> baselines(ScenarioSpec s) {
    Map<String, Double> level = Map.of("KOR", 10_000.0, "USA", 17_000.0, "JPN", 6_000.0);
    Map<String, BaselineForecast> m = new HashMap<>();
    s.origins().forEach(o -> m.put(o, ScenarioFixtures.seasonal(START, s.horizonMonths(), level.get(o))));
    return m;
  }

  private static ScenarioProjector.Projection project(ScenarioSpec s, TourismParameterTable t, double rate) {
    ScenarioSettings settings = new ScenarioSettings(List.of(s), POOLED, BaselineShocks.PERSISTENT, false, rate);
    return ScenarioProjector.project(s, baselines(s), model(), t, settings, RegimeLookup.VISA_REQUIRED);
  }

  /** KOR alone and KOR among others: the same numbers, row by row, to the last bit. */
  @Test
  void anOriginsRowsAreIdenticalAcrossScenarios() {
    for (BaselineShocks shocks : BaselineShocks.values()) {
      ScenarioSpec alone = spec("waiver_KOR", List.of("KOR"), PREDICTIVE, 24, 2000, 20260101L);
      ScenarioSpec all = spec("waiver_all3", List.of("USA", "KOR", "JPN"), PREDICTIVE, 24, 2000, 20260101L);
      ScenarioSettings settings = new ScenarioSettings(List.of(alone, all), POOLED, shocks, false);
      Map<String, Map<String, BaselineForecast>> b = Map.of(alone.name(), baselines(alone), all.name(), baselines(all));
      List<ScenarioProjector.Projection> p = ScenarioProjector.projectAll(settings, b, model(), rangedTable());
      assertSameRows(korRows(p.get(0).annual()), korRows(p.get(1).annual()));
      assertSameRows(korRows(p.get(0).monthly()), korRows(p.get(1).monthly()));
      SummaryRow a = p.get(0).summary().get(0);
      SummaryRow c = p.get(1).summary().stream().filter(r -> r.origin().equals("KOR")).findFirst().orElseThrow();
      assertArrayEquals(a.netFiscalUsd(), c.netFiscalUsd(), 0.0);
      assertArrayEquals(a.jobYears(), c.jobYears(), 0.0);
      assertEquals(a.probNetFiscalPositive(), c.probNetFiscalPositive(), 0.0);
    }
  }

  private static List<ScenarioRow> korRows(List<ScenarioRow> rows) {
    return rows.stream().filter(r -> r.origin().equals("KOR")).toList();
  }

  private static void assertSameRows(List<ScenarioRow> a, List<ScenarioRow> b) {
    assertEquals(a.size(), b.size());
    assertTrue(a.size() > 1);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).period(), b.get(i).period());
      assertArrayEquals(a.get(i).incrementalArrivals(), b.get(i).incrementalArrivals(), 0.0);
      assertArrayEquals(a.get(i).visitorSpendingUsd(), b.get(i).visitorSpendingUsd(), 0.0);
      assertArrayEquals(a.get(i).netFiscalUsd(), b.get(i).netFiscalUsd(), 0.0);
      assertArrayEquals(a.get(i).totalJobs(), b.get(i).totalJobs(), 0.0);
      assertArrayEquals(a.get(i).effectPct(), b.get(i).effectPct(), 0.0);
      assertEquals(a.get(i).effectSource(), b.get(i).effectSource());
    }
  }

  /**
   * With one draw every quantile is that draw, so the contract's identities can be checked per draw
   * even with drawn parameters: within a draw, spending / incremental (the drawn spend) and
   * (net + fees) / spending (the drawn tax share) are the same in every year and inside their
   * ranges, and the cumulative summary is the sum of the years.
   */
  @Test
  void identitiesHoldPerDrawWithDrawnParameters() {
    for (long seed = 1; seed <= 5; seed++) {
      ScenarioSpec s = spec("one", List.of("KOR", "USA"), PREDICTIVE, 36, 1, seed);
      ScenarioProjector.Projection p = project(s, rangedTable(), 0.0);
      for (String origin : List.of("KOR", "USA", ScenarioRow.ALL)) {
        List<ScenarioRow> years = p.annual().stream().filter(r -> r.origin().equals(origin)).toList();
        SummaryRow total = p.summary().stream().filter(r -> r.origin().equals(origin)).findFirst().orElseThrow();
        double inc = 0;
        double spending = 0;
        double net = 0;
        double fees = 0;
        double jobs = 0;
        for (ScenarioRow y : years) {
          assertEquals(y.incrementalArrivals()[0], y.incrementalArrivals()[2], 0.0); // one draw
          inc += y.incrementalArrivals()[1];
          spending += y.visitorSpendingUsd()[1];
          net += y.netFiscalUsd()[1];
          fees += y.visaFeesForgoneUsd();
          jobs += y.totalJobs()[1];
          if (!origin.equals(ScenarioRow.ALL)) {
            double spend = y.visitorSpendingUsd()[1] / y.incrementalArrivals()[1];
            double tax = (y.netFiscalUsd()[1] + y.visaFeesForgoneUsd()) / y.visitorSpendingUsd()[1];
            double firstSpend = years.get(0).visitorSpendingUsd()[1] / years.get(0).incrementalArrivals()[1];
            assertEquals(firstSpend, spend, 1e-9 * spend, "one draw, one spend per arrival in every year");
            assertTrue(spend >= (origin.equals("KOR") ? 500 : 850) && spend <= (origin.equals("KOR") ? 850 : 1400));
            assertTrue(tax >= 0.05 - 1e-12 && tax <= 0.15 + 1e-12, "tax " + tax);
          }
        }
        assertEquals(inc, total.incrementalArrivals()[1], 1e-6 * inc);
        assertEquals(spending, total.visitorSpendingUsd()[1], 1e-6 * spending);
        assertEquals(net, total.netFiscalUsd()[1], 1e-6 * Math.abs(net));
        assertEquals(fees, total.visaFeesForgoneUsd(), 1e-6 * fees);
        assertEquals(jobs, total.jobYears()[1], 1e-6 * jobs);
        assertEquals(net, total.netFiscalNpvUsd()[1], 1e-6 * Math.abs(net), "rate 0: NPV = cumulative");
      }
    }
  }

  /** p10 > 0 implies P(net > 0) >= 0.9, p90 < 0 implies <= 0.1, and the median's sign bounds it by 0.5. */
  @Test
  void probabilitiesAgreeWithTheQuantiles() {
    int checked = 0;
    int[] signs = new int[3];
    for (double fee : new double[] {5, 30, 60, 120}) {
      TourismParameterTable t =
          new TourismParameterTable(
              List.of(
                  ScenarioFixtures.ranged(ScenarioFixtures.params("KOR", 673.0, fee, 118.6, 1.5, 0.1), 500, 850),
                  ScenarioFixtures.ranged(ScenarioFixtures.params("USA", 1134.2, fee, 118.6, 1.5, 0.1), 850, 1400)));
      ScenarioSpec s = spec("p" + fee, List.of("KOR", "USA"), new EffectSource.Pooled(), 36, 1000, 3);
      for (SummaryRow r : project(s, t, 0.05).summary()) {
        double[] n = r.netFiscalUsd();
        double prob = r.probNetFiscalPositive();
        if (n[0] > 0) {
          assertTrue(prob >= 0.9, r.toString());
          signs[0]++;
        }
        if (n[2] < 0) {
          assertTrue(prob <= 0.1, r.toString());
          signs[2]++;
        }
        if (n[0] <= 0 && n[2] >= 0) {
          signs[1]++;
        }
        if (n[1] > 0) {
          assertTrue(prob >= 0.5, r.toString());
        } else if (n[1] < 0) {
          assertTrue(prob <= 0.5, r.toString());
        }
        assertTrue(r.probUpliftAboveBreakEven() >= 0 && r.probUpliftAboveBreakEven() <= 1);
        checked++;
      }
    }
    assertEquals(12, checked);
    assertTrue(signs[0] > 0 && signs[1] > 0 && signs[2] > 0, "all three cases occur: " + java.util.Arrays.toString(signs));
  }

  /**
   * The scenario's effect band is the Bayesian predictive interval (bayes_* of transfer.csv; Monte Carlo error with
   * 20,000 draws: about 0.01 predictive sd on p10 and p90).
   */
  @Test
  void effectBandSpansThePredictiveInterval() {
    ScenarioSpec s = spec("band", List.of("KOR"), PREDICTIVE, 12, 20_000, 9);
    double[] q = project(s, ScenarioFixtures.table(), 0.05).summary().get(0).effectPct();
    var t = TransferEffect.of(model(), POOLED);
    var pred = t.predictive(t.posterior(TauPosterior.DEFAULT_SCALE), RegimeTerm.VISA_REQUIRED);
    double sd = pred.sd();
    assertEquals(100 * Math.expm1(pred.quantile(0.1)), q[0], 100 * 0.04 * sd);
    assertEquals(100 * Math.expm1(pred.quantile(0.5)), q[1], 100 * 0.04 * sd);
    assertEquals(100 * Math.expm1(pred.quantile(0.9)), q[2], 100 * 0.05 * sd);
  }

  /** An origin on visa on arrival gains exp(theta - b_voa) - 1: with b_voa = -0.10, more than from visa_required. */
  @Test
  void effectIsMeasuredFromTheOriginsRegime() {
    ScenarioSpec s = spec("voa", List.of("KOR", "USA"), new EffectSource.Borrowed("LAO"), 12, 4000, 2);
    ScenarioSettings settings = new ScenarioSettings(List.of(s), POOLED, BaselineShocks.PERSISTENT, false);
    RegimeLookup regimes = (d, o, m) -> o.equals("KOR") ? RegimeTerm.VISA_ON_ARRIVAL : RegimeTerm.VISA_REQUIRED;
    ScenarioProjector.Projection p =
        ScenarioProjector.project(s, baselines(s), model(), ScenarioFixtures.table(), settings, regimes);
    SummaryRow kor = p.summary().get(0);
    SummaryRow usa = p.summary().get(1);
    assertEquals(100 * Math.expm1(0.505 + 0.10), kor.effectPct()[1], 0.5);
    assertEquals(100 * Math.expm1(0.505), usa.effectPct()[1], 0.5);
    assertTrue(kor.effectSource().endsWith(", from visa_on_arrival (- voa_share)"), kor.effectSource());
    assertEquals("ppml waiver:LAO", usa.effectSource());
  }

  /**
   * Worked by hand: 1000 arrivals a month, fixed effect exp(0.2) - 1 = 0.22140276, no ramp-up, 12
   * months, KOR (spend 673, fee 30, tax 0.1, 118.6 jobs per USD m, multiplier 1.5). Monthly net
   * 0.1 x 673 x 221.40276 - 30 x 1000 = -15,099.8342; NPV at 5 %: sum_h (1.05)^(-h/12) = 11.7385...
   */
  @Test
  void npvAndJobYearsWorkedByHand() {
    ScenarioSpec s = new ScenarioSpec("hand", "KHM", List.of("KOR"), START, 30, new EffectSource.Fixed(0.2), 0, 12, 10, 1);
    ScenarioSettings settings = new ScenarioSettings(List.of(s), POOLED, BaselineShocks.PERSISTENT, false, 0.05);
    SummaryRow r =
        ScenarioProjector.project(s, Map.of("KOR", ScenarioFixtures.flat(START, 12, 1000, 0.0)), null,
            ScenarioFixtures.table(), settings, RegimeLookup.VISA_REQUIRED).summary().get(0);
    double monthlyNet = 0.1 * 673 * 1000 * Math.expm1(0.2) - 30_000;
    double factor = 0;
    for (int h = 0; h < 12; h++) {
      factor += Math.pow(1.05, -h / 12.0);
    }
    assertEquals(12 * monthlyNet, r.netFiscalUsd()[1], 1e-6);
    assertEquals(monthlyNet * factor, r.netFiscalNpvUsd()[1], 1e-6);
    assertEquals(12 * 1000 * Math.expm1(0.2) * 673 / 1e6 * 118.6 * 1.5, r.jobYears()[1], 1e-9);
    assertEquals(0.0, r.probNetFiscalPositive(), 0.0); // 22 % < break-even 44.6 %: every draw loses
    assertEquals(0.0, r.probUpliftAboveBreakEven(), 0.0);
    assertEquals("2027-12", r.endMonth());
  }

  /**
   * Tornado: a higher effect, spend or tax share raises net fiscal; the jobs ratio and the
   * multiplier move job-years but not net fiscal; a fixed parameter (JPN's) moves nothing.
   */
  @Test
  void sensitivityMovesTheRightWay() {
    ScenarioSpec s = spec("t", List.of("KOR", "JPN"), PREDICTIVE, 24, 2000, 4);
    List<SensitivityRow> rows = project(s, rangedTable(), 0.05).sensitivity();
    assertEquals(3 * 6 * 2, rows.size()); // KOR, JPN, ALL x 6 inputs x 2 outputs
    for (SensitivityRow r : rows) {
      boolean net = r.output().equals("net_fiscal_usd");
      boolean parameter = !r.input().equals("effect") && !r.input().equals("baseline");
      if (r.origin().equals("JPN") && (net || parameter)) {
        // JPN: tax share 0 (net fiscal is the fixed fees forgone) and fixed parameters: nothing moves
        assertEquals(0.0, r.swing(), 0.0, r.toString());
        continue;
      }
      switch (r.input()) {
        case "effect", "spend_per_arrival_usd" -> assertTrue(r.outputP50AtInputP90() > r.outputP50AtInputP10(), r.toString());
        case "tax_share" -> {
          if (net && !r.origin().equals("JPN")) {
            assertTrue(r.changeAtInputP90() > 0 && r.changeAtInputP10() < 0, r.toString());
          } else {
            assertEquals(r.outputP50AtInputP10(), r.outputP50AtInputP90(), 1e-6 * Math.abs(r.outputP50()) + 1e-9, r.toString());
          }
        }
        case "jobs_per_musd", "employment_multiplier" -> {
          if (net || r.origin().equals("JPN")) {
            assertEquals(0.0, r.swing(), 1e-6 * Math.abs(r.outputP50()) + 1e-9, r.toString());
          } else {
            assertTrue(r.changeAtInputP90() > 0, r.toString());
          }
        }
        case "baseline" -> assertNotEquals(r.outputP50AtInputP10(), r.outputP50AtInputP90());
        default -> throw new AssertionError(r.input());
      }
    }
    SensitivityRow korSpend =
        rows.stream().filter(r -> r.origin().equals("KOR") && r.input().equals("spend_per_arrival_usd")).findFirst()
            .orElseThrow();
    assertTrue(korSpend.inputP10() > 500 && korSpend.inputP10() < 673 && korSpend.inputP90() > 673
        && korSpend.inputP90() < 850, korSpend.toString());
  }
}
