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

  @Test
  void anOptionWithoutItsValueIsNamed(@TempDir Path dir) throws Exception {
    assertTrue(run(dir, 2, "scripts/cluster", "start", "--port").contains("error: option --port needs a value"));
    assertTrue(run(dir, 2, "scripts/submit", "--master").contains("error: option --master needs a value"));
    assertTrue(run(dir, 2, "scripts/nightly", "--runs-dir", dir.toString(), "--keep")
        .contains("error: option --keep needs a value"));
    assertTrue(run(dir, 2, "scripts/bench-scenarios", "--out").contains("error: option --out needs a value"));
  }

  /** WAIVER_JAVA_OPTS becomes one JVM option per word, with no file-name expansion of `*`. */
  @Test
  void javaOptionsAreWordsWithoutFileNameExpansion(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a-file"), "");
    String lib = OpsProcesses.ROOT.resolve("scripts/lib.sh").toString();
    String print = "cd " + dir + " && source " + lib + " && java_opts -Xmx8g && printf '<%s>' \"${JAVA_OPTS[@]}\"";
    assertTrue(run(dir, 0, "env", "WAIVER_JAVA_OPTS= -Xmx1g  -Dpattern=* ", "bash", "-c", print)
        .contains("<-Xmx1g><-Dpattern=*>"));
    assertTrue(run(dir, 0, "env", "-u", "WAIVER_JAVA_OPTS", "bash", "-c", print).contains("<-Xmx8g>"));
  }

  /** submit's watchdog reads the driver log incrementally: each whole line once, none half-written. */
  @Test
  void newLogLinesGivesEachWholeLineOnce(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("driver.log");
    String lib = OpsProcesses.ROOT.resolve("scripts/lib.sh").toString();
    String script = "source " + lib + "; f=" + log + "; show() { new_log_lines \"$f\"; printf '[%s]' \"$NEW_LOG_LINES\"; }; "
        + "printf 'one\\ntwo\\nthr' > \"$f\"; show; show; printf 'ee\\n' >> \"$f\"; show; echo";
    assertTrue(run(dir, 0, "bash", "-c", script).contains("[one\ntwo\n][][three\n]"));
  }

  /** The scripts define no function with the name of a bash builtin (nightly's history() did). */
  @Test
  void noScriptFunctionShadowsABashBuiltin(@TempDir Path dir) throws Exception {
    List<String> builtins = List.of(run(dir, 0, "bash", "-c", "compgen -b").split("\n"));
    java.util.regex.Pattern function = java.util.regex.Pattern.compile("(?m)^\\s*([A-Za-z_][A-Za-z0-9_]*)\\(\\)\\s*\\{");
    try (var scripts = Files.list(OpsProcesses.ROOT.resolve("scripts"))) {
      for (Path script : scripts.toList()) {
        var m = function.matcher(Files.readString(script));
        while (m.find()) {
          assertFalse(builtins.contains(m.group(1)), script + " defines " + m.group(1) + "(), a bash builtin");
        }
      }
    }
  }

  /** The version (pom.xml) and the --add-opens list (pom.xml's spark.jvm.opens) have one home. */
  @Test
  void scriptsCopyNeitherTheVersionNorTheOpens() throws Exception {
    try (var scripts = Files.list(OpsProcesses.ROOT.resolve("scripts"))) {
      for (Path script : scripts.toList()) {
        String text = Files.readString(script);
        assertFalse(text.contains("--add-opens="), script + " lists --add-opens (pom.xml's spark.jvm.opens has them)");
        assertFalse(text.contains("waiver.version"), script + " sets the version (the jar manifest has it)");
      }
    }
  }
}
