package org.visawaiver.impact.report.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.visawaiver.impact.report.outputs.CsvTable;
import org.visawaiver.impact.report.format.Display;
import org.visawaiver.impact.report.format.Html;

/**
 * The headline table from scenarios/scenario_summary.csv: one row per scenario (its ALL row, or
 * its one origin), the cumulative totals over the horizon with their 80% bands. Each number is an
 * element with {@code data-column} and {@code data-value} holding the CSV cell it shows.
 */
public final class Headline {
  static final String ALL = "ALL";

  /** One column of the headline: its title, the CSV column of the main value, the band's stem. */
  record Column(String title, String column, String bandStem, BiFunction<String, String, String> show) {}

  static final List<Column> COLUMNS = List.of(
      new Column("Extra visitors", "incremental_arrivals_p50", "incremental_arrivals", (c, v) -> Display.grouped(v, 0)),
      new Column("Visitor spending (USD)", "visitor_spending_usd_p50", "visitor_spending_usd",
          (c, v) -> Display.grouped(v, 0)),
      new Column("Visa fees forgone (USD)", "visa_fees_forgone_usd", null, (c, v) -> Display.grouped(v, 0)),
      new Column("Net fiscal effect (USD)", "net_fiscal_usd_p50", "net_fiscal_usd", (c, v) -> Display.grouped(v, 0)),
      new Column("P(net fiscal > 0)", "prob_net_fiscal_positive", null, (c, v) -> Display.share(v, 1)),
      new Column("NPV of net fiscal (USD)", "net_fiscal_npv_usd_p50", "net_fiscal_npv_usd",
          (c, v) -> Display.grouped(v, 0)),
      new Column("Job-years", "job_years_p50", "job_years", (c, v) -> Display.grouped(v, 0)),
      new Column("Effect on arrivals", "effect_pct_p50", "effect_pct", (c, v) -> Display.percentPoints(v, 1)));

  private Headline() {}

  /** The rows the headline shows: each scenario's ALL row, or its only row. */
  public static List<Map<String, String>> rows(CsvTable summary) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String s : summary.distinct("scenario")) {
      List<Map<String, String>> rows = summary.where(r -> s.equals(r.get("scenario")));
      List<Map<String, String>> all = rows.stream().filter(r -> ALL.equals(r.get("origin"))).toList();
      out.addAll(!all.isEmpty() ? all : rows.size() == 1 ? rows : List.of());
    }
    return out;
  }

  public static String html(CsvTable summary) {
    List<Column> cols = COLUMNS.stream().filter(c -> summary.has(c.column())).toList();
    List<String> header = new ArrayList<>(List.of("Scenario", "Origins", "Horizon"));
    cols.forEach(c -> header.add(c.title()));
    List<List<String>> body = new ArrayList<>();
    for (Map<String, String> r : rows(summary)) {
      List<String> cells = new ArrayList<>();
      cells.add("<th scope=\"row\">" + Html.esc(r.get("scenario")) + "</th>");
      cells.add(Html.esc(origins(summary, r.get("scenario"))));
      cells.add(Html.esc(r.getOrDefault("start_month", "") + " to " + r.getOrDefault("end_month", "")));
      for (Column c : cols) {
        cells.add(cell(summary, r, c));
      }
      body.add(cells);
    }
    return Html.table("headline", header, body);
  }

  private static String origins(CsvTable summary, String scenario) {
    return String.join(", ", summary.where(r -> scenario.equals(r.get("scenario")) && !ALL.equals(r.get("origin")))
        .stream().map(r -> r.get("origin")).distinct().toList());
  }

  private static String cell(CsvTable summary, Map<String, String> r, Column c) {
    StringBuilder b = new StringBuilder("<td class=\"num\">");
    b.append(value(c.column(), r.get(c.column()), c.show().apply(c.column(), r.get(c.column())), "main"));
    if (c.bandStem() != null && summary.has(c.bandStem() + "_p10") && summary.has(c.bandStem() + "_p90")) {
      String lo = c.bandStem() + "_p10";
      String hi = c.bandStem() + "_p90";
      b.append("<br><span class=\"band\">80%: ")
          .append(value(lo, r.get(lo), c.show().apply(lo, r.get(lo)), "band"))
          .append(" to ")
          .append(value(hi, r.get(hi), c.show().apply(hi, r.get(hi)), "band"))
          .append("</span>");
    }
    return b.append("</td>").toString();
  }

  private static String value(String column, String csv, String display, String kind) {
    return "<span class=\"" + kind + "\" data-column=\"" + Html.esc(column) + "\" data-value=\""
        + Html.esc(csv == null ? "" : csv) + "\">" + Html.esc(display) + "</span>";
  }
}
