package org.visawaiver.impact.scenario;

/**
 * What one more visitor from {@code origin} is worth to {@code destination}: one row of
 * tourism_parameters.csv.
 *
 * @param spendPerArrivalUsd average visitor spending per trip, USD
 * @param visaFeeUsd the visa fee one tourist pays today, USD
 * @param jobsPerMusd direct jobs per USD 1 million of visitor spending
 * @param employmentMultiplier total / direct employment (1 when the cell is empty)
 * @param taxShare share of visitor spending that reaches the government as tax (0 when empty)
 */
public record TourismParameters(
    String destination,
    String origin,
    double spendPerArrivalUsd,
    double visaFeeUsd,
    double jobsPerMusd,
    double employmentMultiplier,
    double taxShare,
    String source) {

  /** Total jobs per USD of visitor spending: jobs_per_musd / 1e6 x employment multiplier. */
  public double jobsPerUsd() {
    return jobsPerMusd / 1e6 * employmentMultiplier;
  }

  /**
   * Rise in arrivals (%) at which net fiscal is zero: tax x spend x uplift x baseline = fee x
   * baseline, so uplift = 100 x fee / (tax x spend); NaN (an empty cell) when tax or spend is 0.
   */
  public double breakEvenUpliftPct() {
    double denominator = taxShare * spendPerArrivalUsd;
    return denominator > 0 ? 100.0 * visaFeeUsd / denominator : Double.NaN;
  }
}
