package org.visawaiver.impact.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts' refusals, which need neither Spark nor the jar: each exits with the contract's
 * status and a message saying what to do.
 */
class OpsScriptsTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private static String run(Path dir, int expectedExit, String... command) throws Exception {
    Path log = dir.resolve("script-" + System.nanoTime() + ".log");
    int code = OpsProcesses.run(List.of(command), log, LIMIT);
    String output = Files.readString(log);
    assertEquals(expectedExit, code, output);
    return output;
  }

  @Test
  void secretFileReadableByOthersIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "abc\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    String expected = "secret file " + secret + " has mode 644; it must be readable by its owner"
        + " only: chmod 600 " + secret;
    assertTrue(run(dir, 2, "scripts/cluster", "start", "--secret-file", secret.toString(),
        "--state-dir", dir.resolve("state").toString()).contains(expected));
    assertFalse(Files.exists(dir.resolve("state/pids")), "cluster start went ahead");
    assertTrue(run(dir, 2, "scripts/submit", "--master", "spark://127.0.0.1:1",
        "--secret-file", secret.toString(), "check-spark").contains(expected));
  }

  @Test
  void submitNeedsASparkMasterUrl(@TempDir Path dir) throws Exception {
    assertTrue(run(dir, 2, "scripts/submit", "check-spark").contains(
        "error: --master spark://HOST:PORT is required (got ''); scripts/cluster status prints the URL"));
  }

  @Test
  void statusOfNoClusterSaysHowToStartOne(@TempDir Path dir) throws Exception {
    assertTrue(run(dir, 3, "scripts/cluster", "status", "--state-dir", dir.toString()).contains(
        "no cluster started from " + dir + " (start one: scripts/cluster start)"));
  }

  @Test
  void nightlyChoosesTheOutputFolderItself(@TempDir Path dir) throws Exception {
    assertTrue(run(dir, 2, "scripts/nightly", "--runs-dir", dir.toString(), "--out", "x").contains(
        "error: --out is chosen by nightly (RUNS/<timestamp>/); use --runs-dir"));
  }

  @Test
  void nightlyRefusesToRunWhileAnotherHoldsTheLock(@TempDir Path dir) throws Exception {
    Path runs = dir.resolve("runs");
    Files.createDirectories(runs);
    Files.writeString(runs.resolve(".nightly.running"), "pid 4242 since 2026-01-01T02:30:00Z");
    Path locked = dir.resolve("locked");
    Process holder = new ProcessBuilder("flock", runs.resolve(".nightly.lock").toString(),
        "bash", "-c", "touch " + locked + "; sleep 60").start();
    try {
      OpsProcesses.awaitCondition(() -> Files.exists(locked), Duration.ofSeconds(20),
          "flock to take the lock");
      String out = run(dir, 1, "scripts/nightly", "--runs-dir", runs.toString());
      assertTrue(out.contains("error: another nightly run is in progress "
          + "(pid 4242 since 2026-01-01T02:30:00Z);"), out);
      assertTrue(out.contains("this run did nothing."), out);
      try (var entries = Files.list(runs)) {
        assertEquals(List.of(".nightly.lock", ".nightly.running"),
            entries.map(p -> p.getFileName().toString()).sorted().toList());
      }
    } finally {
      holder.destroyForcibly();
    }
  }
}
