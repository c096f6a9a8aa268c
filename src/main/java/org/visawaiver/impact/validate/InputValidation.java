package org.visawaiver.impact.validate;

/** Not built yet: validation (issue 2). */
public final class InputValidation {
  private InputValidation() {}

  public static ValidatedInputs run(org.apache.spark.sql.SparkSession spark, org.visawaiver.impact.config.JobConfig config, java.nio.file.Path out, boolean withParameters) {
    throw new UnsupportedOperationException("validation (issue 2) is not built yet");
  }
}
