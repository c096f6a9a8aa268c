package org.visawaiver.impact.scenario;

import java.util.EnumMap;
import java.util.Map;
import org.visawaiver.impact.scenario.draws.Triangular;

/**
 * What one more visitor from {@code origin} is worth to {@code destination}: one row of
 * tourism_parameters.csv.
 *
 * @param spendPerArrivalUsd average visitor spending per trip, USD
 * @param visaFeeUsd the visa fee one tourist pays today, USD
 * @param jobsPerMusd direct jobs per USD 1 million of visitor spending
 * @param employmentMultiplier total / direct employment (1 when the cell is empty)
 * @param taxShare share of visitor spending that reaches the government as tax (0 when empty)
 * @param ranges the parameters given with {@code <column>_low}/{@code _high}: triangular with the
 *     column's value as the mode; a parameter not in the map is fixed
 */
public record TourismParameters(
    String destination,
    String origin,
    double spendPerArrivalUsd,
    double visaFeeUsd,
    double jobsPerMusd,
    double employmentMultiplier,
    double taxShare,
    String source,
    Map<UncertainParameter, Triangular> ranges) {
  public TourismParameters {
    ranges = ranges.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(ranges));
  }

  /** A row without ranges: every parameter fixed. */
  public TourismParameters(
      String destination, String origin, double spendPerArrivalUsd, double visaFeeUsd, double jobsPerMusd,
      double employmentMultiplier, double taxShare, String source) {
    this(destination, origin, spendPerArrivalUsd, visaFeeUsd, jobsPerMusd, employmentMultiplier, taxShare, source,
        Map.of());
  }

  /** The distribution of a parameter: its range, or a point at its value. */
  public Triangular distribution(UncertainParameter p) {
    Triangular t = ranges.get(p);
    return t != null ? t : Triangular.point(p.value(this));
  }

  /** True when any parameter has a range (then the p50 identities hold per draw, not on quantiles). */
  public boolean drawn() {
    return ranges.values().stream().anyMatch(t -> !t.isPoint());
  }

  /** Total jobs per USD of visitor spending: jobs_per_musd / 1e6 x employment multiplier. */
  public double jobsPerUsd() {
    return jobsPerMusd / 1e6 * employmentMultiplier;
  }

  /**
   * Rise in arrivals (%) at which net fiscal is zero: tax x spend x uplift x baseline = fee x
   * baseline, so uplift = 100 x fee / (tax x spend); NaN (an empty cell) when tax or spend is 0.
   * At the parameters' own (most likely) values.
   */
  public double breakEvenUpliftPct() {
    double denominator = taxShare * spendPerArrivalUsd;
    return denominator > 0 ? 100.0 * visaFeeUsd / denominator : Double.NaN;
  }
}
