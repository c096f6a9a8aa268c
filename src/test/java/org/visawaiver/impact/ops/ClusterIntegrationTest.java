package org.visawaiver.impact.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.visawaiver.impact.ops.OpsProcesses.ROOT;
import static org.visawaiver.impact.ops.OpsProcesses.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Spark standalone cluster on loopback (master + 2 workers, random free ports, with
 * spark.authenticate): the job submitted to it gives the local run's results, also when one of the
 * two workers is killed in the middle of the run; everything started is stopped afterwards, also
 * when a test fails.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTest {
  private static final Duration JOB_LIMIT = Duration.ofMinutes(10);
  private Path work;
  private Path state;
  private Path secretFile;
  private Path localOut;
  private String master;

  @BeforeAll
  void startClusterAndLocalReference() throws IOException {
    assumeTrue(OpsProcesses.sampleDataPresent(),
        "notebooks-data/ (the sample data) is not in this checkout; `run` needs it");
    OpsProcesses.ensureJar();
    work = OpsProcesses.workDir("cluster");
    state = work.resolve("cluster-state");
    secretFile = work.resolve("secret");
    Files.writeString(secretFile, "it-" + System.nanoTime() + "-secret\n");
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
    localOut = work.resolve("local");
    Path localLog = work.resolve("local.log");
    List<String> local = new ArrayList<>(List.of("scripts/waiver-impact",
        OpsProcesses.jobCommand(), "--master", "local[2]", "--out", localOut.toString()));
    local.addAll(OpsProcesses.jobOptions());
    int localExit = OpsProcesses.run(local, localLog, JOB_LIMIT);
    OpsProcesses.assumeJobBuilt(localExit, localLog);
    assertEquals(0, localExit, "the local reference run failed:\n" + tail(localLog, 30));
    // estimate.executor = auto: the local reference runs its passes in driver memory, so the
    // comparison below also holds the two executors to the same outputs.
    assertTrue(Files.readString(localLog).contains(": executor local (estimate.executor = auto"),
        "the local reference run did not pick the local executor:\n" + tail(localLog, 30));

    int port = OpsProcesses.freePort();
    int webPort = OpsProcesses.freePortBlock(3);
    master = "spark://127.0.0.1:" + port;
    Path startLog = work.resolve("cluster-start.log");
    int started = OpsProcesses.run(List.of("scripts/cluster", "start", "--workers", "2",
        "--port", String.valueOf(port), "--web-port", String.valueOf(webPort),
        "--worker-cores", "1", "--worker-memory", "2g", "--secret-file", secretFile.toString(),
        "--state-dir", state.toString()), startLog, Duration.ofMinutes(3));
    assertEquals(0, started, "scripts/cluster start failed:\n" + tail(startLog, 30));
  }

  @AfterAll
  void stopEverything() {
    if (work == null) {
      return;
    }
    try {
      OpsProcesses.run(List.of("scripts/cluster", "stop", "--state-dir", state.toString()),
          work.resolve("cluster-stop.log"), Duration.ofMinutes(1));
    } finally {
      OpsProcesses.killAllMentioning(work.toString());
    }
  }

  private List<String> submit(Path out) {
    // The job starts only when both executors (2 cores) have registered, so that a worker killed
    // after the first step's marker surely had an executor working for the job.
    List<String> cmd = new ArrayList<>(List.of("scripts/submit", "--master", master,
        "--secret-file", secretFile.toString(), "--executor-memory", "1g", "--total-cores", "2",
        "--accept-timeout", "90", OpsProcesses.jobCommand(), "--out", out.toString(),
        "--set", "spark.conf.\"spark.scheduler.minRegisteredResourcesRatio\"=1.0",
        "--set", "spark.conf.\"spark.scheduler.maxRegisteredResourcesWaitingTime\"=\"180s\""));
    cmd.addAll(OpsProcesses.jobOptions());
    return cmd;
  }

  @Test
  @Order(1)
  void clusterRunGivesTheLocalResultsAndKeepsTheSecretOut() throws IOException {
    Path out = work.resolve("cluster");
    Path log = work.resolve("cluster.log");
    assertEquals(0, OpsProcesses.run(submit(out), log, JOB_LIMIT),
        "scripts/submit failed:\n" + tail(log, 40));

    OutputComparison.assertSameOutputs(localOut, out);
    // A standalone master: every model's passes must run as Spark jobs on the workers.
    String driverLog = Files.readString(log);
    assertTrue(driverLog.contains(": executor spark (estimate.executor = auto")
        && !driverLog.contains(": executor local ("), "the cluster run did not keep every model "
        + "on the Spark executor:\n" + tail(log, 40));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(master, manifest.get("master").asText());
    assertEquals("succeeded", manifest.get("status").asText());
    assertTrue(manifest.at("/spark/authenticate").asBoolean(), "spark.authenticate was not on");

    String secret = Files.readString(secretFile).trim();
    for (Path dir : List.of(out, state.resolve("logs"), state.resolve("work"))) {
      assertNoFileContains(dir, secret);
    }
    assertFalse(Files.readString(log).contains(secret), "the secret is in the driver log");
  }

  @Test
  @Order(2)
  void killingOneOfTwoWorkersMidRunGivesTheSameResults() throws IOException {
    Path out = work.resolve("cluster-lost-worker");
    Path log = work.resolve("cluster-lost-worker.log");
    Process job = OpsProcesses.start(submit(out), log);
    try {
      OpsProcesses.awaitCondition(
          () -> OpsProcesses.logMatches(log, OpsProcesses.midRunMarker()) || !job.isAlive(),
          Duration.ofMinutes(4), "the job to reach " + OpsProcesses.midRunMarker());
      assertTrue(job.isAlive(), "the job ended before a worker could be killed:\n" + tail(log, 30));

      long workerPid = Long.parseLong(Files.readString(state.resolve("pids/worker-2.pid")).trim());
      ProcessHandle worker = ProcessHandle.of(workerPid).orElseThrow(
          () -> new AssertionError("worker-2 (pid " + workerPid + ") is not running"));
      worker.descendants().forEach(ProcessHandle::destroyForcibly); // its executor
      worker.destroyForcibly();

      assertEquals(0, OpsProcesses.waitFor(job, log, JOB_LIMIT),
          "the job did not survive losing a worker:\n" + tail(log, 40));
    } finally {
      job.descendants().forEach(ProcessHandle::destroyForcibly);
      job.destroyForcibly();
    }
    assertTrue(OpsProcesses.logMatches(log, Pattern.compile("Lost executor|Executor lost")),
        "the driver never lost an executor, so the worker died after the job:\n" + tail(log, 40));
    OutputComparison.assertSameOutputs(localOut, out);
  }

  @Test
  @Order(3)
  void jobsWithoutTheClusterSecretAreRefusedWithAMessage() throws IOException {
    Path wrong = work.resolve("wrong-secret");
    Files.writeString(wrong, "not-the-cluster-secret\n");
    Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
    Path wrongLog = work.resolve("wrong-secret.log");
    assertEquals(1, OpsProcesses.run(List.of("scripts/submit", "--master", master,
        "--secret-file", wrong.toString(), "check-spark", "--out", work.resolve("wrong").toString()),
        wrongLog, Duration.ofMinutes(3)), tail(wrongLog, 20));
    assertTrue(Files.readString(wrongLog).contains("error: the master at " + master
        + " refused this job's authenticated connection"), tail(wrongLog, 20));

    Path noneLog = work.resolve("no-secret.log");
    assertEquals(1, OpsProcesses.run(List.of("scripts/submit", "--master", master,
        "check-spark", "--out", work.resolve("none").toString()), noneLog, Duration.ofMinutes(3)),
        tail(noneLog, 20));
    assertTrue(Files.readString(noneLog).contains("error: the master at " + master
        + " requires spark.authenticate and refused this job."), tail(noneLog, 20));
  }

  private static void assertNoFileContains(Path dir, String secret) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(f);
        assertFalse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
            "the secret is written in " + f);
      }
    }
  }
}
