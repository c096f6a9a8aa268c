package org.visawaiver.impact.report.figures;

import java.util.List;
import java.util.Map;
import org.visawaiver.impact.report.outputs.CsvTable;

/** Picks a scenario's total rows: origin ALL when the file has them, else its only origin. */
final class ScenarioRows {
  static final String ALL = "ALL";

  private ScenarioRows() {}

  static List<Map<String, String>> total(CsvTable t, String scenario) {
    List<Map<String, String>> rows = t.where(r -> scenario.equals(r.get("scenario")));
    List<Map<String, String>> all = rows.stream().filter(r -> ALL.equals(r.get("origin"))).toList();
    if (!all.isEmpty()) {
      return all;
    }
    List<String> origins = rows.stream().map(r -> r.get("origin")).distinct().toList();
    return origins.size() == 1 ? rows : List.of();
  }
}
