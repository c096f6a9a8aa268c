package org.visawaiver.impact.cli;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.config.Redaction;
import org.visawaiver.impact.export.BuildInfo;
import org.visawaiver.impact.pipeline.ExitStatus;
import org.visawaiver.impact.pipeline.Pipeline;
import org.visawaiver.impact.pipeline.Step;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/waiver-impact COMMAND [options]}. Exit status: 0 done; 2 bad input or
 * configuration; 1 anything else.
 */
@Command(
    name = "waiver-impact",
    mixinStandardHelpOptions = true,
    versionProvider = WaiverImpactCli.Version.class,
    description = "Estimates what visa waivers do to tourism and projects waiver scenarios.",
    subcommands = {
      WaiverImpactCli.Run.class,
      WaiverImpactCli.Validate.class,
      WaiverImpactCli.PanelCommand.class,
      WaiverImpactCli.Estimate.class,
      FitCommand.class,
      CheckSparkCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WaiverImpactCli implements Callable<Integer> {
  static final int EXIT_OK = ExitStatus.OK;
  static final int EXIT_FAILED = ExitStatus.FAILED;
  static final int EXIT_BAD_INPUT = ExitStatus.BAD_INPUT;
  private static final Logger LOG = LoggerFactory.getLogger("waiver-impact");

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return EXIT_BAD_INPUT;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns the exit status (for tests, without System.exit). */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.err, true), args);
  }

  /** As above, with the error stream given (tests read the messages). */
  static int execute(java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new WaiverImpactCli());
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // Commands that write an output folder report their own failures (CommandExecution).
          int status = ExitStatus.of(e);
          if (status == EXIT_FAILED) {
            LOG.error("failed", e);
          }
          commandLine.getErr().println("error: " + Redaction.sparkDefault().scrub(ExitStatus.describe(e)));
          return status;
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          e.getCommandLine().getErr().println("error: " + e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return EXIT_BAD_INPUT;
        });
    return cli.execute(args);
  }

  /** Shared body of the pipeline commands. */
  abstract static class PipelineCommand implements Callable<Integer> {
    @Mixin JobOptions options;
    @Spec CommandLine.Model.CommandSpec spec;

    abstract Step lastStep();

    @Override
    public Integer call() {
      return CommandExecution.execute(spec, options,
          (spark, config) -> new Pipeline(spark, config).run(lastStep(), spec.name()));
    }
  }

  @Command(name = "run", description = "Validate, build the panel, estimate, project scenarios, export.")
  static final class Run extends PipelineCommand {
    @Override
    Step lastStep() {
      return Step.SCENARIOS;
    }
  }

  @Command(name = "validate", description = "Validate the inputs: rejects/ and manifest.json.")
  static final class Validate extends PipelineCommand {
    @Override
    Step lastStep() {
      return Step.VALIDATE;
    }
  }

  @Command(name = "panel", description = "validate, then build the panel: panel/ and panel.csv.")
  static final class PanelCommand extends PipelineCommand {
    @Override
    Step lastStep() {
      return Step.PANEL;
    }
  }

  @Command(name = "estimate",
      description = "panel, then fit the configured models: estimates/ (needs no tourism_parameters.csv).")
  static final class Estimate extends PipelineCommand {
    @Override
    Step lastStep() {
      return Step.ESTIMATE;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      // The version is the jar manifest's (pom.xml's <version>), the commit the script's or the manifest's.
      BuildInfo build = BuildInfo.of(WaiverImpactCli.class);
      return new String[] {"waiver-impact " + build.version() + " (git " + build.gitCommit() + ")"};
    }
  }
}
