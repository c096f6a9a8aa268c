package org.visawaiver.impact.scenario.summary;

/**
 * One row of scenarios/scenario_summary.csv: a scenario's cumulative totals over its horizon for
 * one origin (or {@code ALL}), unrounded; triples are p10, p50, p90 over the draws.
 *
 * @param startMonth first projected month, YYYY-MM
 * @param endMonth last projected month
 * @param baselineArrivals cumulative baseline point forecast
 * @param incrementalArrivals cumulative incremental arrivals
 * @param visitorSpendingUsd cumulative visitor spending
 * @param visaFeesForgoneUsd cumulative fees forgone (fee x baseline point forecast)
 * @param netFiscalUsd cumulative net fiscal effect
 * @param discountRate annual rate of the NPV
 * @param netFiscalNpvUsd net present value of net fiscal at the start month
 * @param jobYears cumulative job-years (jobs sustained x years)
 * @param probNetFiscalPositive share of draws with cumulative net fiscal > 0
 * @param probUpliftAboveBreakEven share of draws whose full effect exceeds the break-even uplift
 * @param breakEvenUpliftPct break-even uplift (%) at the parameters' own values
 * @param effectPct the full effect (%), for ALL the baseline-weighted mean over origins
 * @param dataNote empty, or which inputs used are synthetic
 */
public record SummaryRow(
    String scenario,
    String destination,
    String origin,
    String startMonth,
    String endMonth,
    int horizonMonths,
    double baselineArrivals,
    double[] incrementalArrivals,
    double[] visitorSpendingUsd,
    double visaFeesForgoneUsd,
    double[] netFiscalUsd,
    double discountRate,
    double[] netFiscalNpvUsd,
    double[] jobYears,
    double probNetFiscalPositive,
    double probUpliftAboveBreakEven,
    double breakEvenUpliftPct,
    double[] effectPct,
    String effectSource,
    int draws,
    long seed,
    String dataNote) {

  /** The same row with another data note. */
  public SummaryRow withDataNote(String note) {
    return new SummaryRow(scenario, destination, origin, startMonth, endMonth, horizonMonths, baselineArrivals,
        incrementalArrivals, visitorSpendingUsd, visaFeesForgoneUsd, netFiscalUsd, discountRate, netFiscalNpvUsd,
        jobYears, probNetFiscalPositive, probUpliftAboveBreakEven, breakEvenUpliftPct, effectPct, effectSource,
        draws, seed, note);
  }
}
