package org.visawaiver.impact.report.figures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.visawaiver.impact.report.outputs.OutputFiles;

/**
 * Renders an XChart chart headless (java.awt.headless = true, no display needed) as SVG and PNG,
 * and writes a figure's two files atomically under {@code report/figures/}.
 */
public final class FigureRenderer {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private FigureRenderer() {}

  public static Figure render(String name, String note, Chart<?, ?> chart) {
    try {
      ByteArrayOutputStream svg = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return new Figure(name, chart.getTitle(), note, svg.toString(StandardCharsets.UTF_8), png);
    } catch (IOException e) {
      throw new UncheckedIOException("report: could not render figure " + name, e);
    }
  }

  /** Writes {@code dir/NAME.svg} and {@code dir/NAME.png}. */
  public static void write(Path dir, Figure f) {
    OutputFiles.write(dir.resolve(f.name() + ".svg"), f.svg());
    OutputFiles.write(dir.resolve(f.name() + ".png"), f.png());
  }
}
