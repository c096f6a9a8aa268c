package org.visawaiver.impact.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.visawaiver.impact.report.outputs.CsvTable;

/**
 * A scenario's fan chart from scenario_monthly.csv: the p10-p90 band and the p50 line of a monthly
 * quantity over the horizon (incremental arrivals, or net fiscal effect in USD million), for the
 * scenario's ALL rows (or its one origin). Zero is marked on the net fiscal chart.
 */
public final class FanChart {
  /** A quantity drawn as a fan: the column stem of its _p10/_p50/_p90 columns and how it is shown. */
  public record Quantity(String stem, String label, String axis, double scale, boolean zeroLine) {}

  public static final Quantity ARRIVALS = new Quantity("incremental_arrivals", "incremental arrivals",
      "incremental arrivals per month (visitors)", 1, false);
  public static final Quantity NET_FISCAL = new Quantity("net_fiscal_usd", "net fiscal effect",
      "net fiscal effect per month (USD million)", 1e-6, true);

  private FanChart() {}

  /** Every scenario of the file, each quantity: arrivals then net fiscal. */
  public static List<Figure> drawAll(CsvTable monthly) {
    List<Figure> out = new ArrayList<>();
    for (String s : monthly.distinct("scenario")) {
      for (Quantity q : List.of(ARRIVALS, NET_FISCAL)) {
        draw(monthly, s, q).ifPresent(out::add);
      }
    }
    return out;
  }

  static Optional<Figure> draw(CsvTable monthly, String scenario, Quantity q) {
    String p10 = q.stem() + "_p10";
    String p50 = q.stem() + "_p50";
    String p90 = q.stem() + "_p90";
    if (!monthly.has(p50)) {
      return Optional.empty();
    }
    List<Map<String, String>> rows = ScenarioRows.total(monthly, scenario);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    int n = rows.size();
    List<String> months = rows.stream().map(r -> r.get("period")).toList();
    double[] x = new double[n];
    double[] mid = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
      mid[i] = CsvTable.number(rows.get(i), p50) * q.scale();
    }
    String origin = rows.get(0).get("origin");
    XYChart chart = ChartStyle.xy(scenario + ": " + q.label() + " by month (" + origin + ")",
        "month", q.axis());
    chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
      long i = Math.round(v);
      return Math.abs(v - i) < 1e-9 && i >= 1 && i <= n ? months.get((int) i - 1) : "";
    });
    chart.getStyler().setXAxisMin(1.0);
    chart.getStyler().setXAxisMax((double) n);
    if (monthly.has(p10) && monthly.has(p90)) {
      double[] px = new double[2 * n];
      double[] py = new double[2 * n];
      for (int i = 0; i < n; i++) {
        px[i] = x[i];
        py[i] = CsvTable.number(rows.get(i), p10) * q.scale();
        px[2 * n - 1 - i] = x[i];
        py[2 * n - 1 - i] = CsvTable.number(rows.get(i), p90) * q.scale();
      }
      XYSeries band = chart.addSeries("p10-p90 (80% of draws)", px, py);
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(new java.awt.Color(0, 114, 178, 70));
      band.setLineColor(new java.awt.Color(0, 114, 178, 70));
      band.setMarker(SeriesMarkers.NONE);
    }
    XYSeries line = chart.addSeries("p50 (median)", x, mid);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(ChartStyle.PALETTE.get(0));
    line.setLineWidth(2.5f);
    if (q.zeroLine()) {
      chart.addAnnotation(new AnnotationLine(0, false, false));
    }
    String note = "Source: scenarios/scenario_monthly.csv (" + scenario + ", origin " + origin + ", columns "
        + q.stem() + "_p10/_p50/_p90)" + (q.scale() == 1 ? "" : "; USD shown in millions");
    return Optional.of(FigureRenderer.render("fan_" + q.stem() + "_" + scenario, note, chart));
  }
}
