package org.visawaiver.impact.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a command writes into before its outputs are published. Default: {@code OUT.partial}
 * beside the output folder {@code OUT}; a caller may name its own (scripts/nightly does), whose
 * existing files are kept.
 *
 * <p>Lifecycle, always under the {@link OutputLock} of {@code OUT}: {@link #prepare} finishes or
 * undoes an interrupted publish, removes a default staging folder left by an earlier run, creates
 * the folder and writes {@code RUNNING} (pid, command, start; it stays behind when the process is
 * killed with kill -9). {@link #publish} removes {@code RUNNING} and renames the folder to
 * {@code OUT}: one atomic rename when {@code OUT} does not exist; otherwise {@code OUT} is first
 * renamed to {@code .OUT.previous}, then the staging folder to {@code OUT}, then the previous one
 * is deleted (the next command into {@code OUT} restores {@code .OUT.previous} if a kill fell
 * between the two renames). {@link #markFailed} writes {@code FAILED} with the reason instead.
 */
public final class StagingFolder {
  static final String RUNNING = "RUNNING";
  static final String FAILED = "FAILED";
  private static final Logger LOG = LoggerFactory.getLogger("waiver-impact");

  private final Path out;
  private final Path dir;

  private StagingFolder(Path out, Path dir) {
    this.out = out;
    this.dir = dir;
  }

  public static Path defaultDir(Path out) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".partial");
  }

  static Path previousDir(Path out) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".previous");
  }

  /** Makes the staging folder of a run into {@code out}; {@code given} null means the default. */
  public static StagingFolder prepare(Path out, Path given, String command) {
    Path abs = out.toAbsolutePath().normalize();
    try {
      recoverInterruptedPublish(abs);
      if (Files.exists(abs) && !Files.isDirectory(abs)) {
        throw new org.visawaiver.impact.config.InputException(out + ": --out names a file, not a folder; "
            + "pass a folder (it is created if missing); nothing was run");
      }
      Path dir;
      if (given == null) {
        dir = defaultDir(abs);
        if (Files.exists(dir)) {
          LOG.info("removing {} left by an earlier run ({})", dir, leftoverState(dir));
          deleteRecursively(dir);
        }
      } else {
        dir = given.toAbsolutePath().normalize();
        if (dir.equals(abs)) {
          throw new org.visawaiver.impact.config.InputException("output.staging-dir " + given
              + " is the output folder itself; it must be another folder (default: OUT.partial); nothing was run");
        }
      }
      Files.createDirectories(dir);
      write(dir.resolve(RUNNING), "pid: " + ProcessHandle.current().pid() + "\ncommand: " + command
          + "\nstarted_utc: " + Instant.now() + "\nout: " + abs
          + "\nmeaning: a run is writing here, or was killed before it could say FAILED (kill -9, power loss);"
          + " " + abs.getFileName() + " was not changed by it\n");
      return new StagingFolder(abs, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the staging folder for " + out + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Path out() {
    return out;
  }

  /** Renames the finished staging folder to the output folder (see the class comment). */
  public void publish() {
    try {
      Files.deleteIfExists(dir.resolve(RUNNING));
      if (!Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.move(dir, out, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      Path previous = previousDir(out);
      Files.move(out, previous, StandardCopyOption.ATOMIC_MOVE);
      try {
        Files.move(dir, out, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        try {
          Files.move(previous, out, StandardCopyOption.ATOMIC_MOVE); // put the previous outputs back
        } catch (IOException undo) {
          e.addSuppressed(undo);
        }
        throw e;
      }
      try {
        deleteRecursively(previous);
      } catch (IOException e) {
        LOG.warn("published {}, but could not delete the previous outputs in {}: {}", out, previous, e.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not publish " + dir + " as " + out + ": " + e, e);
    }
  }

  /**
   * Writes {@code FAILED} (reason, exit status, time) and removes the temporary files of writers
   * that did not finish. Never throws: a failure here is returned, for the caller to attach to the
   * original error.
   */
  public IOException markFailed(String reason, int exitCode) {
    IOException problem = null;
    try {
      removeTemporaryFiles(dir);
    } catch (IOException e) {
      problem = e;
    }
    try {
      Files.deleteIfExists(dir.resolve(RUNNING));
      write(dir.resolve(FAILED), "reason: " + reason.replace('\n', ' ') + "\nexit_code: " + exitCode
          + "\nfinished_utc: " + Instant.now() + "\nout: " + out + " (not changed by this run)\n");
    } catch (IOException e) {
      if (problem != null) {
        e.addSuppressed(problem);
      }
      problem = e;
    }
    return problem;
  }

  /** Finishes or undoes a publish that a kill interrupted between its two renames. */
  private static void recoverInterruptedPublish(Path out) throws IOException {
    Path previous = previousDir(out);
    if (!Files.exists(previous)) {
      return;
    }
    if (Files.exists(out)) {
      LOG.info("removing {}: the publish that made {} was interrupted after its renames", previous, out);
      deleteRecursively(previous);
    } else {
      LOG.info("restoring {} from {}: an earlier publish was interrupted between its two renames", out, previous);
      Files.move(previous, out, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static String leftoverState(Path dir) {
    for (String marker : List.of(FAILED, RUNNING)) {
      Path f = dir.resolve(marker);
      if (Files.isRegularFile(f)) {
        try {
          return marker + ": " + Files.readAllLines(f, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        } catch (IOException e) {
          return marker;
        }
      }
    }
    return "no FAILED or RUNNING file";
  }

  /** Files named *.tmp (this project's writers) and Spark's _temporary folders. */
  static void removeTemporaryFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> temporary;
    try (Stream<Path> all = Files.walk(dir)) {
      temporary = all.filter(p -> {
        String name = p.getFileName().toString();
        return name.endsWith(".tmp") || name.equals("_temporary");
      }).toList();
    }
    for (Path p : temporary) {
      deleteRecursively(p);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
