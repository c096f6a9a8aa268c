package org.visawaiver.impact.panel;

/** Not built yet: the panel (issue 2). */
public final class PanelBuilder {
  private PanelBuilder() {}

  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> build(org.visawaiver.impact.validate.ValidatedInputs inputs, org.visawaiver.impact.config.JobConfig config) {
    throw new UnsupportedOperationException("the panel (issue 2) is not built yet");
  }
}
