package org.visawaiver.impact.estimate.eventstudy;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.visawaiver.impact.estimate.spec.EstimationSettings;

/** Event study around waiver starts (estimate.event-study). */
public final class EventStudy {
  private EventStudy() {}

  public static void run(Dataset<Row> panel, EstimationSettings settings, Path dir) {
    // built below
  }
}
