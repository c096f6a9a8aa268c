package org.visawaiver.impact.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.EstimationStep;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.export.PanelExport;
import org.visawaiver.impact.export.RunManifest;
import org.visawaiver.impact.panel.PanelBuilder;
import org.visawaiver.impact.report.ReportStep;
import org.visawaiver.impact.scenario.ScenarioSettings;
import org.visawaiver.impact.scenario.ScenarioStep;
import org.visawaiver.impact.scenario.transfer.TransferTable;
import org.visawaiver.impact.validate.DatasetReport;
import org.visawaiver.impact.validate.InputValidation;
import org.visawaiver.impact.validate.ValidatedInputs;

/**
 * Runs the steps of the job in order, up to the one asked for, as one {@link StagedRun}: the
 * outputs appear in {@code output.dir} only when every step succeeded, with the manifest written
 * last. Each step lives in its own package; this class only wires them together and times them.
 * The caller holds the {@link OutputLock}.
 */
public final class Pipeline {
  private final SparkSession spark;
  private final JobConfig config;

  public Pipeline(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
  }

  public void run(Step last, String command) {
    new StagedRun(spark, config).run(command, (dir, manifest, timer) -> runSteps(last, command, dir, manifest, timer));
  }

  private void runSteps(Step last, String command, Path out, RunManifest manifest, StepTimer timer) {
    spark.sparkContext().setJobGroup("validate", "validate inputs in " + config.dataDir(), false);
    ValidatedInputs inputs =
        timer.time(
            "validate",
            () -> InputValidation.run(spark, config, out, last.includes(Step.SCENARIOS)),
            v -> DatasetReport.summarise(v.reports()));
    for (DatasetReport r : inputs.reports()) {
      manifest.input(r.dataset(), r.file(), r.sha256(), r.rowsRead(), r.rowsAccepted(), r.rowsRejected());
    }
    InputValidation.enforceRejectLimits(inputs.reports(), config);
    if (last == Step.VALIDATE) {
      return;
    }
    spark.sparkContext().setJobGroup("panel", "build the monthly panel", false);
    Dataset<Row> panel =
        timer.time(
            "panel",
            () -> PanelExport.write(PanelBuilder.build(inputs, config), out),
            p -> p.count() + " panel rows written to " + out.resolve("panel"));
    if (last == Step.PANEL) {
      return;
    }
    spark.sparkContext().setJobGroup("estimate", "fit the configured models", false);
    List<ModelResult> models =
        timer.time(
            "estimate",
            () -> {
              List<ModelResult> fitted = EstimationStep.run(spark, panel, config, out);
              TransferTable.write(out.resolve("estimates"), fitted,
                  ScenarioSettings.pooledOver(config.section("scenario")),
                  ScenarioSettings.tauPriorScale(config.section("scenario")));
              return fitted;
            },
            m -> m.size() + " model(s) written to " + out.resolve("estimates"));
    if (last == Step.ESTIMATE) {
      report(command, out, timer);
      return;
    }
    spark.sparkContext().setJobGroup("scenarios", "project the waiver scenarios", false);
    ScenarioStep.Result scenarios =
        timer.time(
            "scenarios",
            () -> ScenarioStep.run(spark, inputs, panel, models, config, out),
            ScenarioStep.Result::message);
    manifest.syntheticInputs(scenarios.syntheticInputs());
    timer.time("workbook", () -> ReportStep.workbook(config, out, command),
        p -> p.map(Path::toString).orElse("scenario.xlsx = false: no workbook"));
    report(command, out, timer);
  }

  /** The report of what the steps wrote (estimate and run); report.enabled = false skips it. */
  private void report(String command, Path out, StepTimer timer) {
    if (ReportStep.enabled(config)) {
      timer.time("report", () -> ReportStep.run(config, out, command),
          p -> p.map(Path::toString).orElse("no report"));
    }
  }
}
