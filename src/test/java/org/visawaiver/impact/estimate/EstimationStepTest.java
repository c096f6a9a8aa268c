package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.bench.SyntheticPanel;
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
  void writesTheContractFilesAndRecoversTheTruth(@TempDir Path out) throws Exception {
    JobConfig config = JobConfig.load(null, false, List.of("estimate.event-study.enabled=false"));
    List<ModelResult> results = EstimationStep.run(SharedSpark.spark(), panel, config, out);
    assertEquals(List.of("ppml", "ols"), results.stream().map(ModelResult::model).toList());
    ModelResult ppml = results.get(0);
    assertEquals(SyntheticPanel.TERMS, ppml.terms());
    List<String> coef = Files.readAllLines(out.resolve("estimates/coefficients.csv"));
    assertEquals("model,term,estimate,std_error,z_value,p_value,ci_low,ci_high,effect_pct",
        coef.get(0));
    assertEquals(1 + 2 * SyntheticPanel.TERMS.size(), coef.size());
    List<String> summary = Files.readAllLines(out.resolve("estimates/model_summary.csv"));
    assertEquals(3, summary.size());
    assertTrue(summary.get(0).startsWith("model,estimator,formula,vcov,observations_used,"
        + "dropped_missing_outcome,dropped_missing_regressor"), summary.get(0));
    List<String> cmp = Files.readAllLines(out.resolve("estimates/waiver_comparison.csv"));
    assertEquals(1 + 2 * 3, cmp.size());
    assertTrue(cmp.get(1).startsWith("ppml,VNM,waiver:VNM,"), cmp.get(1));
    assertTrue(cmp.get(1).contains("b_VNM = b_THA = b_LAO"), cmp.get(1));
    // Recovery: every 95% interval of the PPML model covers the true value.
    double[] b = ppml.coefficients();
    double[][] v = ppml.vcov();
    for (int i = 0; i < b.length; i++) {
      System.out.println("RECOVERY " + ppml.terms().get(i) + " " + b[i] + " " + Math.sqrt(v[i][i]));
    }
    for (int i = 0; i < b.length; i++) {
      double se = Math.sqrt(v[i][i]);
      assertTrue(Math.abs(b[i] - SyntheticPanel.TRUTH[i]) <= 1.96 * se,
          ppml.terms().get(i) + ": " + b[i] + " +- " + 1.96 * se + " misses " + SyntheticPanel.TRUTH[i]);
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
    for (FitResult other : List.of(two, eight, local)) {
      for (String t : one.terms()) {
        assertEquals(one.coefficient(t), other.coefficient(t), 1e-10 * Math.abs(one.coefficient(t)),
            t);
        assertEquals(one.stdError(t), other.stdError(t), 1e-10 * one.stdError(t), t);
      }
      assertEquals(one.observations(), other.observations());
    }
  }

  private static FitResult fit(List<String> overrides) {
    EstimationSettings s = EstimationFixtures.settings(overrides);
    return ModelFitter.fit(panel, s.models().get(0), s);
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
