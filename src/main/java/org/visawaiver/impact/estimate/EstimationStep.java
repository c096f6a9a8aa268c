package org.visawaiver.impact.estimate;

/** Not built yet: estimation (issue 3). */
public final class EstimationStep {
  private EstimationStep() {}

  public static java.util.List<org.visawaiver.impact.estimate.result.ModelResult> run(org.apache.spark.sql.SparkSession spark, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> panel, org.visawaiver.impact.config.JobConfig config, java.nio.file.Path out) {
    throw new UnsupportedOperationException("estimation (issue 3) is not built yet");
  }
}
