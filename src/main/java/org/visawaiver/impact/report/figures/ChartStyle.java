package org.visawaiver.impact.report.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The look every report chart shares: 800 x 480 pixels, fonts large enough to read at that width,
 * a white plot with a light grid, a colour-blind-safe palette (Okabe and Ito), the legend below the
 * plot, and thousands separators on the axes.
 */
public final class ChartStyle {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 480;
  /** Okabe-Ito: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black. */
  public static final List<Color> PALETTE = List.of(new Color(0, 114, 178), new Color(213, 94, 0),
      new Color(0, 158, 115), new Color(230, 159, 0), new Color(204, 121, 167),
      new Color(86, 180, 233), new Color(240, 228, 66), Color.BLACK);
  public static final Color REFERENCE = new Color(90, 90, 90);
  /** A solid line of the given width with square ends (interval bars, tornado bars). */
  public static BasicStroke solid(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
  }

  public static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  private static final String FONT = Font.SANS_SERIF;

  private ChartStyle() {}

  /** A line/scatter chart with the shared look, its title and axis titles (with units). */
  public static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).theme(Styler.ChartTheme.Matlab).build();
    XYStyler s = chart.getStyler();
    s.setChartTitleFont(new Font(FONT, Font.BOLD, 18));
    s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
    s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
    s.setLegendFont(new Font(FONT, Font.PLAIN, 13));
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setPlotBorderVisible(false);
    s.setChartTitleBoxVisible(false);
    s.setSeriesColors(PALETTE.toArray(Color[]::new));
    s.setMarkerSize(9);
    s.setAntiAlias(true);
    s.setyAxisTickLabelsFormattingFunction(ChartStyle::grouped);
    s.setAnnotationLineColor(REFERENCE);
    s.setAnnotationLineStroke(DASHED);
    s.setAnnotationTextFont(new Font(FONT, Font.PLAIN, 13));
    s.setAnnotationTextFontColor(REFERENCE);
    return chart;
  }

  /** 12,345 / 1.5 / -0.25: thousands separators, as few decimals as the value needs (up to 2). */
  public static String grouped(Double v) {
    DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return f.format(v);
  }

  /**
   * Categories at x = 1..n, named by text under each position. XChart's tick-label formatter drops
   * every label when the axis range is wider than the data (as categories need), so the names are
   * drawn as annotations in a strip below the values, whose range [lo, hi] is set here.
   */
  public static void categoriesOnX(XYChart chart, List<String> names, double lo, double hi) {
    XYStyler s = chart.getStyler();
    double span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1);
    s.setXAxisMin(0.4);
    s.setXAxisMax(names.size() + 0.6);
    s.setXAxisTicksVisible(false);
    s.setYAxisMin(lo - 0.14 * span);
    s.setYAxisMax(hi + 0.05 * span);
    for (int i = 0; i < names.size(); i++) {
      chart.addAnnotation(new AnnotationText(names.get(i), i + 1, lo - 0.08 * span, false));
    }
  }

  /** The same with categories at y = 1..n and their names in a strip left of the values. */
  public static void categoriesOnY(XYChart chart, List<String> names, double lo, double hi) {
    XYStyler s = chart.getStyler();
    double span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1);
    int longest = names.stream().mapToInt(String::length).max().orElse(1);
    double strip = Math.min(0.9, 0.018 * longest + 0.05);
    s.setYAxisMin(0.4);
    s.setYAxisMax(names.size() + 0.6);
    s.setYAxisTicksVisible(false);
    s.setXAxisMin(lo - strip * span);
    s.setXAxisMax(hi + 0.05 * span);
    for (int i = 0; i < names.size(); i++) {
      chart.addAnnotation(new AnnotationText(names.get(i), lo - strip * span / 2, i + 1, false));
    }
  }

  /** The smallest and largest finite value of the arrays, as {lo, hi}; {0, 1} when there is none. */
  public static double[] range(double[]... values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] vs : values) {
      for (double v : vs) {
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
  }

  /** Millions of USD for money axes: 1,234,567 -> 1.23. */
  public static double millions(double usd) {
    return usd / 1e6;
  }
}
