package org.visawaiver.impact.report.format;

import java.util.List;

/** Small HTML building blocks: escaping and tables whose cells are already escaped HTML. */
public final class Html {
  private Html() {}

  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A table: escaped header texts, rows of cell HTML; numeric columns right-aligned by class. */
  public static String table(String cssClass, List<String> header, List<List<String>> rows) {
    StringBuilder b = new StringBuilder("<table class=\"" + esc(cssClass) + "\"><thead><tr>");
    header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
    b.append("</tr></thead><tbody>\n");
    for (List<String> r : rows) {
      b.append("<tr>");
      r.forEach(c -> b.append(c.startsWith("<td") || c.startsWith("<th") ? c : "<td>" + c + "</td>"));
      b.append("</tr>\n");
    }
    return b.append("</tbody></table>\n").toString();
  }

  /** A right-aligned number cell that keeps the CSV text it shows in data-value. */
  public static String num(String display, String csvValue, String column) {
    return "<td class=\"num\" data-column=\"" + esc(column) + "\" data-value=\"" + esc(csvValue) + "\">"
        + esc(display) + "</td>";
  }
}
