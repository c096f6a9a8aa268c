package org.visawaiver.impact.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.config.Redaction;
import org.visawaiver.impact.pipeline.ExitStatus;
import org.visawaiver.impact.pipeline.OutputLock;
import org.visawaiver.impact.pipeline.StagingFolder;
import org.visawaiver.impact.spark.SparkSessions;
import picocli.CommandLine;

/**
 * The top of every command that writes an output folder: resolve the configuration, take the
 * output folder's lock (before Spark starts, so a second command stops at once), start Spark, do
 * the work, stop Spark. Whatever is thrown (checked Spark exceptions and errors included) ends
 * here: reported once, redacted, and mapped to the exit status ({@link ExitStatus}).
 */
final class CommandExecution {
  private static final Logger LOG = LoggerFactory.getLogger("waiver-impact");

  /** The command's work, given Spark and the configuration. */
  @FunctionalInterface
  interface Body {
    void run(SparkSession spark, JobConfig config) throws Exception;
  }

  private CommandExecution() {}

  static int execute(CommandLine.Model.CommandSpec spec, JobOptions options, Body body) {
    Redaction redaction = Redaction.sparkDefault();
    JobConfig config = null;
    try {
      config = options.resolve(spec.commandLine().getParseResult().hasMatchedOption("--conf"));
      redaction = config.redaction();
      String commandLine = "waiver-impact "
          + String.join(" ", spec.commandLine().getParseResult().originalArgs());
      try (OutputLock lock = OutputLock.acquire(config.outDir(), redaction.scrub(commandLine))) {
        SparkSession spark = SparkSessions.create(config.section("spark"), redaction);
        Throwable failure = null;
        try {
          body.run(spark, config);
        } catch (Throwable t) {
          failure = t;
        } finally {
          try {
            spark.stop();
          } catch (RuntimeException e) {
            if (failure == null) {
              failure = e;
            } else {
              failure.addSuppressed(e);
            }
          }
        }
        if (failure != null) {
          return report(spec, failure, redaction, config);
        }
      }
      return ExitStatus.OK;
    } catch (Throwable t) {
      return report(spec, t, redaction, config);
    }
  }

  private static int report(
      CommandLine.Model.CommandSpec spec, Throwable t, Redaction redaction, JobConfig config) {
    int status = ExitStatus.of(t);
    PrintWriter err = spec.commandLine().getErr();
    if (status == ExitStatus.FAILED) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      LOG.error("failed: {}", redaction.scrub(trace.toString()));
    }
    err.println("error: " + redaction.scrub(ExitStatus.describe(t)));
    if (status == ExitStatus.FAILED && config != null) {
      err.println("The run did not finish; see the log above. " + config.outDir()
          + " was not changed; what this run wrote so far is in " + stagingOf(config) + " (FAILED says why).");
    }
    err.flush();
    return status;
  }

  private static String stagingOf(JobConfig config) {
    String given = config.raw().getString("output.staging-dir");
    return given.isBlank() ? StagingFolder.defaultDir(config.outDir()).toString() : given;
  }
}
