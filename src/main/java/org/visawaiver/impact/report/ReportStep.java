package org.visawaiver.impact.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.report.figures.EventStudyChart;
import org.visawaiver.impact.report.figures.FanChart;
import org.visawaiver.impact.report.figures.Figure;
import org.visawaiver.impact.report.figures.FigureRenderer;
import org.visawaiver.impact.report.figures.NetFiscalChart;
import org.visawaiver.impact.report.figures.TornadoChart;
import org.visawaiver.impact.report.figures.WaiverEffectsChart;
import org.visawaiver.impact.report.page.ReportPage;
import org.visawaiver.impact.report.table.RegressionTable;
import org.visawaiver.impact.report.table.RegressionTableWriter;
import org.visawaiver.impact.report.workbook.ColumnDescriptions;
import org.visawaiver.impact.report.workbook.ScenarioWorkbook;
import org.visawaiver.impact.report.outputs.OutputFiles;
import org.visawaiver.impact.report.outputs.RunOutputs;

/**
 * The report step, last before the manifest: reads the run's output files and writes
 * estimates/regression_table.{csv,html,tex}, report/figures/*.{svg,png} and report/index.html.
 * Spark-free; after {@code estimate} it reports the estimates alone. {@code report.enabled =
 * false} skips it.
 */
public final class ReportStep {
  public static final String DIR = "report";
  public static final String PAGE = "index.html";
  public static final String FIGURES = "figures";

  private static final Logger LOG = LoggerFactory.getLogger(ReportStep.class);

  private ReportStep() {}

  public static boolean enabled(JobConfig config) {
    return !config.raw().hasPath("report.enabled") || config.raw().getBoolean("report.enabled");
  }

  /** Writes the report; returns the page, or empty when report.enabled = false. */
  public static Optional<Path> run(JobConfig config, Path out, String command) {
    if (!enabled(config)) {
      LOG.info("report.enabled = false: no report written");
      return Optional.empty();
    }
    RunOutputs run = new RunOutputs(out, command, config);
    run.coefficients().ifPresent(c -> RegressionTableWriter.write(out.resolve("estimates"),
        RegressionTable.of(c, run.modelSummary())));
    ReportPage.Figures figures = figures(run);
    Path dir = out.resolve(DIR);
    for (Figure f : figures.all()) {
      FigureRenderer.write(dir.resolve(FIGURES), f);
    }
    Path page = dir.resolve(PAGE);
    OutputFiles.write(page, ReportPage.render(run, figures));
    LOG.info("report: {} with {} figures", page, figures.all().size());
    return Optional.of(page);
  }

  /**
   * Writes scenarios/scenarios.xlsx from the run's files when the run has scenarios and
   * {@code scenario.xlsx} is true (independent of report.enabled).
   */
  public static Optional<Path> workbook(JobConfig config, Path out, String command) {
    if (config.raw().hasPath("scenario.xlsx") && !config.raw().getBoolean("scenario.xlsx")) {
      return Optional.empty();
    }
    return ScenarioWorkbook.writeFor(new RunOutputs(out, command, config), ColumnDescriptions.all());
  }

  static ReportPage.Figures figures(RunOutputs run) {
    List<Figure> effects = new ArrayList<>();
    run.coefficients().ifPresent(c -> c.distinct("model").forEach(m ->
        WaiverEffectsChart.draw(c, m, run.transfer()).ifPresent(effects::add)));
    List<Figure> events = run.eventStudy().filter(e -> e.has("rel_bin"))
        .map(EventStudyChart::drawAll).orElse(List.of());
    List<Figure> fans = run.scenarioMonthly().map(FanChart::drawAll).orElse(List.of());
    List<Figure> net = run.scenarioSummary().flatMap(NetFiscalChart::draw).map(List::of).orElse(List.of());
    List<Figure> tornado = run.sensitivity().map(TornadoChart::drawAll).orElse(List.of());
    return new ReportPage.Figures(effects, events, fans, net, tornado);
  }
}
