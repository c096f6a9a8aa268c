package org.visawaiver.impact.scenario.summary;

/**
 * One bar of a tornado chart (scenarios/sensitivity.csv): how the median of a cumulative output
 * moves when one uncertain input is held at its p10 or p90 in every draw while the others keep
 * their draws.
 *
 * @param output {@code net_fiscal_usd} or {@code job_years}
 * @param input {@code effect}, {@code spend}, {@code jobs_per_musd}, {@code employment_multiplier},
 *     {@code tax_share} or {@code baseline}
 * @param unit the unit of inputP10 and inputP90
 * @param inputP10 the input's 10th percentile (one origin; NaN for ALL, where each origin takes its own)
 * @param inputP90 the input's 90th percentile
 * @param outputP50 the output's median with every input drawn
 * @param outputP50AtInputP10 the output's median with the input held at its p10
 * @param outputP50AtInputP90 the output's median with the input held at its p90
 */
public record SensitivityRow(
    String scenario,
    String destination,
    String origin,
    String output,
    String input,
    String unit,
    double inputP10,
    double inputP90,
    double outputP50,
    double outputP50AtInputP10,
    double outputP50AtInputP90) {

  public double changeAtInputP10() {
    return outputP50AtInputP10 - outputP50;
  }

  public double changeAtInputP90() {
    return outputP50AtInputP90 - outputP50;
  }

  /** The bar's length: |change at p90 - change at p10|. */
  public double swing() {
    return Math.abs(outputP50AtInputP90 - outputP50AtInputP10);
  }
}
