package org.visawaiver.impact.scenario;

/** Not built yet: scenarios (issue 4). */
public final class ScenarioStep {
  private ScenarioStep() {}

  public static String run(org.apache.spark.sql.SparkSession spark, org.visawaiver.impact.validate.ValidatedInputs inputs, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> panel, java.util.List<org.visawaiver.impact.estimate.result.ModelResult> models, org.visawaiver.impact.config.JobConfig config, java.nio.file.Path out) {
    throw new UnsupportedOperationException("scenarios (issue 4) is not built yet");
  }
}
