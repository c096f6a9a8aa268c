package org.visawaiver.impact.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.visawaiver.impact.report.outputs.CsvTable;

/**
 * The distribution of each scenario's cumulative net fiscal effect against zero, from
 * scenario_summary.csv: every percentile column of {@code net_fiscal_usd} the file carries (p10,
 * p50, p90) on one horizontal line per scenario, zero marked, and the share of draws above zero
 * ({@code prob_net_fiscal_positive}) in the scenario's label.
 */
public final class NetFiscalChart {
  private static final Pattern QUANTILE = Pattern.compile("net_fiscal_usd_p(\\d+)");

  private NetFiscalChart() {}

  public static Optional<Figure> draw(CsvTable summary) {
    List<String> cols = new ArrayList<>();
    for (String c : summary.header()) {
      if (QUANTILE.matcher(c).matches()) {
        cols.add(c);
      }
    }
    if (cols.isEmpty()) {
      return Optional.empty();
    }
    List<String> labels = new ArrayList<>();
    List<Map<String, String>> rows = new ArrayList<>();
    for (String s : summary.distinct("scenario")) {
      List<Map<String, String>> total = ScenarioRows.total(summary, s);
      if (total.size() == 1) {
        Map<String, String> r = total.get(0);
        rows.add(r);
        String prob = r.getOrDefault("prob_net_fiscal_positive", "");
        labels.add(s + (prob.isEmpty() ? "" : " (P>0 = " + prob + ")"));
      }
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    XYChart chart = ChartStyle.xy("Cumulative net fiscal effect over the horizon, against zero",
        "cumulative net fiscal effect (USD million)", "scenario (P>0: share of draws above zero)");
    chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartStyle::grouped);
    List<double[]> all = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      double[] xs = new double[cols.size()];
      double[] ys = new double[cols.size()];
      for (int c = 0; c < cols.size(); c++) {
        xs[c] = CsvTable.number(rows.get(i), cols.get(c)) / 1e6;
        ys[c] = i + 1;
      }
      all.add(xs);
      XYSeries s = chart.addSeries(labels.get(i), xs, ys);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setLineStyle(ChartStyle.solid(4f));
      s.setShowInLegend(false);
    }
    all.add(new double[] {0});
    double[] range = ChartStyle.range(all.toArray(double[][]::new));
    ChartStyle.categoriesOnY(chart, labels, range[0], range[1]);
    chart.getStyler().setLegendVisible(false);
    chart.addAnnotation(new AnnotationLine(0, true, false));
    String qs = String.join(", ", cols.stream().map(c -> {
      Matcher m = QUANTILE.matcher(c);
      return m.matches() ? "p" + m.group(1) : c;
    }).toList());
    String note = "Source: scenarios/scenario_summary.csv (origin ALL; points: " + qs
        + " of the cumulative net fiscal effect over the draws; P>0: prob_net_fiscal_positive)";
    return Optional.of(FigureRenderer.render("net_fiscal_distribution", note, chart));
  }
}
