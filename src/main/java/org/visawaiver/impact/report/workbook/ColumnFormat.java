package org.visawaiver.impact.report.workbook;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The number format of a workbook column, from its name: USD amounts with thousands separators,
 * shares and percentages as 0.0%, counts with thousands separators, estimates with four decimals.
 * A percent-point column ({@code *_pct}: 48.85 = 48.85%) is stored as its share (0.4885) so that
 * the spreadsheet's 0.0% shows it as 48.9%; every other number is the CSV cell as written.
 *
 * @param excel the Excel number format ("" = General)
 * @param divisor what the CSV value is divided by in the cell (100 for percent points, else 1)
 * @param width the column's width in characters at least
 */
public record ColumnFormat(String excel, double divisor, int width) {
  /** US dollars: $ is a literal in Excel formats (fastexcel 0.18 does not escape quotes in formats). */
  public static final String USD = "$#,##0;-$#,##0";
  public static final String PERCENT = "0.0%";
  public static final String COUNT = "#,##0";
  public static final String ONE_DECIMAL = "#,##0.0";
  public static final String ESTIMATE = "0.0000";
  public static final ColumnFormat GENERAL = new ColumnFormat("", 1, 10);

  private static final Pattern PERCENT_POINTS = Pattern.compile(".*(^|_)pct($|_.*)");
  private static final List<String> SHARES = List.of("prob_", "tax_share", "discount_rate", "_share");
  private static final List<String> COUNTS = List.of("arrivals", "horizon_months", "draws", "rows_",
      "observations", "cohorts", "treated_pairs", "q_df", "wald_df", "pretrend_df", "k");
  private static final List<String> ESTIMATES = List.of("estimate", "std_error", "ci_low", "ci_high", "z_value",
      "bias", "mu", "se_mu", "tau2", "predictive_p", "att", "statistic", "spend_per_arrival_usd_", "jobs_per_musd",
      "employment_multiplier", "value");

  /** The format of a number column; text columns are left as they are. */
  public static ColumnFormat of(String column) {
    if (column.contains("p_value") || column.equals("seed")) {
      return new ColumnFormat("", 1, 12);
    }
    if (PERCENT_POINTS.matcher(column).matches() && !column.equals("i2_pct")) {
      return new ColumnFormat(PERCENT, 100, 10);
    }
    if (column.equals("i2_pct")) {
      return new ColumnFormat(ONE_DECIMAL, 1, 8);
    }
    if (SHARES.stream().anyMatch(column::contains)) {
      return new ColumnFormat(PERCENT, 1, 10);
    }
    if (column.contains("usd")) {
      return new ColumnFormat(USD, 1, 16);
    }
    if (column.contains("jobs") || column.contains("job_years")) {
      return new ColumnFormat(ONE_DECIMAL, 1, 12);
    }
    if (COUNTS.stream().anyMatch(column::contains)) {
      return new ColumnFormat(COUNT, 1, 12);
    }
    if (ESTIMATES.stream().anyMatch(column::startsWith)) {
      return new ColumnFormat(ESTIMATE, 1, 10);
    }
    return GENERAL;
  }

  /** What the Columns sheet says about the format. */
  public String describe() {
    if (excel.isEmpty()) {
      return "number as in the CSV file";
    }
    if (divisor == 100) {
      return "percent (" + excel + "); the cell holds the CSV value / 100";
    }
    return excel.equals(USD) ? "US dollars ($#,##0)" : excel;
  }
}
