package org.visawaiver.impact.report.page;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.visawaiver.impact.report.outputs.CsvTable;
import org.visawaiver.impact.report.outputs.RunOutputs;
import org.visawaiver.impact.report.figures.Figure;
import org.visawaiver.impact.report.table.RegressionTable;
import org.visawaiver.impact.report.table.RegressionTableWriter;
import org.visawaiver.impact.report.format.Display;
import org.visawaiver.impact.report.format.Html;

/**
 * The report page, {@code OUT/report/index.html}: one self-contained HTML file (styles inline,
 * figures as PNG data URIs, no script, no font or request outside the file) that reads top to
 * bottom: banner, headline, waiver effects, regression table, event studies, scenarios,
 * assumptions, data quality, files. Every number is a cell of the run's CSV files.
 */
public final class ReportPage {
  private static final String CSS = "body{font-family:sans-serif;max-width:1000px;margin:0 auto;padding:0 16px;"
      + "color:#222;line-height:1.4}h1{margin-bottom:0}h2{border-bottom:1px solid #ccc;margin-top:2em}"
      + ".banner{background:#fff3cd;border:2px solid #d39e00;padding:10px 14px;margin:16px 0;font-weight:bold}"
      + "table.headline th[scope=row]{white-space:nowrap}td.num span{white-space:nowrap}"
      + ".note{color:#555;font-size:0.9em}.missing{color:#7a4b00;font-style:italic}"
      + "table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid #e3e3e3;"
      + "vertical-align:top}thead th{text-align:left;border-bottom:2px solid #999}td.num,th.num{text-align:right;"
      + "font-variant-numeric:tabular-nums}.band{color:#555;font-size:0.85em}"
      + "figure{margin:16px 0}figure img{width:100%;max-width:800px;height:auto;border:1px solid #eee}"
      + "table{display:block;overflow-x:auto;max-width:100%}figcaption,p,table.settings td{overflow-wrap:anywhere}"
      + "figcaption{font-size:0.9em;color:#444}tr.failed td{background:#fde2e2}code{font-size:0.9em}"
      + RegressionTableWriter.CSS;

  private final RunOutputs run;
  private final StringBuilder body = new StringBuilder();

  private ReportPage(RunOutputs run) {
    this.run = run;
  }

  public static String render(RunOutputs run, Figures figures) {
    ReportPage p = new ReportPage(run);
    p.banner();
    p.headline();
    p.effects(figures);
    p.regression();
    p.eventStudies(figures);
    p.scenarios(figures);
    p.assumptions();
    p.dataQuality();
    p.files(figures);
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>Visa waiver impact: report</title><style>" + CSS + "</style></head><body>\n"
        + "<h1>Visa waiver impact</h1>\n<p class=\"note\">Report of the run in this folder ("
        + Html.esc(run.describe()) + "). Every number below is read from the CSV files listed at the end.</p>\n"
        + p.body + "</body></html>\n";
  }

  /** The figures of the page, grouped by section. */
  public record Figures(List<Figure> effects, List<Figure> eventStudies, List<Figure> fans,
      List<Figure> netFiscal, List<Figure> tornado) {
    public List<Figure> all() {
      List<Figure> all = new ArrayList<>();
      all.addAll(effects);
      all.addAll(eventStudies);
      all.addAll(fans);
      all.addAll(netFiscal);
      all.addAll(tornado);
      return all;
    }
  }

  private void banner() {
    List<String> reasons = new ArrayList<>(run.synthetic().synthetic());
    run.scenarioSummary().ifPresent(s -> {
      long noted = s.rows().stream().filter(r -> !r.getOrDefault("data_note", "").isEmpty()).count();
      if (noted > 0) {
        reasons.add("scenarios/scenario_summary.csv has a data_note on " + noted + " of " + s.rows().size()
            + " rows");
      }
    });
    if (!reasons.isEmpty()) {
      body.append("<div class=\"banner\" id=\"synthetic-banner\">Synthetic data: inputs of this run are marked ")
          .append("<code>source = synthetic</code> (").append(Html.esc(String.join("; ", reasons)))
          .append("). The numbers illustrate the method; they are not estimates of the real world.</div>\n");
    }
  }

  private void headline() {
    body.append("<h2 id=\"headline\">Headline</h2>\n");
    Optional<CsvTable> summary = run.scenarioSummary();
    if (summary.isEmpty()) {
      missing("No scenarios in this run (scenarios/scenario_summary.csv is absent: the `estimate` command "
          + "stops before the scenarios). The estimates follow.");
      return;
    }
    body.append("<p>Cumulative over each scenario's horizon: median (p50) over the Monte Carlo draws, "
        + "with the 80% band (p10 to p90) below. Source: <code>scenarios/scenario_summary.csv</code>.</p>\n");
    body.append(Headline.html(summary.get()));
  }

  private void effects(Figures figures) {
    body.append("<h2 id=\"effects\">Waiver effects</h2>\n");
    figures.effects().forEach(this::figure);
    run.waiverComparison().ifPresent(w -> {
      List<List<String>> rows = new ArrayList<>();
      for (String m : w.distinct("model")) {
        w.where(r -> m.equals(r.get("model"))).stream().findFirst().ifPresent(r -> rows.add(List.of(
            Html.esc(m), Html.esc(r.get("wald_hypothesis")), num(r, "wald_statistic", 2), num(r, "wald_df", 0),
            Html.num(r.get("wald_p_value"), r.get("wald_p_value"), "wald_p_value"))));
      }
      body.append("<p>Are the compared destinations' effects equal? Wald test "
          + "(<code>estimates/waiver_comparison.csv</code>):</p>\n");
      body.append(Html.table("wald", List.of("model", "hypothesis", "statistic", "df", "p-value"), rows));
    });
    run.transfer().ifPresent(t -> body.append("<p>Borrowing the effect for a new destination "
        + "(<code>estimates/transfer.csv</code>):</p>\n").append(plain(t)));
  }

  private void regression() {
    body.append("<h2 id=\"regression\">Regression table</h2>\n");
    Optional<CsvTable> coef = run.coefficients();
    if (coef.isEmpty()) {
      missing("No estimates in this run (estimates/coefficients.csv is absent).");
      return;
    }
    body.append(RegressionTableWriter.html(RegressionTable.of(coef.get(), run.modelSummary())));
    body.append("<p class=\"note\">Also as <code>estimates/regression_table.csv</code>, <code>.html</code> and "
        + "<code>.tex</code>; full precision in <code>estimates/coefficients.csv</code>, covariances in "
        + "<code>estimates/vcov.csv</code>.</p>\n");
  }

  private void eventStudies(Figures figures) {
    body.append("<h2 id=\"event-study\">Event studies</h2>\n");
    if (figures.eventStudies().isEmpty()) {
      missing("No event study in this run (estimates/event_study.csv is absent or has no bins).");
    }
    figures.eventStudies().forEach(this::figure);
    run.eventStudySummary().ifPresent(s -> body.append("<p>ATT and pre-trend test "
        + "(<code>estimates/event_study_summary.csv</code>):</p>\n").append(plain(s)));
  }

  private void scenarios(Figures figures) {
    body.append("<h2 id=\"scenarios\">Scenarios</h2>\n");
    if (run.scenarioMonthly().isEmpty()) {
      missing("No scenarios in this run.");
      return;
    }
    figures.netFiscal().forEach(this::figure);
    figures.fans().forEach(this::figure);
    if (figures.tornado().isEmpty()) {
      missing("No sensitivity data (scenarios/sensitivity.csv is absent): no tornado chart.");
    }
    figures.tornado().forEach(this::figure);
  }

  private void assumptions() {
    body.append("<h2 id=\"assumptions\">Assumptions and sources</h2>\n");
    Optional<CsvTable> params = run.tourismParameters();
    if (params.isPresent()) {
      body.append("<p>What one more visitor is worth (<code>").append(Html.esc(run.tourismParametersFile()))
          .append("</code>, the input as given):</p>\n").append(plain(params.get()));
    } else {
      missing("No tourism parameters in this run (the `estimate` command does not read them).");
    }
    body.append("<p>Settings of this run (<code>conf/application.conf</code>, where each key is explained, "
        + "with <code>--conf</code> and <code>--set</code> applied):</p>\n");
    List<List<String>> rows = new ArrayList<>();
    run.settings().forEach((k, v) -> rows.add(List.of("<code>" + Html.esc(k) + "</code>", Html.esc(v))));
    body.append(Html.table("settings", List.of("key", "value"), rows));
  }

  private void dataQuality() {
    body.append("<h2 id=\"data-quality\">Data quality</h2>\n");
    run.validationSummary().ifPresentOrElse(
        s -> body.append("<p>Rows per input (<code>validation_summary.csv</code>; rejected rows with their "
            + "reasons in <code>rejects/&lt;dataset&gt;.csv</code>):</p>\n").append(plain(s)),
        () -> missing("validation_summary.csv is absent."));
    run.validationChecks().ifPresent(c -> {
      List<List<String>> rows = new ArrayList<>();
      for (Map<String, String> r : c.rows()) {
        List<String> cells = new ArrayList<>();
        for (String h : c.header()) {
          String v = r.getOrDefault(h, "");
          cells.add(h.startsWith("rows_") ? Html.num(Display.grouped(v, 0), v, h) : Html.esc(v));
        }
        rows.add(cells);
      }
      String table = Html.table("checks", c.header(), rows);
      long failed = c.rows().stream().filter(r -> "failed".equals(r.get("status"))).count();
      body.append("<p>Validation checks (<code>validation_checks.csv</code>): ").append(c.rows().size())
          .append(" checks, ").append(failed).append(" with rejected rows.</p>\n")
          .append("<details><summary>All checks</summary>\n").append(table).append("</details>\n");
    });
  }

  private void files(Figures figures) {
    body.append("<h2 id=\"files\">Where everything is</h2>\n<ul>\n");
    for (String f : run.filesPresent()) {
      body.append("<li><a href=\"../").append(Html.esc(f)).append("\"><code>").append(Html.esc(f))
          .append("</code></a></li>\n");
    }
    body.append("<li>Figures as SVG and PNG: <code>report/figures/</code> (").append(figures.all().size())
        .append(" figures)</li>\n</ul>\n");
  }

  private void figure(Figure f) {
    // PNG: XChart writes SVG text as glyph outlines (about 0.6 MB a figure); the PNG is a tenth of that
    String data = Base64.getEncoder().encodeToString(f.png());
    body.append("<figure id=\"fig-").append(Html.esc(f.name())).append("\"><img alt=\"").append(Html.esc(f.title()))
        .append("\" data-figure=\"").append(Html.esc(f.name())).append("\" src=\"data:image/png;base64,")
        .append(data).append("\"><figcaption>").append(Html.esc(f.title())).append(". ")
        .append(Html.esc(f.note())).append(" Files: <code>report/figures/").append(Html.esc(f.name()))
        .append(".svg</code>, <code>.png</code>.</figcaption></figure>\n");
  }

  private void missing(String text) {
    body.append("<p class=\"missing\">").append(Html.esc(text)).append("</p>\n");
  }

  /** A CSV table as it is: numbers right-aligned as written (row counts with thousands separators). */
  private static String plain(CsvTable t) {
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, String> r : t.rows()) {
      List<String> cells = new ArrayList<>();
      for (String h : t.header()) {
        String v = r.getOrDefault(h, "");
        String shown = h.startsWith("rows_") ? Display.grouped(v, 0) : v;
        cells.add(Display.parse(v) != null ? Html.num(shown, v, h) : Html.esc(v));
      }
      rows.add(cells);
    }
    return Html.table("plain", t.header(), rows);
  }

  private static String num(Map<String, String> r, String column, int decimals) {
    String v = r.getOrDefault(column, "");
    return Html.num(Display.grouped(v, decimals), v, column);
  }
}
