package org.visawaiver.impact.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.visawaiver.impact.ops.OpsProcesses.tail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of docs/operations.md ("Guarantees of every command"), tried on the built job as a
 * user would run it: scripts/waiver-impact in its own process, killed, run twice at once, given
 * corrupt input, a secret, an unknown key, a full disk.
 */
@Tag("integration")
class ReliabilityIntegrationTest {
  private static final Duration LIMIT = Duration.ofMinutes(6);
  private static final String ARRIVALS_HEADER = "destination,origin,month,arrivals\n";

  private static List<String> job(String command, Path out, String... more) {
    List<String> c = new ArrayList<>(List.of("scripts/waiver-impact", command, "--master", "local[2]",
        "--out", out.toString()));
    c.addAll(List.of(more));
    return c;
  }

  /** A small data folder: a few clean arrivals (plus {@code extraArrivals}), one policy row, no advisories. */
  private static Path tinyData(Path work, String extraArrivals) throws IOException {
    Path data = Files.createDirectories(work.resolve("data"));
    Files.writeString(data.resolve("arrivals.csv"), ARRIVALS_HEADER
        + "KHM,KOR,2019-01,1200\nKHM,KOR,2019-02,1100\nKHM,KOR,2019-03,1300\n" + extraArrivals);
    Files.writeString(data.resolve("visa_policy.csv"),
        "destination,origin,regime,effective_from,max_stay_days\nKHM,KOR,visa_on_arrival,2019-01-01,30\n");
    Files.writeString(data.resolve("advisories.csv"), "issuer,destination,level,effective_from\n");
    return data;
  }

  @Test
  void killMinus9MidEstimateLeavesThePreviousOutputByteForByteAndASecondCommandIsRefused() throws Exception {
    assumeTrue(Files.isDirectory(OpsProcesses.ROOT.resolve("notebooks-data")),
        "notebooks-data/ (the sample data) is not in this checkout");
    OpsProcesses.ensureJar();
    Path work = OpsProcesses.workDir("reliability-kill");
    Path out = work.resolve("out");
    try {
      Path log1 = work.resolve("validate.log");
      assertEquals(0, OpsProcesses.run(job("validate", out), log1, LIMIT), tail(log1, 30));
      Map<String, String> before = snapshot(out);
      assertTrue(before.containsKey("manifest.json"), before.toString());

      Path log2 = work.resolve("estimate.log");
      Process estimate = OpsProcesses.start(job("estimate", out), log2);
      try {
        OpsProcesses.awaitCondition(() -> OpsProcesses.logMatches(log2, Pattern.compile("waiver-impact: panel "))
            || !estimate.isAlive(), LIMIT, "the estimate step to begin");
        assertTrue(estimate.isAlive(), "estimate ended before it could be killed:\n" + tail(log2, 30));

        Path log3 = work.resolve("second.log");
        long started = System.nanoTime();
        assertEquals(2, OpsProcesses.run(job("validate", out), log3, Duration.ofMinutes(2)), tail(log3, 20));
        String refused = Files.readString(log3);
        assertTrue(refused.contains(out + ": another command is writing this output folder (pid " + estimate.pid()
            + ", command: waiver-impact estimate --master local[2] --out " + out), refused);
        assertTrue(estimate.isAlive(), "the refused command stopped the running one");
        assertEquals(before, snapshot(out), "the refused command touched " + out);
        System.out.printf("second command refused in %.1f s (JVM start included)%n", (System.nanoTime() - started) / 1e9);

        estimate.destroyForcibly(); // SIGKILL: no hook, no finally
        OpsProcesses.waitFor(estimate, log2, Duration.ofMinutes(1));
      } finally {
        estimate.destroyForcibly();
      }
      assertEquals(before, snapshot(out), "kill -9 mid-estimate changed " + out);
      Path staging = work.resolve("out.partial");
      String running = Files.readString(staging.resolve("RUNNING"));
      assertTrue(running.startsWith("pid: " + estimate.pid() + "\ncommand: estimate\n"), running);
      assertFalse(Files.exists(staging.resolve("manifest.json")), "a killed run wrote a manifest");
    } finally {
      OpsProcesses.killAllMentioning(work.toString());
    }
  }

  @Test
  void corruptParquetExitsTwoAndNoManifestSaysSucceeded() throws Exception {
    OpsProcesses.ensureJar();
    Path work = OpsProcesses.workDir("reliability-parquet");
    try {
      Path data = tinyData(work, "");
      // A Parquet header and then garbage: no footer.
      Files.write(data.resolve("arrivals.parquet"), "PAR1 this file lost its footer".getBytes(StandardCharsets.US_ASCII));
      Path out = work.resolve("out");
      Path log = work.resolve("validate.log");
      assertEquals(2, OpsProcesses.run(job("validate", out, "--data", data.toString(),
          "--set", "data.arrivals=arrivals.parquet"), log, LIMIT), tail(log, 30));
      assertTrue(Files.readString(log).contains("error: " + data.resolve("arrivals.parquet")
          + ": not readable as Parquet ("), tail(log, 10));
      assertFalse(Files.exists(out), "a failed run published " + out);
      Path staging = work.resolve("out.partial");
      assertTrue(Files.readString(staging.resolve("FAILED")).contains("exit_code: 2"));
      try (Stream<Path> files = Files.walk(work)) {
        for (Path manifest : files.filter(p -> p.getFileName().toString().equals("manifest.json")).toList()) {
          assertEquals("failed", new ObjectMapper().readTree(manifest.toFile()).get("status").asText(), manifest.toString());
        }
      }
    } finally {
      OpsProcesses.killAllMentioning(work.toString());
    }
  }

  @Test
  void unknownSetKeyExitsTwoNamingTheNearestKnownKey() throws Exception {
    OpsProcesses.ensureJar();
    Path work = OpsProcesses.workDir("reliability-key");
    Path log = work.resolve("validate.log");
    assertEquals(2, OpsProcesses.run(job("validate", work.resolve("out"), "--set", "validate.max-reject-shares=0.5"),
        log, LIMIT), tail(log, 20));
    assertTrue(Files.readString(log).contains("error: configuration: unknown key \"validate.max-reject-shares\""
        + " (given with --set); did you mean \"validate.max-reject-share\"?"), tail(log, 10));
    assertFalse(Files.exists(work.resolve("out")) || Files.exists(work.resolve("out.partial")), "something was written");
  }

  @Test
  void anAccessKeyNeverAppearsInManifestLogOrAnyOutput() throws Exception {
    OpsProcesses.ensureJar();
    Path work = OpsProcesses.workDir("reliability-secret");
    String accessKey = "AKIARELIABILITYTEST7";
    String secretKey = "wJalrXUtnFEMI-reliability-secret";
    try {
      Path data = tinyData(work, "");
      Path out = work.resolve("out");
      Path log = work.resolve("validate.log");
      assertEquals(0, OpsProcesses.run(job("validate", out, "--data", data.toString(),
          "--set", "spark.conf.\"spark.hadoop.fs.s3a.access.key\"=" + accessKey,
          "--set", "spark.hadoop.fs.s3a.secret.key=" + secretKey), log, LIMIT), tail(log, 30));
      String manifest = Files.readString(out.resolve("manifest.json"));
      assertTrue(manifest.contains("\"spark.hadoop.fs.s3a.access.key\" : \"*********(redacted)\""), manifest);
      assertTrue(manifest.contains("\"spark.hadoop.fs.s3a.secret.key\" : \"*********(redacted)\""),
          "the spark.* passthrough reached spark.conf: " + manifest);
      try (Stream<Path> files = Files.walk(work)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertFalse(text.contains(accessKey) || text.contains(secretKey), "a credential leaked into " + f);
        }
      }
    } finally {
      OpsProcesses.killAllMentioning(work.toString());
    }
  }

  @Test
  void aFullDiskNamesTheFileThatCouldNotBeWrittenAndLeavesNoTemporaryFiles() throws Exception {
    OpsProcesses.ensureJar();
    Path work = OpsProcesses.workDir("reliability-disk");
    Path disk = Files.createDirectories(work.resolve("tiny-disk"));
    Path mountLog = work.resolve("mount.log");
    int mounted = OpsProcesses.run(List.of("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()),
        mountLog, Duration.ofSeconds(30));
    Assumptions.assumeTrue(mounted == 0, "cannot mount a 64 KiB tmpfs here (needs root or CAP_SYS_ADMIN): "
        + tail(mountLog, 3) + "; the full-disk test is skipped");
    try {
      StringBuilder bad = new StringBuilder();
      for (int i = 0; i < 3000; i++) {
        bad.append("KHM,KOR,2019-13,").append(i).append(" rejected on purpose to fill the disk\n");
      }
      Path data = tinyData(work, bad.toString());
      Path out = disk.resolve("out");
      Path log = work.resolve("validate.log");
      assertEquals(1, OpsProcesses.run(job("validate", out, "--data", data.toString(),
          "--set", "validate.max-reject-share=1"), log, LIMIT), tail(log, 30));
      String text = Files.readString(log);
      assertTrue(text.contains("error: java.io.UncheckedIOException: could not write "
          + disk.resolve("out.partial/rejects/arrivals.csv")), tail(log, 10));
      assertTrue(text.contains("No space left on device"), tail(log, 10));
      assertFalse(Files.exists(out), "a failed run published " + out);
      try (Stream<Path> files = Files.walk(disk)) {
        List<Path> tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        assertEquals(List.of(), tmp, "temporary files left on the full disk");
      }
    } finally {
      OpsProcesses.killAllMentioning(work.toString());
      OpsProcesses.run(List.of("umount", disk.toString()), work.resolve("umount.log"), Duration.ofSeconds(30));
    }
  }

  /** Every file below {@code dir} with its sha256 (relative paths, sorted). */
  private static Map<String, String> snapshot(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted().toList()) {
        String rel = dir.relativize(p).toString();
        files.put(rel, Files.isDirectory(p) ? "dir" : HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
      }
    }
    return files;
  }
}
