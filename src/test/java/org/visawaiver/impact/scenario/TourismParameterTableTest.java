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

  /** The accepted schema with ranges (as validation hands it over, bounds typed or null). */
  private static Row ranged(Object... values) {
    org.apache.spark.sql.types.StructType schema = ScenarioFixtures.PARAMETER_SCHEMA
        .add("spend_per_arrival_usd_low", org.apache.spark.sql.types.DataTypes.DoubleType)
        .add("spend_per_arrival_usd_high", org.apache.spark.sql.types.DataTypes.DoubleType)
        .add("tax_share_low", org.apache.spark.sql.types.DataTypes.DoubleType)
        .add("tax_share_high", org.apache.spark.sql.types.DataTypes.DoubleType);
    return new GenericRowWithSchema(values, schema);
  }

  @Test
  void rangesBecomeTriangularAroundTheValue() {
    TourismParameters p =
        TourismParameterTable.fromRows(List.of(ranged("KHM", "KOR", 673.0, 30.0, 118.6, 1.0, 0.1, "x", 500.0, 900.0,
            null, 0.15))).require("KHM", "KOR", "s");
    assertEquals(new org.visawaiver.impact.scenario.draws.Triangular(500, 673, 900),
        p.distribution(UncertainParameter.SPEND));
    // one bound alone: the other side is the value
    assertEquals(new org.visawaiver.impact.scenario.draws.Triangular(0.1, 0.1, 0.15),
        p.distribution(UncertainParameter.TAX));
    assertTrue(p.distribution(UncertainParameter.JOBS).isPoint());
    assertTrue(p.drawn());
    InputException e =
        assertThrows(InputException.class, () -> TourismParameterTable.fromRows(
            List.of(ranged("KHM", "KOR", 673.0, 30.0, 118.6, 1.0, 0.1, "x", 700.0, 900.0, null, null))));
    assertEquals("tourism_parameters.csv row KHM/KOR: spend_per_arrival_usd_low = 700.0, spend_per_arrival_usd ="
        + " 673.0, spend_per_arrival_usd_high = 900.0: the range must satisfy low <= value <= high; fix the bounds"
        + " or leave them empty (fixed value); no scenarios were projected", e.getMessage());
  }
}
