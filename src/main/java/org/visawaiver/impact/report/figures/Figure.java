package org.visawaiver.impact.report.figures;

/**
 * One rendered figure of the report.
 *
 * @param name the file stem under {@code report/figures/} (e.g. {@code event_study_VNM})
 * @param title what the figure shows, used as the page's caption and the image's alternative text
 * @param note how to read it: source files, interval types, reference lines
 * @param svg the figure as a standalone SVG document
 * @param png the same figure as PNG
 */
public record Figure(String name, String title, String note, String svg, byte[] png) {
  public Figure {
    png = png.clone();
  }

  @Override
  public byte[] png() {
    return png.clone();
  }
}
