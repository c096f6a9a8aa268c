package org.visawaiver.impact.scenario;

import java.util.function.ToDoubleFunction;

/**
 * The columns of tourism_parameters.csv that may carry a range ({@code <column>_low},
 * {@code <column>_high}) and are then drawn per Monte Carlo draw.
 */
public enum UncertainParameter {
  SPEND("spend_per_arrival_usd", TourismParameters::spendPerArrivalUsd),
  JOBS("jobs_per_musd", TourismParameters::jobsPerMusd),
  MULTIPLIER("employment_multiplier", TourismParameters::employmentMultiplier),
  TAX("tax_share", TourismParameters::taxShare);

  private final String column;
  private final ToDoubleFunction<TourismParameters> value;

  UncertainParameter(String column, ToDoubleFunction<TourismParameters> value) {
    this.column = column;
    this.value = value;
  }

  /** The column of tourism_parameters.csv, e.g. {@code tax_share}. */
  public String column() {
    return column;
  }

  /** The column's own (most likely) value in a row. */
  public double value(TourismParameters p) {
    return value.applyAsDouble(p);
  }
}
