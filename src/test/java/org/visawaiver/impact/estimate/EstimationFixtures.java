package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/** Shared helpers of the estimation tests: settings from the built-in defaults, CSV readers. */
final class EstimationFixtures {
  /** The executors every golden case runs on (estimate.executor). */
  static final List<String> EXECUTORS = List.of("local", "spark");
  /** Largest relative difference between the executors' numbers. */
  static final double EXECUTOR_TOL = 1e-12;

  private EstimationFixtures() {}

  /** Two fits of one model on the two executors: the same sample, estimates and variance. */
  static void assertSameFit(FitResult spark, FitResult local) {
    assertEquals(spark.observations(), local.observations(), spark.model() + ": observations");
    assertEquals(spark.iterations(), local.iterations(), spark.model() + ": IRLS iterations");
    assertClose(spark.coefficients(), local.coefficients(), spark.model() + " coefficients");
    double[][] a = spark.vcov();
    double[][] b = local.vcov();
    for (int i = 0; i < a.length; i++) {
      assertClose(a[i], b[i], spark.model() + " vcov row " + i);
    }
  }

  /** |a - b| <= EXECUTOR_TOL x max(|a|, |b|) elementwise (NaN equals NaN). */
  static void assertClose(double[] a, double[] b, String what) {
    assertEquals(a.length, b.length, what + ": length");
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i]) && Double.isNaN(b[i])) {
        continue;
      }
      double scale = Math.max(Math.abs(a[i]), Math.abs(b[i]));
      assertTrue(Math.abs(a[i] - b[i]) <= EXECUTOR_TOL * scale,
          what + "[" + i + "]: spark " + a[i] + " vs local " + b[i]);
    }
  }

  /**
   * Settings from the defaults and the overrides; the bootstrap is off unless an override turns it
   * on (estimate.bootstrap.terms), so tests about the estimates stay fast.
   */
  static EstimationSettings settings(List<String> overrides, ModelSpec... models) {
    List<String> all = new java.util.ArrayList<>(List.of("estimate.bootstrap.terms=none"));
    all.addAll(overrides);
    JobConfig config = JobConfig.load(null, false, all);
    EstimationSettings s = EstimationSettings.from(config.section("estimate"));
    return models.length == 0 ? s : s.withModels(List.of(models));
  }

  static EstimationSettings settings(ModelSpec... models) {
    return settings(List.of(), models);
  }

  /** A CSV test resource as a DataFrame with inferred types. */
  static Dataset<Row> resource(String path) {
    String file = EstimationFixtures.class.getResource(path).getPath();
    return SharedSpark.spark().read().option("header", "true").option("inferSchema", "true")
        .csv(file);
  }

  static double relative(double expected, double actual) {
    return Math.abs(actual - expected) / Math.abs(expected);
  }
}
