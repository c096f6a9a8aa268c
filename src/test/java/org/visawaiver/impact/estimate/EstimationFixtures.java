package org.visawaiver.impact.estimate;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/** Shared helpers of the estimation tests: settings from the built-in defaults, CSV readers. */
final class EstimationFixtures {
  private EstimationFixtures() {}

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
