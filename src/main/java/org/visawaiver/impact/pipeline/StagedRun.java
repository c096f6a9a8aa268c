package org.visawaiver.impact.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.export.RunManifest;

/**
 * One command's work done into a {@link StagingFolder} and published as {@code output.dir} only
 * when it all succeeded, with {@code manifest.json} written last. On any failure (any exception
 * type, or a SIGTERM/SIGINT) the staging folder gets {@code FAILED} with the reason and a manifest
 * that says failed, the output folder is left as it was, and the original exception is rethrown (a
 * checked one wrapped in {@link PipelineFailure}). Problems while recording the failure are attached
 * to it as suppressed exceptions, never in its place. The caller holds the {@link OutputLock}.
 */
public final class StagedRun {
  private static final Logger LOG = LoggerFactory.getLogger("waiver-impact");
  private static final String MANIFEST = "manifest.json";

  /** What a command writes: its outputs into {@code dir}, facts into the manifest. */
  @FunctionalInterface
  public interface Work {
    void writeInto(Path dir, RunManifest manifest, StepTimer timer) throws Exception;
  }

  private final SparkSession spark;
  private final JobConfig config;

  public StagedRun(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** The staging folder a run of this configuration writes into. */
  static StagingFolder prepareStaging(JobConfig config, String command) {
    String given = config.raw().getString("output.staging-dir");
    return StagingFolder.prepare(config.outDir(), given.isBlank() ? null : Path.of(given), command);
  }

  public void run(String command, Work work) {
    StagingFolder staging = prepareStaging(config, command);
    RunGuard guard = RunGuard.install(staging);
    StepTimer timer = new StepTimer();
    RunManifest manifest = null;
    try {
      manifest = RunManifest.start(command, config, spark);
      work.writeInto(staging.dir(), manifest, timer);
      manifest.timings(timer.orderedSeconds());
      guard.beginPublish();
      manifest.write(staging.dir().resolve(MANIFEST));
      staging.publish();
      LOG.info("published {}", staging.out());
    } catch (Throwable t) {
      recordFailure(t, staging, guard, manifest, timer);
      throw PipelineFailure.of(t);
    } finally {
      guard.remove();
    }
  }

  private void recordFailure(
      Throwable t, StagingFolder staging, RunGuard guard, RunManifest manifest, StepTimer timer) {
    String reason;
    if (guard.stopped()) {
      reason = RunGuard.SIGNAL_REASON; // FAILED already says so; what follows is the shutdown's noise
    } else {
      reason = config.redaction().scrub(ExitStatus.describe(t));
      IOException marking = staging.markFailed(reason, ExitStatus.of(t));
      if (marking != null) {
        t.addSuppressed(marking);
      }
    }
    if (manifest != null) {
      try {
        manifest.failed(reason);
        manifest.timings(timer.orderedSeconds());
        manifest.write(staging.dir().resolve(MANIFEST));
      } catch (RuntimeException e) {
        t.addSuppressed(e);
      }
    }
  }
}
