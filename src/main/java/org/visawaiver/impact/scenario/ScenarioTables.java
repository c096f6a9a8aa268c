package org.visawaiver.impact.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.io.TypedTable;
import org.visawaiver.impact.io.XlsxWorkbookWriter;
import org.visawaiver.impact.scenario.summary.SensitivityRow;
import org.visawaiver.impact.scenario.summary.SummaryRow;
import org.visawaiver.impact.scenario.summary.SummaryTables;
import org.visawaiver.impact.scenario.summary.TableSpec;

/**
 * The scenario output tables: the contract's columns in a fixed order (then a few extra ones),
 * each with its rounding and its formula, written as scenarios/scenario_annual.csv,
 * scenarios/scenario_monthly.csv and optionally scenarios/scenarios.xlsx.
 *
 * <p>Every value is rounded only when written, from unrounded draws, so the contract's identities
 * hold on the written numbers within half a unit of each operand.
 */
public final class ScenarioTables {
  public static final String ANNUAL_CSV = "scenario_annual.csv";
  public static final String MONTHLY_CSV = "scenario_monthly.csv";
  public static final String WORKBOOK = "scenarios.xlsx";

  private static final TableSpec<ScenarioRow> COLUMNS =
      new TableSpec<ScenarioRow>()
          .text("scenario", "scenario name (configuration scenario.list)", ScenarioRow::scenario)
          .text("destination", "country that waives visas (ISO 3166-1 alpha-3)", ScenarioRow::destination)
          .text("origin", "nationality that gets the waiver; ALL = sum over the scenario's origins", ScenarioRow::origin)
          .text("period", "month YYYY-MM (monthly) or calendar year YYYY (annual; sum of its projected months)",
              ScenarioRow::period)
          .number("baseline_arrivals", 0,
              "arrivals without the waiver: the baseline point forecast (BaselineForecaster)",
              ScenarioRow::baselineArrivals)
          .number("scenario_arrivals", 0, "baseline_arrivals + incremental_arrivals_p50", ScenarioRow::scenarioArrivals)
          .quantiles("incremental_arrivals", 0,
              "incremental arrivals = baseline draw x effect x ramp-up share, effect = exp(b_waiver + b_stay x"
                  + " ln(stay/30) - b_regime) - 1",
              ScenarioRow::incrementalArrivals)
          .quantiles("visitor_spending_usd", 0,
              "visitor spending (USD) = incremental arrivals x spend_per_arrival_usd (tourism_parameters.csv;"
                  + " drawn per draw when it has a range)",
              ScenarioRow::visitorSpendingUsd)
          .number("visa_fees_forgone_usd", 0,
              "visa fees forgone (USD) = visa_fee_usd x baseline_arrivals (visitors who would have come and paid)",
              ScenarioRow::visaFeesForgoneUsd)
          .quantiles("net_fiscal_usd", 0,
              "net fiscal effect (USD) = tax_share x visitor spending - visa fees forgone, per draw",
              ScenarioRow::netFiscalUsd)
          .quantiles("total_jobs", 1,
              "total jobs = visitor spending / 1e6 x jobs_per_musd x employment_multiplier; jobs_per_musd is an"
                  + " annual ratio, so an annual row gives the jobs that year's spending sustains and a monthly row"
                  + " the job-years its spending supports (x 12 = jobs at that month's rate)",
              ScenarioRow::totalJobs)
          .number("break_even_uplift_pct", 4,
              "rise in arrivals (%) at which net fiscal is zero = 100 x visa_fee_usd / (tax_share x"
                  + " spend_per_arrival_usd) at the parameters' own values; ALL rows: 100 x sum(fee x baseline) /"
                  + " sum(tax x spend x baseline); empty when tax or spend is 0",
              ScenarioRow::breakEvenUpliftPct)
          .text("effect_source",
              "the borrowed effect: model and source (predictive summary, term, pooled weights or a fixed"
                  + " log-point effect), and the regime the waiver replaces",
              ScenarioRow::effectSource)
          .number("draws", 0, "Monte Carlo draws", ScenarioRow::draws)
          .number("seed", 0, "base seed of the random streams (scenario.seed or the scenario's own)",
              ScenarioRow::seed)
          .text("baseline_method", "forecasting method of the baseline", ScenarioRow::baselineMethod)
          .quantiles("effect_pct", 2,
              "the full effect on arrivals (%) = 100 x effect, before ramp-up; ALL rows: weighted by each"
                  + " origin's baseline_arrivals",
              ScenarioRow::effectPct)
          .build();

  private ScenarioTables() {}

  public static List<String> header() {
    return COLUMNS.header();
  }

  public static TypedTable table(String name, List<ScenarioRow> rows) {
    return COLUMNS.table(name, rows);
  }

  /** Writes the CSV files (and the workbook) into {@code dir}; returns the tables written. */
  public static List<TypedTable> write(Path dir, List<ScenarioProjector.Projection> projections, boolean xlsx) {
    List<SummaryRow> summary = new ArrayList<>();
    List<SensitivityRow> sensitivity = new ArrayList<>();
    projections.forEach(p -> {
      summary.addAll(p.summary());
      sensitivity.addAll(p.sensitivity());
    });
    return write(dir, projections, summary, sensitivity, xlsx);
  }

  /**
   * Writes scenario_annual.csv, scenario_monthly.csv, scenario_summary.csv and sensitivity.csv (and
   * the workbook with the four as sheets) into {@code dir}; returns the tables written.
   */
  public static List<TypedTable> write(
      Path dir,
      List<ScenarioProjector.Projection> projections,
      List<SummaryRow> summary,
      List<SensitivityRow> sensitivity,
      boolean xlsx) {
    List<ScenarioRow> annual = new ArrayList<>();
    List<ScenarioRow> monthly = new ArrayList<>();
    for (ScenarioProjector.Projection p : projections) {
      annual.addAll(p.annual());
      monthly.addAll(p.monthly());
    }
    TypedTable annualTable = table("annual", annual);
    TypedTable monthlyTable = table("monthly", monthly);
    annualTable.writeCsv(dir.resolve(ANNUAL_CSV));
    monthlyTable.writeCsv(dir.resolve(MONTHLY_CSV));
    List<TypedTable> headline = SummaryTables.write(dir, summary, sensitivity);
    List<TypedTable> all = List.of(headline.get(0), annualTable, monthlyTable, headline.get(1));
    if (xlsx) {
      XlsxWorkbookWriter.write(dir.resolve(WORKBOOK), all);
    }
    return all;
  }
}
