package org.visawaiver.impact.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.visawaiver.impact.ops.OpsProcesses.tail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * scripts/nightly as cron runs it: a complete run publishes RUNS/latest; a run whose driver is
 * killed halfway leaves latest on the previous run and its folder marked FAILED; a second run
 * while one is in progress is refused by the lock; the next run succeeds with the same results.
 */
@Tag("integration")
class NightlyIntegrationTest {
  private static final Duration JOB_LIMIT = Duration.ofMinutes(10);

  @Test
  void killedRunNeverReplacesLatestAndTheNextRunSucceeds() throws Exception {
    assumeTrue(OpsProcesses.sampleDataPresent(),
        "notebooks-data/ (the sample data) is not in this checkout; `run` needs it");
    OpsProcesses.ensureJar();
    Path work = OpsProcesses.workDir("nightly");
    Path runs = work.resolve("runs");
    List<String> nightly = new ArrayList<>(List.of("scripts/nightly", "--runs-dir", runs.toString(),
        "--keep", "3", "--command", OpsProcesses.jobCommand(), "--master", "local[2]"));
    nightly.addAll(OpsProcesses.jobOptions());
    try {
      Path log1 = work.resolve("nightly-1.log");
      int firstExit = OpsProcesses.run(nightly, log1, JOB_LIMIT);
      OpsProcesses.assumeJobBuilt(firstExit, log1);
      assertEquals(0, firstExit, tail(log1, 30));
      Path first = runs.resolve(Files.readSymbolicLink(runs.resolve("latest")));
      assertTrue(Files.isRegularFile(first.resolve("manifest.json")), "no manifest in " + first);

      // Second run: killed in the middle; a third one meanwhile is refused by the lock.
      Path log2 = work.resolve("nightly-2.log");
      Process second = OpsProcesses.start(nightly, log2);
      Path partial;
      try {
        OpsProcesses.awaitCondition(() -> partialRunLogMatches(runs) || !second.isAlive(),
            Duration.ofMinutes(4), "the second run to reach " + OpsProcesses.midRunMarker());
        assertTrue(second.isAlive(), "the second run ended too early:\n" + tail(log2, 30));
        partial = onlyPartial(runs);

        Path log3 = work.resolve("nightly-3.log");
        assertEquals(1, OpsProcesses.run(nightly, log3, Duration.ofMinutes(1)), tail(log3, 10));
        assertTrue(Files.readString(log3).contains("another nightly run is in progress"),
            tail(log3, 10));

        List<ProcessHandle> drivers =
            OpsProcesses.javaProcessesWith("WaiverImpactCli", partial.toString());
        assertEquals(1, drivers.size(), "driver processes of " + partial);
        drivers.get(0).destroyForcibly();
        assertEquals(1, OpsProcesses.waitFor(second, log2, Duration.ofMinutes(2)), tail(log2, 30));
      } finally {
        second.descendants().forEach(ProcessHandle::destroyForcibly);
        second.destroyForcibly();
      }
      assertEquals(first, runs.resolve(Files.readSymbolicLink(runs.resolve("latest"))),
          "latest moved to a killed run");
      String failed = Files.readString(partial.resolve("FAILED"));
      assertTrue(failed.contains("reason: the job was killed"), failed);
      assertTrue(Files.readString(log2).contains("What to do:"), tail(log2, 20));

      // Fourth run: succeeds, moves latest, gives the first run's results.
      Path log4 = work.resolve("nightly-4.log");
      assertEquals(0, OpsProcesses.run(nightly, log4, JOB_LIMIT), tail(log4, 30));
      Path fourth = runs.resolve(Files.readSymbolicLink(runs.resolve("latest")));
      assertNotEquals(first, fourth);
      assertFalse(fourth.getFileName().toString().endsWith(".partial"));
      assertEquals("succeeded", new ObjectMapper().readTree(fourth.resolve("manifest.json").toFile())
          .get("status").asText());
      OutputComparison.assertSameOutputs(first, fourth);

      List<String> history = Files.readAllLines(runs.resolve("history.csv"));
      assertEquals("started_utc,run,status,exit_code,seconds,output_dir,git_commit", history.get(0));
      assertEquals(List.of("succeeded", "failed", "succeeded"),
          history.subList(1, history.size()).stream().map(l -> l.split(",")[2]).toList());
    } finally {
      OpsProcesses.killAllMentioning(work.toString());
    }
  }

  /** Needs the jar but no data: a job that fails at once (an unknown command is exit 2). */
  @Test
  void failedRunIsMarkedAndAnAbandonedOneIsFoundAndNamed() throws Exception {
    OpsProcesses.ensureJar();
    Path work = OpsProcesses.workDir("nightly-failed");
    Path runs = work.resolve("runs");
    Path abandoned = runs.resolve("20260101T023000Z.partial");
    Files.createDirectories(abandoned);
    try {
      Path log = work.resolve("nightly.log");
      assertEquals(2, OpsProcesses.run(List.of("scripts/nightly", "--runs-dir", runs.toString(),
          "--command", "no-such-command"), log, Duration.ofMinutes(3)), tail(log, 20));
      String out = Files.readString(log);
      assertTrue(out.contains("FAILED: the inputs or the configuration were rejected (exit status 2)"), out);
      assertTrue(out.contains("What to do: read the error in "), out);
      assertTrue(out.contains("runs/latest still points to the previous complete run (none yet)."), out);
      assertFalse(Files.exists(runs.resolve("latest")), "latest was created by a failed run");
      assertTrue(Files.readString(abandoned.resolve("FAILED")).startsWith(
          "reason: abandoned: the nightly process ended before finishing"));
      List<String> history = Files.readAllLines(runs.resolve("history.csv"));
      assertEquals(2, history.size(), String.join("\n", history));
      String[] row = history.get(1).split(",");
      assertEquals(List.of("failed", "2"), List.of(row[2], row[3]));
      Path partial = runs.resolve(row[1] + ".partial");
      assertTrue(Files.readString(partial.resolve("FAILED")).contains("exit_code: 2"));
      assertTrue(Files.readString(partial.resolve("run.log")).contains("no-such-command"));
    } finally {
      OpsProcesses.killAllMentioning(work.toString());
    }
  }

  private static boolean partialRunLogMatches(Path runs) {
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.filter(d -> d.getFileName().toString().endsWith(".partial"))
          .anyMatch(d -> OpsProcesses.logMatches(d.resolve("run.log"), OpsProcesses.midRunMarker()));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static Path onlyPartial(Path runs) throws java.io.IOException {
    try (Stream<Path> dirs = Files.list(runs)) {
      List<Path> partials =
          dirs.filter(d -> d.getFileName().toString().endsWith(".partial")).toList();
      assertEquals(1, partials.size(), "partial folders in " + runs);
      return partials.get(0);
    }
  }
}
