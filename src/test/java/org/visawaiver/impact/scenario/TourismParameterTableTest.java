package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.InputException;

class TourismParameterTableTest {
  private static Row row(Object... values) {
    return new GenericRowWithSchema(values, ScenarioFixtures.PARAMETER_SCHEMA);
  }

  @Test
  void emptyMultiplierIsOneAndEmptyTaxShareIsZero() {
    TourismParameterTable t =
        TourismParameterTable.fromRows(List.of(row("KHM", "KOR", 673.0, 30.0, 118.6, null, null, "x")));
    TourismParameters p = t.require("KHM", "KOR", "s");
    assertEquals(1.0, p.employmentMultiplier());
    assertEquals(0.0, p.taxShare());
    assertTrue(Double.isNaN(p.breakEvenUpliftPct()), "no tax: break-even undefined");
    assertEquals(118.6e-6, p.jobsPerUsd(), 1e-15);
  }

  /** 100 x 30 / (0.1 x 673) = 44.58%. */
  @Test
  void breakEvenUplift() {
    TourismParameters p = ScenarioFixtures.params("KOR", 673.0, 30.0, 118.6, 1.5, 0.1);
    assertEquals(44.5765, p.breakEvenUpliftPct(), 1e-4);
  }

  @Test
  void negativeOrDuplicateRowsAreInputErrors() {
    InputException neg =
        assertThrows(
            InputException.class,
            () -> TourismParameterTable.fromRows(List.of(row("KHM", "KOR", -1.0, 30.0, 118.6, 1.0, 0.1, "x"))));
    assertEquals(
        "tourism_parameters.csv row KHM/KOR: spend_per_arrival_usd = -1.0 must be a number in [0.0, inf];"
            + " no scenarios were projected",
        neg.getMessage());
    InputException dup =
        assertThrows(
            InputException.class,
            () ->
                TourismParameterTable.fromRows(
                    List.of(
                        row("KHM", "KOR", 1.0, 30.0, 118.6, 1.0, 0.1, "x"),
                        row("KHM", "KOR", 2.0, 30.0, 118.6, 1.0, 0.1, "y"))));
    assertEquals(
        "tourism_parameters.csv: two rows for destination KHM and origin KOR; keep one; no scenarios were projected",
        dup.getMessage());
  }
}
