package org.visawaiver.impact.scenario.summary;

/**
 * One origin's Monte Carlo draws over a scenario's whole horizon: what the cumulative summary and
 * the sensitivity need. Arrays are per draw and not copied (built once by the projector, read only).
 * The cumulative incremental arrivals of draw d are {@code effect[d] x rampedBaseline[d]}.
 *
 * @param origin the nationality
 * @param effect the proportional effect (0.25 = +25 %), before ramp-up
 * @param rampedBaseline sum over months of baseline draw x ramp-up share
 * @param discountedRampedBaseline the same with month h discounted by (1 + r)^(-h/12)
 * @param baselineDraw sum over months of the baseline draw (no ramp): the baseline's own uncertainty
 * @param spend spending per arrival, USD
 * @param jobsPerMusd direct jobs per USD million (annual ratio)
 * @param multiplier total / direct employment
 * @param tax share of spending that reaches the government
 * @param fee visa fee per tourist, USD (fixed)
 * @param baselinePoint sum over months of the baseline point forecast
 * @param discountedBaselinePoint the same discounted
 */
public record OriginDraws(
    String origin,
    double[] effect,
    double[] rampedBaseline,
    double[] discountedRampedBaseline,
    double[] baselineDraw,
    double[] spend,
    double[] jobsPerMusd,
    double[] multiplier,
    double[] tax,
    double fee,
    double baselinePoint,
    double discountedBaselinePoint) {

  /** Number of draws. */
  public int draws() {
    return effect.length;
  }
}
