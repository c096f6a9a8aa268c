package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.bench.SyntheticPanel;
import org.visawaiver.impact.estimate.eventstudy.EventStudy;
import org.visawaiver.impact.estimate.eventstudy.EventStudyWriter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * End to end on a seeded synthetic panel with known effects (SyntheticPanel.TRUTH): the files of
 * the contract, recovery of the truth, independence of the partitioning and of the large-FE path.
 */
class EstimationStepTest {
  static final SyntheticPanel.Shape SHAPE = new SyntheticPanel.Shape(14, 8, 60);
  static final long SEED = 20260101L;
  static Dataset<Row> panel;

  @BeforeAll
  static void panel() {
    panel = SyntheticPanel.generate(SharedSpark.spark(), SHAPE, SEED, 3).cache();
  }

  @AfterAll
  static void release() {
    panel.unpersist();
  }

  @Test
  void writesTheContractFiles(@TempDir Path out) throws Exception {
    JobConfig config = JobConfig.load(null, false, List.of("estimate.event-study.enabled=false"));
    List<ModelResult> results = EstimationStep.run(SharedSpark.spark(), panel, config, out);
    assertEquals(List.of("ppml", "ols"), results.stream().map(ModelResult::model).toList());
    ModelResult ppml = results.get(0);
    assertEquals(SyntheticPanel.TERMS, ppml.terms());
    List<String> coef = Files.readAllLines(out.resolve("estimates/coefficients.csv"));
    assertEquals("model,term,estimate,std_error,z_value,p_value,ci_low,ci_high,effect_pct,"
        + "effect_pct_ci_low,effect_pct_ci_high,bias,estimate_bc,std_error_bc,interval,"
        + "boot_p_value,boot_ci_low,boot_ci_high,treated_clusters,effective_clusters,std_error_jk,"
        + "std_error_jk_bc", coef.get(0));
    // every term gets a bootstrap p-value and interval (estimate.bootstrap.terms = all) and its
    // treated and effective clusters; ci_low/ci_high hold the configured interval (jackknife_bc:
    // estimate_bc ± t(G - 1) x std_error_jk_bc for PPML, estimate ± t(G - 1) x std_error_jk for
    // OLS, G the clusters of model_summary.csv)
    java.util.Map<String, Long> clusters = new java.util.HashMap<>();
    try (java.io.Reader in = Files.newBufferedReader(out.resolve("estimates/model_summary.csv"))) {
      for (org.apache.commons.csv.CSVRecord r : org.apache.commons.csv.CSVFormat.DEFAULT.builder()
          .setHeader().setSkipHeaderRecord(true).build().parse(in)) {
        String g = r.get("clusters");
        clusters.put(r.get("model"), Long.parseLong(g.substring(g.indexOf('=') + 1)));
      }
    }
    for (String line : coef.subList(1, coef.size())) {
      String[] c = line.split(",", -1);
      assertEquals("jackknife_bc", c[14], line);
      double q = FitResult.jackknifeCritical(clusters.get(c[0]));
      double centre = Double.parseDouble(c[12].isEmpty() ? c[2] : c[12]);
      double se = Double.parseDouble(c[21].isEmpty() ? c[20] : c[21]);
      assertEquals(centre - q * se, Double.parseDouble(c[6]), 1e-9 * Math.abs(q * se), line);
      assertEquals(centre + q * se, Double.parseDouble(c[7]), 1e-9 * Math.abs(q * se), line);
      assertTrue(!c[15].isEmpty(), line);
      assertTrue(Integer.parseInt(c[18]) > 0 && Double.parseDouble(c[19]) > 0, line);
    }
    assertEquals(1 + 2 * SyntheticPanel.TERMS.size(), coef.size());
    int k = SyntheticPanel.TERMS.size();
    List<String> vcov = Files.readAllLines(out.resolve("estimates/vcov.csv"));
    assertEquals("model,row_term,col_term,value", vcov.get(0));
    assertEquals(1 + 2 * k * k, vcov.size());
    for (int i = 0; i < k; i++) {
      // ppml's diagonal is the square of coefficients.csv's std_error
      String[] c = coef.get(1 + i).split(",");
      String[] d = vcov.get(1 + i * k + i).split(",");
      assertEquals("ppml," + c[1] + "," + c[1], d[0] + "," + d[1] + "," + d[2]);
      assertEquals(Double.parseDouble(c[3]), Math.sqrt(Double.parseDouble(d[3])), 1e-15);
      assertEquals(100 * Math.expm1(Double.parseDouble(c[6])), Double.parseDouble(c[9]), 1e-9);
      // The default model is three-way gravity (14 x 8 x 60, under the memory bound): the
      // Weidner-Zylkin columns are filled for PPML, empty for OLS; both jackknife SEs for PPML
      // (the one with the fixed effects' leverage larger), the plain one only for OLS.
      assertEquals(22, c.length, coef.get(1 + i));
      assertTrue(Double.parseDouble(c[21]) > Double.parseDouble(c[20]), coef.get(1 + i));
      assertEquals(Double.parseDouble(c[2]) - Double.parseDouble(c[11]), Double.parseDouble(c[12]),
          1e-12);
      assertTrue(Double.parseDouble(c[13]) > 0, coef.get(1 + i));
      String[] ols = coef.get(1 + k + i).split(",", -1);
      assertEquals(",,", ols[11] + "," + ols[12] + "," + ols[13], coef.get(1 + k + i));
      assertTrue(Double.parseDouble(ols[20]) > 0 && ols[21].isEmpty(), coef.get(1 + k + i));
      for (int j = 0; j < k; j++) {
        // symmetric up to the rounding of the sandwich product (written as computed)
        double vij = Double.parseDouble(vcov.get(1 + i * k + j).split(",")[3]);
        double vji = Double.parseDouble(vcov.get(1 + j * k + i).split(",")[3]);
        assertEquals(vij, vji, 1e-12 * Math.abs(vij));
      }
    }
    List<String> summary = Files.readAllLines(out.resolve("estimates/model_summary.csv"));
    assertEquals(3, summary.size());
    assertTrue(summary.get(0).startsWith("model,estimator,formula,vcov,observations_used,"
        + "dropped_missing_outcome,dropped_missing_regressor"), summary.get(0));
    List<String> cmp = Files.readAllLines(out.resolve("estimates/waiver_comparison.csv"));
    assertEquals(1 + 2 * 3, cmp.size());
    assertTrue(cmp.get(1).startsWith("ppml,VNM,waiver:VNM,"), cmp.get(1));
    assertTrue(cmp.get(1).contains("b_VNM = b_THA = b_LAO"), cmp.get(1));
    assertRegimeContrastsFollowTheCovariance(out.resolve("estimates/regime_contrasts.csv"), results);
  }

  /**
   * Every row of regime_contrasts.csv is b_waiver:D - b_regime_share with
   * se = sqrt(V_ww + V_rr - 2 V_wr), read from the fitted model's own coefficients and covariance;
   * 2 models x 3 compared destinations x 3 regimes.
   */
  private static void assertRegimeContrastsFollowTheCovariance(Path file, List<ModelResult> results)
      throws Exception {
    List<String> lines = Files.readAllLines(file);
    assertEquals("model,destination,from_regime,estimate,std_error,ci_low,ci_high,effect_pct", lines.get(0));
    assertEquals(1 + 2 * 3 * 3, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      ModelResult m = results.stream().filter(r -> r.model().equals(c[0])).findFirst().orElseThrow();
      double[] b = m.coefficients();
      double[][] v = m.vcov();
      int w = m.indexOf("waiver:" + c[1]);
      int r = switch (c[2]) {
        case "visa_required" -> -1;
        case "evisa" -> m.indexOf("evisa_share");
        case "visa_on_arrival" -> m.indexOf("voa_share");
        default -> throw new AssertionError(line);
      };
      double estimate = r < 0 ? b[w] : b[w] - b[r];
      double se = Math.sqrt(r < 0 ? v[w][w] : v[w][w] + v[r][r] - 2 * v[w][r]);
      assertEquals(estimate, Double.parseDouble(c[3]), 1e-12, line);
      assertEquals(se, Double.parseDouble(c[4]), 1e-12, line);
      double half = (Double.parseDouble(c[6]) - Double.parseDouble(c[5])) / 2;
      assertEquals(c[0].equals("ppml") ? 1.959963984540054 * se : half, half, 1e-9, line);
      assertEquals(100 * Math.expm1(estimate), Double.parseDouble(c[7]), 1e-9, line);
    }
  }

  @Test
  void recoversKnownEffects() {
    // 30 origins x 10 destinations x 120 months (36,000 rows): large enough for the incidental
    // parameter bias of three-way PPML (Weidner and Zylkin 2021) to be small against the SEs.
    Dataset<Row> big = SyntheticPanel.generate(SharedSpark.spark(),
        new SyntheticPanel.Shape(30, 10, 120), 5L, 2).cache();
    EstimationSettings s = EstimationFixtures.settings();
    FitResult ppml = ModelFitter.fit(big, s.models().get(0), s);
    big.unpersist();
    assertEquals(SyntheticPanel.TERMS, ppml.terms());
    assertTrue(ppml.converged());
    for (int i = 0; i < SyntheticPanel.TERMS.size(); i++) {
      String t = SyntheticPanel.TERMS.get(i);
      double se = ppml.stdError(t);
      assertTrue(Math.abs(ppml.coefficient(t) - SyntheticPanel.TRUTH[i]) <= 1.96 * se,
          t + ": " + ppml.coefficient(t) + " +- " + 1.96 * se + " misses " + SyntheticPanel.TRUTH[i]);
    }
  }

  @Test
  void sameResultsWithOneTwoAndEightPartitionsAndWithThePairFeAbsorbedInPartitions() {
    FitResult one = fit(List.of("estimate.partitions=1"));
    FitResult two = fit(List.of("estimate.partitions=2"));
    FitResult eight = fit(List.of("estimate.partitions=8"));
    // Levels: origin^destination 112, destination^month 480, origin^month 840. A limit of 500
    // absorbs origin^month inside partitions (data partitioned and sorted by it).
    FitResult local = fit(List.of("estimate.partitions=4", "estimate.broadcast-max-levels=500"));
    // Partitionings change only the order of sums: 1e-10. The local path absorbs origin^month by
    // an exact projection instead of conjugate gradients, so it meets the same demeaning
    // tolerance (1e-10 on the residual) from another direction: 1e-9 (measured up to 2e-10).
    Map<String, FitResult> others = Map.of("2 partitions", two, "8 partitions", eight,
        "origin^month absorbed in partitions", local);
    for (Map.Entry<String, FitResult> o : others.entrySet()) {
      FitResult other = o.getValue();
      double tol = other == local ? 1e-9 : 1e-10;
      for (String t : one.terms()) {
        assertEquals(one.coefficient(t), other.coefficient(t), tol * Math.abs(one.coefficient(t)),
            o.getKey() + ": " + t);
        assertEquals(one.stdError(t), other.stdError(t), tol * one.stdError(t),
            o.getKey() + ": " + t);
      }
      assertEquals(one.observations(), other.observations());
    }
  }

  private static FitResult fit(List<String> overrides) {
    EstimationSettings s = EstimationFixtures.settings(overrides);
    return ModelFitter.fit(panel, s.models().get(0), s);
  }

  @Test
  void dropsARegressorConstantWithinTheFixedEffectsWithANote() {
    Dataset<Row> withPairCode = panel.withColumn("pair_code",
        org.apache.spark.sql.functions.pmod(org.apache.spark.sql.functions.hash(
            org.apache.spark.sql.functions.col("origin"),
            org.apache.spark.sql.functions.col("destination")), org.apache.spark.sql.functions.lit(7))
            .cast("double"));
    org.visawaiver.impact.estimate.spec.ModelSpec spec = org.visawaiver.impact.estimate.spec.ModelSpec
        .of("c", "ols", "arrivals ~ stay_log + pair_code | origin^destination + destination^month",
            "iid");
    FitResult f = ModelFitter.fit(withPairCode, spec, EstimationFixtures.settings());
    assertEquals(List.of("stay_log"), f.terms());
    assertEquals(List.of("pair_code"), f.droppedTerms());
    assertTrue(f.notes().contains("pair_code was removed because of collinearity: it is constant "
        + "within the fixed effects (origin^destination, destination^month), so its coefficient "
        + "is not identified (as fixest does)"), f.notes().toString());
  }

  @Test
  void refusesAnAllZeroOutcome() {
    Dataset<Row> zeros = panel.withColumn("arrivals", org.apache.spark.sql.functions.lit(0L));
    EstimationSettings s = EstimationFixtures.settings();
    org.visawaiver.impact.estimate.spec.EstimationException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.visawaiver.impact.estimate.spec.EstimationException.class,
        () -> ModelFitter.fit(zeros, s.models().get(0), s));
    assertEquals("model \"ppml\": the outcome is 0 in all 0 observations left to estimate (after "
        + "dropping missing values, singletons and separated observations); a Poisson model has no "
        + "solution; check the outcome column; nothing was estimated", e.getMessage());
  }

  @Test
  void writesTheEventStudy(@TempDir Path out) throws Exception {
    EstimationSettings s = EstimationFixtures.settings(List.of("estimate.compare=[VNM]",
        "estimate.event-study.leads=2", "estimate.event-study.lags=3",
        "estimate.event-study.bin-width=2", "estimate.bootstrap.terms=waiver"));
    List<EventStudy.Result> results = EventStudy.run(panel, EstimationStep.EVENT_COLUMNS, s);
    EventStudyWriter.write(out, results);
    List<String> terms = results.get(0).fit().terms();
    assertTrue(terms.get(0).startsWith("event_cell::"), terms.toString());
    // The default model's other regressors, read from its formula, after the other destinations'
    // waiver share.
    List<String> others = new java.util.ArrayList<>(List.of("waiver_share_not_VNM"));
    s.models().get(0).formula().terms().stream()
        .filter(t -> !(t instanceof org.visawaiver.impact.estimate.spec.Term.WaiverBy))
        .forEach(t -> others.add(t.label()));
    assertTrue(others.size() > 2, others.toString());
    assertEquals(others, terms.subList(terms.size() - others.size(), terms.size()));
    List<String> lines = Files.readAllLines(out.resolve("event_study.csv"));
    assertEquals("model,destination,rel_bin,rel_from,rel_to,estimate,std_error,ci_low,ci_high,"
        + "effect_pct,cohorts,observations", lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("ppml,VNM,-2,-2,-1,0,,,,0,")),
        lines.toString());
    List<String> summary = Files.readAllLines(out.resolve("event_study_summary.csv"));
    assertEquals("model,destination,att,att_std_error,att_ci_low,att_ci_high,pretrend_wald,"
        + "pretrend_df,pretrend_p_value,pretrend_boot_p_value,treated_pairs,cohorts,"
        + "always_treated_dropped,note", summary.get(0));
    assertEquals(2, summary.size());
    // The pre-trend test's bootstrap p-value (clustered by pair): a share of the draws.
    double boot = Double.parseDouble(summary.get(1).split(",")[9]);
    assertEquals(boot, results.get(0).aggregates().pretrend().bootPValue(), 0);
    assertTrue(boot >= 0 && boot <= 1, summary.get(1));
  }

  @Test
  void reportsNonConvergence() {
    FitResult f = fit(List.of("estimate.irls-max-iterations=2"));
    assertFalse(f.converged());
    assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("IRLS did not converge: relative "
        + "deviance change") && n.contains("after 2 iterations is above estimate.irls-tol = 1.0E-10")),
        f.notes().toString());
  }
}
