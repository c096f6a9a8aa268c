package org.visawaiver.impact.report.table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.visawaiver.impact.report.outputs.CsvTable;
import org.visawaiver.impact.report.outputs.Intervals;
import org.visawaiver.impact.report.format.Display;

/**
 * The models side by side, as fixest's {@code etable} prints them: per term the estimate with its
 * significance marks, the standard error in parentheses and each interval the estimates carry in
 * brackets; then one row per fixed effect (Yes where the model absorbs it), and the fit statistics
 * of model_summary.csv (estimator, variance type, observations, clusters, R2 / pseudo R2 when
 * present, deviance, convergence). Every cell is a CSV cell of coefficients.csv or
 * model_summary.csv, rounded for display only.
 *
 * @param models the model names, one column each
 * @param rows the table body in order
 */
public record RegressionTable(List<String> models, List<Row> rows) {
  /** Decimals shown for estimates, standard errors and interval ends. */
  public static final int DECIMALS = 4;
  /** Significance marks and their thresholds, as fixest's default: *** 0.01, ** 0.05, * 0.1. */
  public static final String SIGNIFICANCE_NOTE = "Significance: *** p < 0.01, ** p < 0.05, * p < 0.1 "
      + "(p_value of coefficients.csv).";

  /** The parts of the table, for styling: coefficient lines, fixed effects, statistics. */
  public enum Section { COEFFICIENT, FIXED_EFFECT, STATISTIC }

  /**
   * One row.
   *
   * @param section where it belongs
   * @param label the first cell (a term name, "", a fixed effect or a statistic)
   * @param cells one per model ("" where the model has nothing)
   */
  public record Row(Section section, String label, List<String> cells) {
    public Row {
      cells = List.copyOf(cells);
    }
  }

  public RegressionTable {
    models = List.copyOf(models);
    rows = List.copyOf(rows);
  }

  public static RegressionTable of(CsvTable coefficients, Optional<CsvTable> summary) {
    List<String> models = coefficients.distinct("model");
    Set<String> terms = new LinkedHashSet<>(coefficients.distinct("term"));
    List<Intervals> intervals = Intervals.of(coefficients);
    boolean bcSe = coefficients.has("std_error_bc");
    List<Row> rows = new ArrayList<>();
    for (String term : terms) {
      List<String> est = new ArrayList<>();
      List<String> se = new ArrayList<>();
      List<String> seBc = new ArrayList<>();
      List<List<String>> ci = new ArrayList<>();
      intervals.forEach(i -> ci.add(new ArrayList<>()));
      for (String m : models) {
        Optional<Map<String, String>> r = coefficients.where(x -> m.equals(x.get("model"))
            && term.equals(x.get("term"))).stream().findFirst();
        est.add(r.map(x -> Display.grouped(x.get("estimate"), DECIMALS) + stars(x.get("p_value"))).orElse(""));
        se.add(r.map(x -> "(" + Display.grouped(x.get("std_error"), DECIMALS) + ")").orElse(""));
        seBc.add(r.map(x -> x.getOrDefault("std_error_bc", "").isEmpty() ? ""
            : "(" + Display.grouped(x.get("std_error_bc"), DECIMALS) + ")").orElse(""));
        for (int i = 0; i < intervals.size(); i++) {
          Intervals iv = intervals.get(i);
          ci.get(i).add(r.map(x -> x.getOrDefault(iv.low(), "").isEmpty() ? "" : "["
              + Display.grouped(x.get(iv.low()), DECIMALS) + "; "
              + Display.grouped(x.get(iv.high()), DECIMALS) + "]").orElse(""));
        }
      }
      rows.add(new Row(Section.COEFFICIENT, term, est));
      rows.add(new Row(Section.COEFFICIENT, "", se));
      if (bcSe && seBc.stream().anyMatch(s -> !s.isEmpty())) {
        rows.add(new Row(Section.COEFFICIENT, "  bias-corrected SE", seBc));
      }
      for (int i = 0; i < intervals.size(); i++) {
        rows.add(new Row(Section.COEFFICIENT, "  " + intervals.get(i).label(), ci.get(i)));
      }
    }
    summary.ifPresent(s -> addSummary(rows, models, s));
    return new RegressionTable(models, rows);
  }

  private static void addSummary(List<Row> rows, List<String> models, CsvTable s) {
    List<Map<String, String>> byModel = new ArrayList<>();
    for (String m : models) {
      byModel.add(s.where(r -> m.equals(r.get("model"))).stream().findFirst().orElse(Map.of()));
    }
    Set<String> fes = new LinkedHashSet<>();
    byModel.forEach(r -> fes.addAll(fixedEffects(r.getOrDefault("formula", ""))));
    for (String fe : fes) {
      rows.add(new Row(Section.FIXED_EFFECT, fe, byModel.stream()
          .map(r -> fixedEffects(r.getOrDefault("formula", "")).contains(fe) ? "Yes" : "No").toList()));
    }
    stat(rows, byModel, "Estimator", "estimator", c -> c.toUpperCase(java.util.Locale.ROOT));
    stat(rows, byModel, "Variance", "vcov", c -> c);
    stat(rows, byModel, "Interval", "interval", c -> c);
    stat(rows, byModel, "Observations", "observations_used", c -> Display.grouped(c, 0));
    stat(rows, byModel, "Clusters", "clusters", c -> c);
    stat(rows, byModel, "R2", "r2", c -> Display.grouped(c, 5));
    stat(rows, byModel, "Within R2", "within_r2", c -> Display.grouped(c, 5));
    stat(rows, byModel, "Pseudo R2", "pseudo_r2", c -> Display.grouped(c, 5));
    stat(rows, byModel, "Deviance (RSS for OLS)", "deviance", c -> Display.grouped(c, 2));
    stat(rows, byModel, "Converged", "converged", c -> c);
  }

  private static void stat(List<Row> rows, List<Map<String, String>> byModel, String label, String column,
      java.util.function.UnaryOperator<String> show) {
    if (byModel.stream().noneMatch(r -> !r.getOrDefault(column, "").isEmpty())) {
      return;
    }
    rows.add(new Row(Section.STATISTIC, label, byModel.stream()
        .map(r -> r.getOrDefault(column, "").isEmpty() ? "" : show.apply(r.get(column))).toList()));
  }

  /** The fixed effects of a formula: the terms after its '|', trimmed. */
  static List<String> fixedEffects(String formula) {
    int bar = formula.indexOf('|');
    if (bar < 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String fe : formula.substring(bar + 1).split("\\+")) {
      if (!fe.isBlank()) {
        out.add(fe.trim());
      }
    }
    return out;
  }

  /** "***", "**", "*" or "" for a p-value cell. */
  static String stars(String pValue) {
    if (pValue == null || pValue.isEmpty()) {
      return "";
    }
    double p = Double.parseDouble(pValue);
    return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
  }

  public List<String> header() {
    List<String> h = new ArrayList<>();
    h.add("");
    h.addAll(models);
    return h;
  }
}
