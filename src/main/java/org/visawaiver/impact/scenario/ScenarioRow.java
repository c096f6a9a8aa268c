package org.visawaiver.impact.scenario;

/**
 * One output row (a scenario, origin and month or year), unrounded. Triples are p10, p50, p90 over
 * the Monte Carlo draws. The origin {@value #ALL} is the sum over a scenario's origins.
 *
 * @param period {@code YYYY-MM} (monthly) or {@code YYYY} (annual)
 * @param baselineArrivals point forecast of arrivals without the waiver
 * @param incrementalArrivals extra arrivals due to the waiver
 * @param visitorSpendingUsd incremental arrivals x spend per arrival
 * @param visaFeesForgoneUsd visa fee x baseline point forecast (deterministic)
 * @param netFiscalUsd tax share x visitor spending - visa fees forgone
 * @param totalJobs visitor spending / 1e6 x jobs per USD million x employment multiplier
 * @param breakEvenUpliftPct rise in arrivals (%) at which net fiscal is zero; NaN if undefined
 * @param effectPct the full (ramped-up) effect on arrivals, 100 x effect
 */
public record ScenarioRow(
    String scenario,
    String destination,
    String origin,
    String period,
    double baselineArrivals,
    double[] incrementalArrivals,
    double[] visitorSpendingUsd,
    double visaFeesForgoneUsd,
    double[] netFiscalUsd,
    double[] totalJobs,
    double breakEvenUpliftPct,
    String effectSource,
    int draws,
    long seed,
    String baselineMethod,
    double[] effectPct) {
  public static final String ALL = "ALL";

  /** baseline + median incremental arrivals. */
  public double scenarioArrivals() {
    return baselineArrivals + incrementalArrivals[1];
  }
}
