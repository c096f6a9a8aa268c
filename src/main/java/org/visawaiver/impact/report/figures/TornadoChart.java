package org.visawaiver.impact.report.figures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.visawaiver.impact.report.outputs.CsvTable;

/**
 * A tornado chart per scenario from scenarios/sensitivity.csv (output {@code net_fiscal_usd}, the
 * scenario's ALL rows): for each uncertain input a bar from the change in the median cumulative net
 * fiscal effect with the input at its p10 to the change with it at its p90, the widest bar
 * ({@code swing}) on top.
 */
public final class TornadoChart {
  static final String OUTPUT = "net_fiscal_usd";

  private TornadoChart() {}

  public static List<Figure> drawAll(CsvTable sensitivity) {
    List<Figure> out = new ArrayList<>();
    for (String s : sensitivity.distinct("scenario")) {
      draw(sensitivity, s).ifPresent(out::add);
    }
    return out;
  }

  static Optional<Figure> draw(CsvTable t, String scenario) {
    List<Map<String, String>> rows = new ArrayList<>(ScenarioRows.total(t, scenario).stream()
        .filter(r -> OUTPUT.equals(r.get("output"))).toList());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    rows.sort(Comparator.comparingDouble(r -> CsvTable.number(r, "swing")));
    List<String> inputs = rows.stream().map(r -> r.get("input")).toList();
    XYChart chart = ChartStyle.xy(scenario + ": what moves the median net fiscal effect",
        "change in median cumulative net fiscal effect (USD million)", "uncertain input");
    chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartStyle::grouped);
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> r = rows.get(i);
      double y = i + 1;
      bar(chart, "input at its p10", i, y, CsvTable.number(r, "change_at_input_p10") / 1e6, 1);
      bar(chart, "input at its p90", i, y, CsvTable.number(r, "change_at_input_p90") / 1e6, 0);
    }
    double[] lo = rows.stream().mapToDouble(r -> CsvTable.number(r, "change_at_input_p10") / 1e6).toArray();
    double[] hi = rows.stream().mapToDouble(r -> CsvTable.number(r, "change_at_input_p90") / 1e6).toArray();
    double[] range = ChartStyle.range(lo, hi, new double[] {0});
    ChartStyle.categoriesOnY(chart, inputs, range[0], range[1]);
    chart.addAnnotation(new AnnotationLine(0, true, false));
    String note = "Source: scenarios/sensitivity.csv (" + scenario + ", origin "
        + rows.get(0).get("origin") + ", output net_fiscal_usd: change_at_input_p10 and change_at_input_p90;"
        + " each input held at its p10 or p90 in every draw while the others keep their draws)";
    return Optional.of(FigureRenderer.render("tornado_" + scenario, note, chart));
  }

  private static void bar(XYChart chart, String label, int i, double y, double change, int colour) {
    if (Double.isNaN(change)) {
      return;
    }
    XYSeries s = chart.addSeries(label + " " + i, new double[] {0, change}, new double[] {y, y});
    s.setLabel(label);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(ChartStyle.PALETTE.get(colour));
    s.setLineStyle(ChartStyle.solid(22f));
    s.setShowInLegend(i == 0);
  }
}
