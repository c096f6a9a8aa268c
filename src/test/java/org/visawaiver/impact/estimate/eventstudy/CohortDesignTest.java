package org.visawaiver.impact.estimate.eventstudy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * Who is treated when, on a hand-made panel of months 2020-01..2020-12: into D, pair a switches
 * in 2020-03 (a waiver from the 20th: share 0.35 counts), b in 2020-06, c is visa-free from its
 * first month (always-treated), n never switches; E's pairs all switch (x in 2020-04, y in
 * 2020-09: no never-treated pair), F's one pair switches alone.
 */
class CohortDesignTest {
  static final EventColumns COLUMNS = new EventColumns("share", "dest",
      FixedEffect.of("orig", "dest"), "month");
  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("dest", DataTypes.StringType, false),
      DataTypes.createStructField("orig", DataTypes.StringType, false),
      DataTypes.createStructField("month", DataTypes.StringType, false),
      DataTypes.createStructField("y", DataTypes.LongType, true),
      DataTypes.createStructField("share", DataTypes.DoubleType, false)));

  private static void pair(List<Row> rows, String dest, String orig, int cohort) {
    for (int m = 1; m <= 12; m++) {
      double share = cohort == 0 || m > cohort ? 1 : m == cohort ? 0.35 : 0;
      rows.add(RowFactory.create(dest, orig, String.format("2020-%02d", m), m == 5 ? null : 10L,
          cohort < 0 ? 0.0 : share));
    }
  }

  @Test
  void cohortsAlwaysTreatedControlsAndCells() {
    List<Row> rows = new ArrayList<>();
    pair(rows, "D", "a", 3);
    pair(rows, "D", "b", 6);
    pair(rows, "D", "c", 0);
    pair(rows, "D", "n", -1);
    pair(rows, "E", "x", 4);
    pair(rows, "E", "y", 9);
    pair(rows, "F", "z", 7);
    Dataset<Row> panel = SharedSpark.spark().createDataFrame(rows, SCHEMA);
    try (CohortDesign design =
        new CohortDesign(panel, COLUMNS, new RelativeBins(2, 3, 2), "y")) {
      CohortDesign.Group d = design.forGroup("D", true);
      assertNull(d.skipped());
      assertEquals(2, d.treatedUnits());
      assertEquals(2, d.cohorts());
      assertEquals(1, d.alwaysTreated());
      assertNull(d.controlCohort());
      assertEquals("share_not_D", d.otherTreatment());
      assertEquals(48 - 12, d.data().where("dest = 'D'").count(), "c's 12 rows leave D's study");
      assertEquals(84 - 12, d.data().count(), "other groups' rows stay (controls)");
      // a (cohort 2020-03): months 1..12 are r = -2..9: bins -2 (ref: r -2, -1), 0, 2, post (r > 3).
      // b (cohort 2020-06): r = -5..6: pre (r < -2: -5, -4, -3), -2 (ref), 0, 2, post.
      // Reported rows exclude month 5 (y missing).
      List<String> cells = d.cells().stream()
          .map(c -> c.cohort() + " " + c.bin() + " " + c.reportedRows()).toList();
      assertEquals(List.of("2020-03 -2 2", "2020-03 0 2", "2020-03 2 1", "2020-03 post 6",
          "2020-06 pre 3", "2020-06 -2 1", "2020-06 0 2", "2020-06 2 2", "2020-06 post 3"), cells);
      assertEquals(7, d.dummyCells().size());
      assertEquals("2020-03|0", d.dummyCells().get(0).level());

      CohortDesign.Group e = design.forGroup("E", true);
      assertEquals("2020-09", e.controlCohort());
      assertEquals(1, e.treatedUnits());
      assertEquals(1, e.cohorts());
      assertEquals(1, e.dummyCells().stream().map(CohortDesign.Cell::cohort).distinct().count());
      assertEquals(2 * 8, e.data().where("dest = 'E'").count(), "E's months from 2020-09 left out");
      CohortDesign.Group eAcross = design.forGroup("E", false);
      assertNull(eAcross.controlCohort(), "without a group x period effect other groups compare");
      assertEquals(2, eAcross.cohorts());

      CohortDesign.Group f = design.forGroup("F", true);
      assertEquals("no unit of dest = F is never treated and all 1 switching units share one "
          + "cohort: with a dest x month fixed effect nothing compares them", f.skipped());
    }
  }
}
