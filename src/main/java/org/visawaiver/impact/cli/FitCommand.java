package org.visawaiver.impact.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.visawaiver.impact.estimate.FitRequest;
import org.visawaiver.impact.estimate.PanelFit;
import org.visawaiver.impact.ingest.FileDigest;
import org.visawaiver.impact.pipeline.ExitStatus;
import org.visawaiver.impact.pipeline.StagedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code waiver-impact fit}: the estimator on any panel. The request is parsed before Spark
 * starts, so a malformed formula stops at once with exit status 2.
 */
@Command(name = "fit",
    description = "Fit one model on any panel (CSV or Parquet): estimates/coefficients.csv, "
        + "model_summary.csv, vcov.csv.")
final class FitCommand implements Callable<Integer> {
  @Mixin JobOptions options;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--panel", required = true, paramLabel = "FILE",
      description = "The panel: a CSV file with a header row, or Parquet (*.parquet).")
  Path panel;

  @Option(names = "--formula", required = true, paramLabel = "FORMULA",
      description = "fixest style: \"y ~ x1 + log(x2) + i(f, x3) | fe1 + fe2^fe3\".")
  String formula;

  @Option(names = "--estimator", defaultValue = "ppml", paramLabel = "ppml|ols",
      description = "ppml (Poisson PML) or ols (least squares of log(outcome)). Default: ${DEFAULT-VALUE}.")
  String estimator;

  @Option(names = "--vcov", paramLabel = "VCOV",
      description = "iid | hetero | cluster(a[, b...]). Default: clustered by the first fixed effect "
          + "(iid without fixed effects), as fixest.")
  String vcov;

  @Option(names = "--gravity", paramLabel = "I,J,T",
      description = "Origin, destination and time columns of the fixed effects I^T + J^T (+ I^J): "
          + "adds the Weidner-Zylkin bias and bias-corrected SE (PPML).")
  String gravity;

  @Override
  public Integer call() {
    FitRequest request;
    try {
      request = FitRequest.of(panel, formula, estimator, vcov, gravity);
    } catch (RuntimeException e) {
      if (ExitStatus.of(e) != ExitStatus.BAD_INPUT) {
        throw e;
      }
      spec.commandLine().getErr().println("error: " + ExitStatus.describe(e));
      spec.commandLine().getErr().flush();
      return ExitStatus.BAD_INPUT;
    }
    return CommandExecution.execute(spec, options,
        (spark, config) -> new StagedRun(spark, config).run("fit", (dir, manifest, timer) -> {
          var fit = timer.time("fit", () -> PanelFit.run(spark, config, request, dir),
              f -> f.observations() + " observations, " + f.terms().size() + " terms");
          manifest.input("panel", panel.toString(),
              java.nio.file.Files.isRegularFile(panel) ? FileDigest.sha256(panel) : "",
              fit.observations() + fit.droppedTotal(), fit.observations(), fit.droppedTotal());
        }));
  }
}
