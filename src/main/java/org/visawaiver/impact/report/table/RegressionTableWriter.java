package org.visawaiver.impact.report.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;
import org.visawaiver.impact.report.outputs.OutputFiles;
import org.visawaiver.impact.report.format.Html;

/**
 * Writes estimates/regression_table.csv (the cells as displayed), regression_table.html (a
 * standalone page with the table) and regression_table.tex (a booktabs {@code tabular} to
 * {@code \input} into a paper), and gives the HTML fragment the report page embeds.
 */
public final class RegressionTableWriter {
  public static final String STEM = "regression_table";

  private RegressionTableWriter() {}

  public static void write(Path estimatesDir, RegressionTable t) {
    List<List<String>> rows = new ArrayList<>();
    for (RegressionTable.Row r : t.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(SpreadsheetCells.text(r.label().strip()));
      r.cells().forEach(c -> cells.add(SpreadsheetCells.text(c)));
      rows.add(cells);
    }
    List<String> header = new ArrayList<>(List.of("row"));
    header.addAll(t.models());
    CsvTableWriter.write(estimatesDir.resolve(STEM + ".csv"), header, rows);
    String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Regression table"
        + "</title><style>" + CSS + "</style></head><body>\n" + html(t) + "</body></html>\n";
    OutputFiles.write(estimatesDir.resolve(STEM + ".html"), page);
    OutputFiles.write(estimatesDir.resolve(STEM + ".tex"), tex(t));
  }

  /** The styles the table needs, shared with the report page. */
  public static final String CSS = "table.regression{border-collapse:collapse;font-variant-numeric:tabular-nums}"
      + "table.regression th,table.regression td{padding:2px 12px;text-align:center}"
      + "table.regression td:first-child{text-align:left;white-space:pre}"
      + "table.regression thead th{border-top:2px solid #000;border-bottom:1px solid #000}"
      + "table.regression tr.first-fixed_effect td,table.regression tr.first-statistic td{border-top:1px solid #000}"
      + "table.regression tbody tr:last-child td{border-bottom:2px solid #000}";

  public static String html(RegressionTable t) {
    RegressionTable.Section previous = null;
    StringBuilder b = new StringBuilder("<table class=\"regression\"><thead><tr>");
    t.header().forEach(h -> b.append("<th>").append(Html.esc(h)).append("</th>"));
    b.append("</tr></thead><tbody>\n");
    for (RegressionTable.Row r : t.rows()) {
      String cls = r.section() != previous && previous != null
          ? " class=\"first-" + r.section().name().toLowerCase(java.util.Locale.ROOT) + "\"" : "";
      previous = r.section();
      b.append("<tr").append(cls).append("><td>").append(Html.esc(r.label())).append("</td>");
      r.cells().forEach(c -> b.append("<td>").append(Html.esc(c)).append("</td>"));
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n<p class=\"note\">").append(Html.esc(RegressionTable.SIGNIFICANCE_NOTE))
        .append(" Standard errors in parentheses, intervals in brackets.</p>\n");
    return b.toString();
  }

  static String tex(RegressionTable t) {
    StringBuilder b = new StringBuilder("% estimates/regression_table.tex: needs \\usepackage{booktabs}\n");
    b.append("\\begin{tabular}{l").append("c".repeat(t.models().size())).append("}\n\\toprule\n");
    b.append(texRow(t.header())).append("\\midrule\n");
    RegressionTable.Section previous = RegressionTable.Section.COEFFICIENT;
    for (RegressionTable.Row r : t.rows()) {
      if (r.section() != previous) {
        b.append("\\midrule\n");
        previous = r.section();
      }
      List<String> cells = new ArrayList<>();
      cells.add(r.label().strip());
      cells.addAll(r.cells());
      b.append(texRow(cells));
    }
    b.append("\\bottomrule\n\\end{tabular}\n");
    b.append("% ").append(RegressionTable.SIGNIFICANCE_NOTE).append('\n');
    return b.toString();
  }

  private static String texRow(List<String> cells) {
    return String.join(" & ", cells.stream().map(RegressionTableWriter::texEscape).toList()) + " \\\\\n";
  }

  static String texEscape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(c);
        case '^' -> b.append("\\^{}");
        case '~' -> b.append("\\~{}");
        case '\u2212' -> b.append("$-$");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
