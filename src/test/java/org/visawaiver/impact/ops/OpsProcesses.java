package org.visawaiver.impact.ops;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the project's scripts (scripts/cluster, submit, nightly, waiver-impact) from integration
 * tests: every process has a time limit, its output goes to a log file the failure message points
 * to, and {@link #killAllMentioning} ends whatever is left (all our processes name a folder of the
 * test in their command line), so a failing test never leaves a cluster behind.
 *
 * <p>The scripts need target/visa-waiver-impact.jar, which {@code mvn test} has not packaged yet:
 * {@link #ensureJar()} calls scripts/lib.sh's ensure_built once per test JVM, the same code path a
 * user's first {@code scripts/waiver-impact} call takes (a nested {@code mvn package} with tests
 * skipped; the classes are already compiled, so it only packs the jar).
 */
final class OpsProcesses {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
  private static boolean built;

  private OpsProcesses() {}

  /** The command the tests run: the whole job by default; -Dops.it.command=check-spark to drill. */
  static String jobCommand() {
    return System.getProperty("ops.it.command", "run");
  }

  /** The sample data `run` reads; present on main once the ingest work landed. */
  static boolean sampleDataPresent() {
    return !jobCommand().equals("run") || Files.isDirectory(ROOT.resolve("notebooks-data"));
  }

  /** A driver-log line that shows the job is busy on the executors (when to kill something). */
  static Pattern midRunMarker() {
    return switch (jobCommand()) {
      case "check-spark" -> Pattern.compile("check-spark: running");
      case "validate", "panel" -> Pattern.compile("waiver-impact: validate ");
      default -> Pattern.compile("waiver-impact: panel "); // run, estimate: estimation has begun
    };
  }

  /** Extra job options: check-spark gets slow tasks so there is a "middle" of the run. */
  static List<String> jobOptions() {
    return jobCommand().equals("check-spark")
        ? List.of("--seconds", "5", "--partitions", "8")
        : List.of();
  }

  /**
   * The dependency on the other issues, marked: while a step of the pipeline is still the
   * skeleton's seam ("... is not built yet"), a test of `run` is skipped with that line instead of
   * failing. Any other failure still fails the test.
   */
  static void assumeJobBuilt(int exitCode, Path log) {
    if (exitCode == 0) {
      return;
    }
    try {
      Files.readAllLines(log).stream().filter(l -> l.contains("is not built yet")).findFirst()
          .ifPresent(line -> Assumptions.abort(
              "`" + jobCommand() + "` needs a step that is not built on this branch: " + line.trim()));
    } catch (IOException e) {
      // no log: let the caller's assertion report the failure
    }
  }

  static synchronized void ensureJar() {
    if (built) {
      return;
    }
    Path log = ROOT.resolve("target/ops-it-build.log");
    int code = run(List.of("bash", "-c", "source scripts/lib.sh && ensure_built"), log,
        Duration.ofMinutes(10));
    if (code != 0) {
      fail("building the application jar failed (exit " + code + "); see " + log);
    }
    built = true;
  }

  static Process start(List<String> command, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      // Drivers started by the tests share the machine with the test JVM: a modest heap.
      pb.environment().putIfAbsent("WAIVER_JAVA_OPTS", "-Xmx3g");
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** Runs to the end (or kills it after {@code limit}) and returns the exit status. */
  static int run(List<String> command, Path log, Duration limit) {
    return waitFor(start(command, log), log, limit);
  }

  static int waitFor(Process p, Path log, Duration limit) {
    try {
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail("still running after " + limit + ", killed; see " + log);
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void awaitCondition(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + limit + " for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  static boolean logMatches(Path log, Pattern pattern) {
    try {
      return Files.exists(log) && pattern.matcher(Files.readString(log)).find();
    } catch (IOException e) {
      return false;
    }
  }

  /** Java processes whose command line contains all the given parts. */
  static List<ProcessHandle> javaProcessesWith(String... parts) {
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(ph -> {
      String cmd = commandLine(ph);
      if (cmd.contains("java") && List.of(parts).stream().allMatch(cmd::contains)) {
        found.add(ph);
      }
    });
    return found;
  }

  /** The last resort of every test: ends each process that names {@code marker} (a temp folder). */
  static void killAllMentioning(String marker) {
    ProcessHandle.allProcesses()
        .filter(ph -> ph.pid() != ProcessHandle.current().pid())
        .filter(ph -> commandLine(ph).contains(marker))
        .forEach(ph -> {
          ph.descendants().forEach(ProcessHandle::destroyForcibly);
          ph.destroyForcibly();
        });
  }

  static String commandLine(ProcessHandle ph) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(ph.pid()), "cmdline"));
      return new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** A fresh folder for one test class under target/ (kept after the run for its logs). */
  static Path workDir(String name) {
    try {
      Path base = ROOT.resolve("target/ops-it");
      Files.createDirectories(base);
      return Files.createTempDirectory(base, name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Three consecutive free ports starting at a random one (master web UI + 2 workers). */
  static int freePortBlock(int size) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = freePort();
      if (first + size > 65535) {
        continue;
      }
      boolean allFree = true;
      for (int p = first + 1; p < first + size; p++) {
        try (ServerSocket s = new ServerSocket(p)) {
          // free
        } catch (IOException e) {
          allFree = false;
        }
      }
      if (allFree) {
        return first;
      }
    }
    throw new IllegalStateException("no block of " + size + " free ports found");
  }

  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
