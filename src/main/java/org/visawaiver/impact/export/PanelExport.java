package org.visawaiver.impact.export;

/** Not built yet: panel export (issue 2). */
public final class PanelExport {
  private PanelExport() {}

  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> write(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> panel, java.nio.file.Path out) {
    throw new UnsupportedOperationException("panel export (issue 2) is not built yet");
  }
}
