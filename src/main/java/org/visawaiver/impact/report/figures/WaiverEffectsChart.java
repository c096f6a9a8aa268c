package org.visawaiver.impact.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.report.outputs.CsvTable;
import org.visawaiver.impact.report.outputs.Intervals;

/**
 * The waiver effect of each compared destination (terms {@code waiver:X} of one model in
 * coefficients.csv) with every interval type the file carries side by side, and the predictive
 * effect for a new destination from transfer.csv (p10-p90) when present. Log points on the y axis,
 * as estimated; zero marked.
 */
public final class WaiverEffectsChart {

  private WaiverEffectsChart() {}

  public static Optional<Figure> draw(CsvTable coefficients, String model, Optional<CsvTable> transfer) {
    List<Map<String, String>> rows = coefficients.where(r -> model.equals(r.get("model"))
        && r.getOrDefault("term", "").startsWith(WaiverTerms.PREFIX));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    rows.forEach(r -> names.add(r.get("term").substring(WaiverTerms.PREFIX.length())));
    Optional<Map<String, String>> predictive = transfer.flatMap(t -> predictive(t, model));
    predictive.ifPresent(p -> names.add("new destination (predictive)"));
    XYChart chart = ChartStyle.xy("Waiver effects by destination (model " + model + ")", "destination",
        "effect of a full month visa-free (log points)");
    List<Intervals> types = Intervals.of(coefficients);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double width = 0.5;
    int k = types.size();
    for (int t = 0; t < k; t++) {
      Intervals type = types.get(t);
      double offset = k == 1 ? 0 : -width / 2 + width * t / (k - 1);
      boolean first = true;
      for (int i = 0; i < rows.size(); i++) {
        Map<String, String> r = rows.get(i);
        double a = CsvTable.number(r, type.low());
        double b = CsvTable.number(r, type.high());
        if (Double.isNaN(a) || Double.isNaN(b)) {
          continue;
        }
        lo = Math.min(lo, Math.min(a, 0));
        hi = Math.max(hi, Math.max(b, 0));
        double x = i + 1 + offset;
        XYSeries s = chart.addSeries(type.labelFor(r) + (first ? "" : " " + i), new double[] {x, x},
            new double[] {a, b});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(ChartStyle.PALETTE.get(t % ChartStyle.PALETTE.size()));
        s.setLineStyle(ChartStyle.solid(3f));
        s.setShowInLegend(first);
        s.setLabel(type.labelFor(r));
        first = false;
      }
    }
    double[] xs = new double[rows.size()];
    double[] ys = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      xs[i] = i + 1;
      ys[i] = CsvTable.number(rows.get(i), "estimate");
    }
    XYSeries est = chart.addSeries("estimate", xs, ys);
    est.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    est.setMarker(SeriesMarkers.DIAMOND);
    est.setMarkerColor(java.awt.Color.BLACK);
    String note = "Source: estimates/coefficients.csv (model " + model + ", terms waiver:*)";
    if (predictive.isPresent()) {
      Map<String, String> p = predictive.get();
      double x = names.size();
      XYSeries band = chart.addSeries("predictive p10-p90", new double[] {x, x},
          new double[] {CsvTable.number(p, "predictive_p10"), CsvTable.number(p, "predictive_p90")});
      band.setMarker(SeriesMarkers.NONE);
      band.setLineColor(ChartStyle.PALETTE.get(4));
      band.setLineStyle(ChartStyle.solid(3f));
      lo = Math.min(lo, CsvTable.number(p, "predictive_p10"));
      hi = Math.max(hi, CsvTable.number(p, "predictive_p90"));
      XYSeries mid = chart.addSeries("predictive p50", new double[] {x},
          new double[] {CsvTable.number(p, "predictive_p50")});
      mid.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      mid.setMarker(SeriesMarkers.CIRCLE);
      mid.setMarkerColor(ChartStyle.PALETTE.get(4));
      note += "; predictive effect for a new destination (random-effects summary): estimates/transfer.csv";
    }
    if (Double.isInfinite(lo)) {
      lo = 0;
      hi = 1;
    }
    ChartStyle.categoriesOnX(chart, names, lo, hi);
    chart.addAnnotation(zeroLine());
    return Optional.of(FigureRenderer.render("waiver_effects_" + model, note, chart));
  }

  /**
   * The model's predictive row of transfer.csv: the one from visa_required (the effect of a
   * waiver as estimated) when the file has a row per regime, else the first.
   */
  static Optional<Map<String, String>> predictive(CsvTable transfer, String model) {
    List<Map<String, String>> rows = transfer.where(r -> model.equals(r.get("model"))
        && !r.getOrDefault("predictive_p50", "").isEmpty());
    return rows.stream().filter(r -> r.getOrDefault("from_regime", "visa_required").isEmpty()
        || "visa_required".equals(r.getOrDefault("from_regime", "visa_required"))).findFirst()
        .or(() -> rows.stream().findFirst());
  }

  static AnnotationLine zeroLine() {
    return new AnnotationLine(0, false, false);
  }
}
