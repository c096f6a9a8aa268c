package org.visawaiver.impact.scenario.summary;

import java.nio.file.Path;
import java.util.List;
import org.visawaiver.impact.io.TypedTable;

/**
 * scenarios/scenario_summary.csv (the headline: one row per scenario and origin, and ALL) and
 * scenarios/sensitivity.csv (tornado data), with fixed column names and order.
 */
public final class SummaryTables {
  public static final String SUMMARY_CSV = "scenario_summary.csv";
  public static final String SENSITIVITY_CSV = "sensitivity.csv";

  static final TableSpec<SummaryRow> SUMMARY =
      new TableSpec<SummaryRow>()
          .text("scenario", "scenario name (configuration scenario.list)", SummaryRow::scenario)
          .text("destination", "country that waives visas", SummaryRow::destination)
          .text("origin", "nationality that gets the waiver; ALL = the scenario's origins together",
              SummaryRow::origin)
          .text("start_month", "first projected month (the waiver starts)", SummaryRow::startMonth)
          .text("end_month", "last projected month", SummaryRow::endMonth)
          .number("horizon_months", 0, "months projected", SummaryRow::horizonMonths)
          .number("baseline_arrivals", 0, "cumulative baseline point forecast (arrivals without the waiver)",
              SummaryRow::baselineArrivals)
          .quantiles("incremental_arrivals", 0, "cumulative incremental arrivals = sum over months of"
              + " baseline draw x effect x ramp-up share", SummaryRow::incrementalArrivals)
          .quantiles("visitor_spending_usd", 0, "cumulative visitor spending (USD) = incremental arrivals x"
              + " spend per arrival (drawn when it has a range)", SummaryRow::visitorSpendingUsd)
          .number("visa_fees_forgone_usd", 0, "cumulative fees forgone (USD) = visa fee x baseline_arrivals",
              SummaryRow::visaFeesForgoneUsd)
          .quantiles("net_fiscal_usd", 0, "cumulative net fiscal effect (USD) = tax share x visitor spending -"
              + " fees forgone, per draw", SummaryRow::netFiscalUsd)
          .number("discount_rate", 4, "annual discount rate of the NPV (scenario.discount-rate)",
              SummaryRow::discountRate)
          .quantiles("net_fiscal_npv_usd", 0, "net present value at the start month of the monthly net fiscal"
              + " effects, month h (0 = start) discounted by (1 + discount_rate)^(-h/12)", SummaryRow::netFiscalNpvUsd)
          .quantiles("job_years", 1, "cumulative job-years = cumulative visitor spending / 1e6 x jobs_per_musd x"
              + " employment_multiplier (jobs_per_musd is jobs per USD million a year)", SummaryRow::jobYears)
          .number("prob_net_fiscal_positive", 4, "share of draws whose cumulative net fiscal effect is above 0",
              SummaryRow::probNetFiscalPositive)
          .number("prob_uplift_above_break_even", 4, "share of draws whose full effect exceeds the break-even"
              + " uplift: sum over origins of (tax x spend x effect - fee) x baseline_arrivals > 0, per draw",
              SummaryRow::probUpliftAboveBreakEven)
          .number("break_even_uplift_pct", 4, "rise in arrivals (%) at which net fiscal is zero, at the"
              + " parameters' own values: 100 x fee / (tax x spend); ALL: 100 x sum(fee x baseline) /"
              + " sum(tax x spend x baseline)", SummaryRow::breakEvenUpliftPct)
          .quantiles("effect_pct", 2, "the full effect on arrivals (%), before ramp-up; ALL: weighted by each"
              + " origin's baseline_arrivals", SummaryRow::effectPct)
          .text("effect_source", "the borrowed effect", SummaryRow::effectSource)
          .number("draws", 0, "Monte Carlo draws", SummaryRow::draws)
          .number("seed", 0, "base seed of the random streams (scenario.seed or the scenario's own)", SummaryRow::seed)
          .text("data_note", "empty, or which inputs the scenario uses have rows whose source says synthetic",
              SummaryRow::dataNote)
          .build();

  static final TableSpec<SensitivityRow> SENSITIVITY =
      new TableSpec<SensitivityRow>()
          .text("scenario", "scenario name", SensitivityRow::scenario)
          .text("destination", "country that waives visas", SensitivityRow::destination)
          .text("origin", "nationality, or ALL", SensitivityRow::origin)
          .text("output", "net_fiscal_usd (cumulative) or job_years (cumulative)", SensitivityRow::output)
          .text("input", "the uncertain input held fixed: effect, spend_per_arrival_usd, jobs_per_musd,"
              + " employment_multiplier, tax_share or baseline", SensitivityRow::input)
          .text("unit", "unit of input_p10 and input_p90 (pct, usd, jobs_per_musd, ratio, share, arrivals)",
              SensitivityRow::unit)
          .number("input_p10", 4, "the input's 10th percentile over the draws (one origin; empty for ALL, where"
              + " each origin takes its own); baseline: cumulative baseline arrivals", SensitivityRow::inputP10)
          .number("input_p90", 4, "the input's 90th percentile", SensitivityRow::inputP90)
          .number("output_p50", 1, "median of the output over the draws, every input drawn", SensitivityRow::outputP50)
          .number("output_p50_at_input_p10", 1, "median of the output with the input held at its p10 in every"
              + " draw (the other inputs keep their draws)", SensitivityRow::outputP50AtInputP10)
          .number("output_p50_at_input_p90", 1, "the same with the input at its p90", SensitivityRow::outputP50AtInputP90)
          .number("change_at_input_p10", 1, "output_p50_at_input_p10 - output_p50", SensitivityRow::changeAtInputP10)
          .number("change_at_input_p90", 1, "output_p50_at_input_p90 - output_p50", SensitivityRow::changeAtInputP90)
          .number("swing", 1, "|output_p50_at_input_p90 - output_p50_at_input_p10|: the bar's length",
              SensitivityRow::swing)
          .build();

  private SummaryTables() {}

  public static TypedTable summaryTable(List<SummaryRow> rows) {
    return SUMMARY.table("summary", rows);
  }

  public static TypedTable sensitivityTable(List<SensitivityRow> rows) {
    return SENSITIVITY.table("sensitivity", rows);
  }

  /** Writes both files into {@code dir}; returns the tables (for the workbook). */
  public static List<TypedTable> write(Path dir, List<SummaryRow> summary, List<SensitivityRow> sensitivity) {
    TypedTable s = summaryTable(summary);
    TypedTable t = sensitivityTable(sensitivity);
    s.writeCsv(dir.resolve(SUMMARY_CSV));
    t.writeCsv(dir.resolve(SENSITIVITY_CSV));
    return List.of(s, t);
  }
}
