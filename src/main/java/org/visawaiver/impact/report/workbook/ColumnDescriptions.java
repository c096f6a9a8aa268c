package org.visawaiver.impact.report.workbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.visawaiver.impact.io.TableColumn;
import org.visawaiver.impact.scenario.ScenarioTables;
import org.visawaiver.impact.scenario.summary.SummaryTables;

/**
 * What each column of the workbook's sheets means, for its Columns sheet: the scenario tables'
 * own descriptions (with their formulas) and those of the estimate and assumption columns.
 */
public final class ColumnDescriptions {
  private static final Map<String, String> ESTIMATES = Map.ofEntries(
      Map.entry("model", "model name (configuration estimate.models)"),
      Map.entry("term", "coefficient: waiver:X = effect of a full month visa-free in destination X"),
      Map.entry("estimate", "coefficient (log points)"),
      Map.entry("std_error", "standard error (the model's variance, model_summary.csv vcov)"),
      Map.entry("z_value", "estimate / std_error (t for OLS)"),
      Map.entry("p_value", "two-sided p-value; below 1e-4 in scientific notation"),
      Map.entry("ci_low", "95% interval, lower end (log points)"),
      Map.entry("ci_high", "95% interval, upper end (log points)"),
      Map.entry("effect_pct", "100 x (exp(estimate) - 1): the effect in percent"),
      Map.entry("effect_pct_ci_low", "100 x (exp(ci_low) - 1)"),
      Map.entry("effect_pct_ci_high", "100 x (exp(ci_high) - 1)"),
      Map.entry("assumption", "a tourism parameter (tourism_parameters.csv) or a setting of the run"),
      Map.entry("value", "the value used"),
      Map.entry("source", "where the value comes from, as given in the input or the configuration"),
      Map.entry("sheet", "the sheet the column belongs to"),
      Map.entry("column", "the column header"),
      Map.entry("format", "how the spreadsheet shows the number"),
      Map.entry("description", "meaning, formula and source"));

  private ColumnDescriptions() {}

  public static Map<String, String> all() {
    Map<String, String> out = new LinkedHashMap<>(ESTIMATES);
    for (TableColumn c : ScenarioTables.table("annual", List.of()).columns()) {
      out.put(c.name(), c.description());
    }
    // the summary's columns are cumulative over the horizon: their descriptions win for shared names
    for (TableColumn c : SummaryTables.summaryTable(List.of()).columns()) {
      out.put(c.name(), c.description());
    }
    return out;
  }
}
