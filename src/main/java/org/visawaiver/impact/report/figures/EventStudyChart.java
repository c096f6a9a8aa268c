package org.visawaiver.impact.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.visawaiver.impact.report.outputs.CsvTable;
import org.visawaiver.impact.report.outputs.Intervals;

/**
 * The event study of one destination as fixest's {@code iplot} draws it: each relative-time bin's
 * estimate with its intervals (every type event_study.csv carries), one series per model, the
 * reference bin (estimate 0, no standard error) drawn as a grey diamond on a dashed vertical line, and zero
 * marked. Bins are placed at their first month ({@code rel_from}); {@code pre} and {@code post}
 * sit one bin width beyond the numbered bins.
 */
public final class EventStudyChart {
  static final String PRE = "pre";
  static final String POST = "post";

  private EventStudyChart() {}

  /** One figure per destination, in first-seen order. */
  public static List<Figure> drawAll(CsvTable eventStudy) {
    List<Figure> out = new ArrayList<>();
    for (String d : eventStudy.distinct("destination")) {
      draw(eventStudy, d).ifPresent(out::add);
    }
    return out;
  }

  static Optional<Figure> draw(CsvTable t, String destination) {
    List<Map<String, String>> rows = t.where(r -> destination.equals(r.get("destination")));
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Map<String, String> r : rows) {
      double x = CsvTable.number(r, "rel_from");
      if (!Double.isNaN(x) && !isOpen(r)) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    if (Double.isInfinite(min)) {
      return Optional.empty();
    }
    double width = binWidth(rows);
    XYChart chart = ChartStyle.xy("Event study: " + destination + " (months relative to the waiver)",
        "months since the waiver started (bin's first month)",
        "effect on arrivals (log points)");
    double lo = min - width;
    double hi = max + width;
    double pre = lo;
    double post = hi;
    List<double[]> ends = new ArrayList<>();
    ends.add(new double[] {0});
    for (Intervals type : Intervals.of(t)) {
      ends.add(rows.stream().mapToDouble(r -> CsvTable.number(r, type.low())).toArray());
      ends.add(rows.stream().mapToDouble(r -> CsvTable.number(r, type.high())).toArray());
    }
    double[] yRange = ChartStyle.range(ends.toArray(double[][]::new));
    double yLo = yRange[0];
    double yHi = yRange[1];
    double span = yHi > yLo ? yHi - yLo : 1;
    chart.getStyler().setYAxisMin(yLo - 0.05 * span);
    chart.getStyler().setYAxisMax(yHi + 0.12 * span);
    boolean hasPre = rows.stream().anyMatch(r -> PRE.equals(r.get("rel_bin")));
    boolean hasPost = rows.stream().anyMatch(r -> POST.equals(r.get("rel_bin")));
    if (hasPre) {
      chart.addAnnotation(new AnnotationText(PRE, pre, yHi + 0.06 * span, false));
    }
    if (hasPost) {
      chart.addAnnotation(new AnnotationText(POST, post, yHi + 0.06 * span, false));
    }
    List<String> models = t.distinct("model");
    List<Intervals> types = Intervals.of(t);
    double reference = Double.NaN;
    for (int m = 0; m < models.size(); m++) {
      String model = models.get(m);
      double shift = models.size() == 1 ? 0 : width * 0.3 * (m - (models.size() - 1) / 2.0) / models.size();
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      int drawn = 0;
      for (Map<String, String> r : rows) {
        if (!model.equals(r.get("model"))) {
          continue;
        }
        double x = position(r, pre, post) + shift;
        double y = CsvTable.number(r, "estimate");
        if (r.getOrDefault("std_error", "").isEmpty()) {
          reference = position(r, pre, post);
          XYSeries ref = chart.addSeries("reference bin (" + model + ")", new double[] {x}, new double[] {y});
          ref.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          ref.setMarker(SeriesMarkers.DIAMOND);
          ref.setMarkerColor(ChartStyle.REFERENCE);
          ref.setShowInLegend(false);
          continue;
        }
        xs.add(x);
        ys.add(y);
        for (int k = 0; k < types.size(); k++) {
          Intervals type = types.get(k);
          double a = CsvTable.number(r, type.low());
          double b = CsvTable.number(r, type.high());
          if (Double.isNaN(a) || Double.isNaN(b)) {
            continue;
          }
          double dx = k * width * 0.08;
          XYSeries bar = chart.addSeries(model + " " + type.labelFor(r) + " " + drawn++,
              new double[] {x + dx, x + dx}, new double[] {a, b});
          bar.setMarker(SeriesMarkers.NONE);
          bar.setLineColor(ChartStyle.PALETTE.get((m + k * models.size()) % ChartStyle.PALETTE.size()));
          bar.setLineStyle(ChartStyle.solid(k == 0 ? 2.5f : 1.5f));
          bar.setShowInLegend(drawn == k + 1);
          bar.setLabel(model + ": " + type.labelFor(r));
        }
      }
      if (!xs.isEmpty()) {
        XYSeries est = chart.addSeries(model + ": estimate", xs, ys);
        est.setMarker(SeriesMarkers.CIRCLE);
        est.setLineColor(ChartStyle.PALETTE.get(m % ChartStyle.PALETTE.size()));
        est.setMarkerColor(ChartStyle.PALETTE.get(m % ChartStyle.PALETTE.size()));
        est.setLineStyle(ChartStyle.DASHED);
      }
    }
    chart.addAnnotation(new AnnotationLine(0, false, false));
    if (!Double.isNaN(reference)) {
      chart.addAnnotation(new AnnotationLine(reference, true, false));
      chart.addAnnotation(new AnnotationText("reference", reference, yLo, false));
    }
    String note = "Source: estimates/event_study.csv (destination " + destination + "); bins of "
        + ChartStyle.grouped(width) + " month(s) named by their first month; the reference bin holds "
        + "month -1 and is 0 by construction; pre/post collect the months beyond the leads and lags.";
    return Optional.of(FigureRenderer.render("event_study_" + destination, note, chart));
  }

  private static boolean isOpen(Map<String, String> r) {
    String bin = r.getOrDefault("rel_bin", "");
    return PRE.equals(bin) || POST.equals(bin);
  }

  private static double position(Map<String, String> r, double pre, double post) {
    String bin = r.getOrDefault("rel_bin", "");
    return PRE.equals(bin) ? pre : POST.equals(bin) ? post : CsvTable.number(r, "rel_from");
  }

  /** rel_to - rel_from + 1 of the numbered bins (1 when the file gives no range). */
  private static double binWidth(List<Map<String, String>> rows) {
    for (Map<String, String> r : rows) {
      double a = CsvTable.number(r, "rel_from");
      double b = CsvTable.number(r, "rel_to");
      if (!isOpen(r) && !Double.isNaN(a) && !Double.isNaN(b)) {
        return b - a + 1;
      }
    }
    return 1;
  }
}
