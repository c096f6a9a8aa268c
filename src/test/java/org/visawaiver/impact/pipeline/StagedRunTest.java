package org.visawaiver.impact.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;

class StagedRunTest {
  @TempDir Path dir;

  private JobConfig config(String... more) {
    List<String> overrides = new java.util.ArrayList<>(List.of("output.dir=\"" + dir.resolve("out") + "\""));
    overrides.addAll(List.of(more));
    return JobConfig.load(null, false, overrides);
  }

  private void previousRun() throws IOException {
    Files.createDirectories(dir.resolve("out/sub"));
    Files.writeString(dir.resolve("out/manifest.json"), "{\"status\":\"succeeded\",\"old\":true}");
    Files.writeString(dir.resolve("out/sub/old.csv"), "a\n1\n");
  }

  @Test
  void successReplacesTheWholeFolderWithTheManifestWrittenLast() throws IOException {
    previousRun();
    new StagedRun(SharedSpark.spark(), config()).run("test", (out, manifest, timer) -> {
      assertFalse(Files.exists(out.resolve("manifest.json")), "manifest before the work ended");
      Files.writeString(out.resolve("new.csv"), "b\n2\n");
    });
    Path out = dir.resolve("out");
    assertEquals(List.of("manifest.json", "new.csv"), list(out));
    assertEquals("succeeded", new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("status").asText());
    assertFalse(Files.exists(dir.resolve("out.partial")));
    assertFalse(Files.exists(dir.resolve(".out.previous")));
  }

  @Test
  void checkedSparkExceptionLeavesThePreviousOutputAndSaysFailed() throws IOException {
    previousRun();
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new StagedRun(SharedSpark.spark(), config()).run("test", (out, manifest, timer) -> {
          Files.writeString(out.resolve("half.csv"), "x");
          Files.writeString(out.resolve(".half.csv.tmp"), "x");
          throw new SparkException("Job aborted: task failed");
        }));
    assertInstanceOf(PipelineFailure.class, e);
    assertEquals(ExitStatus.FAILED, ExitStatus.of(e));
    assertEquals(List.of("manifest.json", "sub"), list(dir.resolve("out")));
    assertEquals("{\"status\":\"succeeded\",\"old\":true}", Files.readString(dir.resolve("out/manifest.json")));
    Path staging = dir.resolve("out.partial");
    String failed = Files.readString(staging.resolve("FAILED"));
    assertTrue(failed.startsWith("reason: org.apache.spark.SparkException: Job aborted: task failed\nexit_code: 1\n"),
        failed);
    assertEquals("failed", new ObjectMapper().readTree(staging.resolve("manifest.json").toFile()).get("status").asText());
    assertFalse(Files.exists(staging.resolve(".half.csv.tmp")), "temporary file left behind");
    assertFalse(Files.exists(staging.resolve(StagingFolder.RUNNING)));
  }

  @Test
  void inputProblemsAreExitTwoAndTheNextRunStartsFromAFreshStagingFolder() throws IOException {
    JobConfig config = config();
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new StagedRun(SharedSpark.spark(), config).run("test", (out, manifest, timer) -> {
          throw new IllegalStateException("wrapped", new InputException("arrivals.csv: bad"));
        }));
    assertEquals(ExitStatus.BAD_INPUT, ExitStatus.of(e));
    assertEquals("arrivals.csv: bad", ExitStatus.describe(e));
    assertTrue(Files.exists(dir.resolve("out.partial/FAILED")));
    new StagedRun(SharedSpark.spark(), config).run("test", (out, manifest, timer) ->
        assertEquals(List.of(StagingFolder.RUNNING), list(out)));
    assertEquals(List.of("manifest.json"), list(dir.resolve("out")));
  }

  @Test
  void aPublishInterruptedBetweenItsRenamesIsUndoneByTheNextRun() throws IOException {
    Files.createDirectories(dir.resolve(".out.previous"));
    Files.writeString(dir.resolve(".out.previous/keep.csv"), "k");
    StagingFolder.prepare(dir.resolve("out"), null, "test");
    assertEquals("k", Files.readString(dir.resolve("out/keep.csv")));
    assertFalse(Files.exists(dir.resolve(".out.previous")));
  }

  @Test
  void callersStagingFolderKeepsItsFilesAndBecomesTheOutput() throws IOException {
    Path partial = Files.createDirectories(dir.resolve("20260101T000000Z.partial"));
    Files.writeString(partial.resolve("run.log"), "log");
    new StagedRun(SharedSpark.spark(), config("output.staging-dir=\"" + partial + "\"")).run("test",
        (out, manifest, timer) -> assertEquals(partial, out));
    assertEquals(List.of("manifest.json", "run.log"), list(dir.resolve("out")));
    assertFalse(Files.exists(partial));
  }

  @Test
  void secondLockOnTheSameFolderIsRefusedNamingTheHolder() {
    Path out = dir.resolve("out");
    try (OutputLock first = OutputLock.acquire(out, "waiver-impact run --out " + out)) {
      InputException e = assertThrows(InputException.class, () -> OutputLock.acquire(out, "waiver-impact panel"));
      assertTrue(e.getMessage().startsWith(out + ": another command is writing this output folder (pid "
          + ProcessHandle.current().pid() + ", command: waiver-impact run --out " + out + ", since "), e.getMessage());
      assertFalse(Files.exists(out), "the lock touched the output folder");
    }
    OutputLock.acquire(out, "again").close();
  }

  private static List<String> list(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
