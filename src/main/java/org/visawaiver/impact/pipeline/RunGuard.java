package org.visawaiver.impact.pipeline;

/**
 * Marks the staging folder FAILED when the JVM is stopped by a signal (SIGTERM, SIGINT, SIGHUP)
 * before the run finished. Once publishing began the run is left to finish: the rename is
 * quick, and an interrupted one is recovered by the next command into the same folder.
 */
final class RunGuard {
  private enum Phase { RUNNING, PUBLISHING, STOPPED }

  private final StagingFolder staging;
  private final Thread hook;
  private Phase phase = Phase.RUNNING;

  private RunGuard(StagingFolder staging) {
    this.staging = staging;
    this.hook = new Thread(this::onShutdown, "waiver-impact-staging-guard");
  }

  static RunGuard install(StagingFolder staging) {
    RunGuard g = new RunGuard(staging);
    Runtime.getRuntime().addShutdownHook(g.hook);
    return g;
  }

  static final String SIGNAL_REASON =
      "stopped by a signal (SIGTERM, SIGINT or SIGHUP) before the run finished";

  private synchronized void onShutdown() {
    if (phase == Phase.RUNNING) {
      phase = Phase.STOPPED;
      staging.markFailed(SIGNAL_REASON, 143);
    }
  }

  /** True when a signal stopped the run (its FAILED file is written). */
  synchronized boolean stopped() {
    return phase == Phase.STOPPED;
  }

  /** Called before the manifest is written; fails when a signal already stopped the run. */
  synchronized void beginPublish() {
    if (phase == Phase.STOPPED) {
      throw new IllegalStateException("the run was stopped by a signal before it could publish");
    }
    phase = Phase.PUBLISHING;
  }

  void remove() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs (and sees the phase) or has run
    }
  }
}
