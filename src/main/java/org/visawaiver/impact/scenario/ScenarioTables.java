package org.visawaiver.impact.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.visawaiver.impact.io.TableColumn;
import org.visawaiver.impact.io.TypedTable;
import org.visawaiver.impact.io.XlsxWorkbookWriter;

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

  private record Col(TableColumn column, Function<ScenarioRow, Object> value) {}

  private static final List<Col> COLUMNS = new Columns().build();

  /** Collects the columns in output order. */
  private static final class Columns {
    private final List<Col> cols = new ArrayList<>();

    private void text(String name, String description, Function<ScenarioRow, Object> value) {
      cols.add(new Col(TableColumn.text(name, description), value));
    }

    private void number(String name, int decimals, String description, Function<ScenarioRow, Object> value) {
      cols.add(new Col(TableColumn.number(name, decimals, description), value));
    }

    /** p10, p50, p90 columns of one quantity. */
    private void quantiles(String stem, int decimals, String description, Function<ScenarioRow, double[]> value) {
      String[] suffix = {"_p10", "_p50", "_p90"};
      String[] which = {"10th", "50th (median)", "90th"};
      for (int q = 0; q < 3; q++) {
        int i = q;
        number(stem + suffix[q], decimals, which[q] + " percentile over the Monte Carlo draws of " + description,
            r -> value.apply(r)[i]);
      }
    }

    private List<Col> build() {
    text("scenario", "scenario name (configuration scenario.list)", ScenarioRow::scenario);
    text("destination", "country that waives visas (ISO 3166-1 alpha-3)", ScenarioRow::destination);
    text("origin", "nationality that gets the waiver; ALL = sum over the scenario's origins", ScenarioRow::origin);
    text("period", "month YYYY-MM (monthly) or calendar year YYYY (annual; sum of its projected months)",
        ScenarioRow::period);
    number("baseline_arrivals", 0, "arrivals without the waiver: the baseline point forecast (BaselineForecaster)",
        ScenarioRow::baselineArrivals);
    number("scenario_arrivals", 0, "baseline_arrivals + incremental_arrivals_p50", ScenarioRow::scenarioArrivals);
    quantiles("incremental_arrivals", 0,
        "incremental arrivals = baseline draw x (exp(b_waiver + b_stay x ln(stay/30)) - 1) x ramp-up share",
        ScenarioRow::incrementalArrivals);
    quantiles("visitor_spending_usd", 0,
        "visitor spending (USD) = incremental arrivals x spend_per_arrival_usd (tourism_parameters.csv)",
        ScenarioRow::visitorSpendingUsd);
    number("visa_fees_forgone_usd", 0,
        "visa fees forgone (USD) = visa_fee_usd x baseline_arrivals (visitors who would have come and paid)",
        ScenarioRow::visaFeesForgoneUsd);
    quantiles("net_fiscal_usd", 0, "net fiscal effect (USD) = tax_share x visitor spending - visa fees forgone",
        ScenarioRow::netFiscalUsd);
    quantiles("total_jobs", 1,
        "total jobs = visitor spending / 1e6 x jobs_per_musd x employment_multiplier; jobs_per_musd is an annual"
            + " ratio, so an annual row gives the jobs that year's spending sustains and a monthly row the"
            + " job-years its spending supports (x 12 = jobs at that month's rate)",
        ScenarioRow::totalJobs);
    number("break_even_uplift_pct", 4,
        "rise in arrivals (%) at which net fiscal is zero = 100 x visa_fee_usd / (tax_share x spend_per_arrival_usd);"
            + " ALL rows: 100 x sum(fee x baseline) / sum(tax x spend x baseline); empty when tax or spend is 0",
        ScenarioRow::breakEvenUpliftPct);
    text("effect_source", "the borrowed effect: model and term, pooled weights, or a fixed log-point effect",
        ScenarioRow::effectSource);
    number("draws", 0, "Monte Carlo draws", r -> r.draws());
    number("seed", 0, "seed of this scenario's random numbers (configured, or derived from scenario.seed and the name)",
        r -> r.seed());
    text("baseline_method", "forecasting method of the baseline", ScenarioRow::baselineMethod);
    quantiles("effect_pct", 2, "the full effect on arrivals (%) = 100 x (exp(b_waiver + b_stay x ln(stay/30)) - 1),"
        + " before ramp-up", ScenarioRow::effectPct);
    return List.copyOf(cols);
    }
  }

  private ScenarioTables() {}

  public static List<String> header() {
    return COLUMNS.stream().map(c -> c.column().name()).toList();
  }

  public static TypedTable table(String name, List<ScenarioRow> rows) {
    List<Object[]> cells = new ArrayList<>(rows.size());
    for (ScenarioRow r : rows) {
      Object[] row = new Object[COLUMNS.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = COLUMNS.get(c).value().apply(r);
      }
      cells.add(row);
    }
    return new TypedTable(name, COLUMNS.stream().map(Col::column).toList(), cells);
  }

  /** Writes the CSV files (and the workbook) into {@code dir}; returns the tables written. */
  public static List<TypedTable> write(Path dir, List<ScenarioProjector.Projection> projections, boolean xlsx) {
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
    if (xlsx) {
      XlsxWorkbookWriter.write(dir.resolve(WORKBOOK), List.of(annualTable, monthlyTable));
    }
    return List.of(annualTable, monthlyTable);
  }
}
