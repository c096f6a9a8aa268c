package org.visawaiver.impact.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.report.page.Headline;
import org.visawaiver.impact.report.outputs.CsvTable;

class ReportStepTest {
  static final List<String> FIGURES = List.of("waiver_effects_ppml", "waiver_effects_ols", "event_study_VNM",
      "event_study_THA", "fan_incremental_arrivals_waiver_KOR", "fan_net_fiscal_usd_waiver_KOR",
      "fan_incremental_arrivals_waiver_all4", "fan_net_fiscal_usd_waiver_all4", "net_fiscal_distribution",
      "tornado_waiver_KOR", "tornado_waiver_all4");

  @TempDir static Path shared;
  static Path out;
  static Path page;

  /** One report of the fixture run, read by the tests below (rendering takes a few seconds). */
  @BeforeAll
  static void report() {
    out = ReportFixtures.copyRun(shared);
    page = ReportStep.run(ReportFixtures.config(), out, "run").orElseThrow();
  }

  @Test
  void writesOneSelfContainedPageWithEveryFigureAsSvgAndPng() throws Exception {
    assertEquals(out.resolve("report/index.html"), page);
    String html = Files.readString(page);
    for (String f : FIGURES) {
      BufferedImage png = ImageIO.read(out.resolve("report/figures/" + f + ".png").toFile());
      assertEquals(800, png.getWidth(), f);
      assertEquals(480, png.getHeight(), f);
      assertTrue(Files.readString(out.resolve("report/figures/" + f + ".svg")).contains("<svg"), f);
      assertTrue(html.contains("data-figure=\"" + f + "\" src=\"data:image/png;base64,"), f);
    }
    // self-contained: no script, stylesheet link, external image or font
    for (String banned : List.of("<script", "<link", "src=\"http", "url(", "@import", "@font-face")) {
      assertFalse(html.contains(banned), banned);
    }
    assertTrue(html.contains("id=\"synthetic-banner\""), "the sample's arrivals are synthetic");
    assertTrue(html.contains("arrivals.csv (first at line 3)"), "banner names the file");
    assertTrue(html.contains("<table class=\"regression\">"));
    assertTrue(html.contains("spend 673 = USD 803.51 x 0.8376 (test source)"), "assumptions show the parameters' sources");
    assertTrue(html.contains("data-column=\"rows_read\" data-value=\"61997\">61,997</td>"), "data quality");
    for (String f : List.of("regression_table.csv", "regression_table.html", "regression_table.tex")) {
      assertTrue(Files.isRegularFile(out.resolve("estimates/" + f)), f);
    }
  }

  /** Every number of the headline is a cell of scenario_summary.csv, shown as that number. */
  @Test
  void headlineNumbersEqualScenarioSummary() throws Exception {
    String html = Files.readString(page);
    CsvTable summary = CsvTable.read(out, "scenarios/scenario_summary.csv").orElseThrow();
    String headline = html.substring(html.indexOf("<table class=\"headline\">"));
    headline = headline.substring(0, headline.indexOf("</table>"));
    List<String> rows = new ArrayList<>(List.of(headline.split("<tr>")));
    rows.remove(0); // before the header row
    rows.remove(0); // header
    List<Map<String, String>> expected = Headline.rows(summary);
    assertEquals(List.of("waiver_KOR", "waiver_all4"), expected.stream().map(r -> r.get("scenario")).toList());
    assertEquals(expected.size(), rows.size());
    Pattern value = Pattern.compile("data-column=\"([a-z0-9_]+)\" data-value=\"([^\"]*)\">([^<]*)<");
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> csv = expected.get(i);
      assertTrue(rows.get(i).contains(">" + csv.get("scenario") + "<"), rows.get(i));
      Matcher m = value.matcher(rows.get(i));
      int numbers = 0;
      while (m.find()) {
        String column = m.group(1);
        assertEquals(csv.get(column), m.group(2), column);
        double shown = Double.parseDouble(m.group(3).replace(",", "").replace("%", "")
            .replace("\u2212", "-"));
        double cell = Double.parseDouble(csv.get(column));
        double asShown = column.startsWith("prob_") ? 100 * cell : cell;
        double tolerance = column.startsWith("prob_") || column.startsWith("effect_pct") ? 0.05 : 0.5;
        assertEquals(asShown, shown, tolerance, column + " of " + csv.get("scenario"));
        numbers++;
      }
      // 8 headline columns; 6 of them with an 80% band (p10, p90)
      assertEquals(8 + 2 * 6, numbers, rows.get(i));
    }
    assertTrue(html.contains("data-value=\"1907100\">1,907,100<"));
    assertTrue(html.contains("data-value=\"0.5312\">53.1%<"));
  }

  @Test
  void theEstimateCommandReportsTheEstimatesAlone(@TempDir Path tmp) throws Exception {
    Path out = ReportFixtures.copyRun(tmp, "scenarios");
    String html = Files.readString(ReportStep.run(ReportFixtures.config(), out, "estimate")
        .orElseThrow());
    assertTrue(html.contains("No scenarios in this run (scenarios/scenario_summary.csv is absent"));
    assertTrue(html.contains("<table class=\"regression\">"));
    assertTrue(html.contains("data-figure=\"waiver_effects_ppml\""));
    assertFalse(html.contains("<table class=\"headline\">"));
    assertFalse(Files.exists(out.resolve("report/figures/net_fiscal_distribution.svg")));
  }

  @Test
  void reportEnabledFalseWritesNothing(@TempDir Path tmp) {
    Path out = ReportFixtures.copyRun(tmp);
    assertEquals(Optional.empty(),
        ReportStep.run(ReportFixtures.config("report.enabled=false"), out, "run"));
    assertFalse(Files.exists(out.resolve("report")));
    assertFalse(Files.exists(out.resolve("estimates/regression_table.csv")));
  }
}
