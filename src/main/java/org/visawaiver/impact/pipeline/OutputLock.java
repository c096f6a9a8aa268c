package org.visawaiver.impact.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.visawaiver.impact.config.InputException;

/**
 * One command at a time per output folder: an exclusive lock on {@code .<name>.lock} beside the
 * folder (beside, because the folder itself is replaced by a rename at the end). The file says who
 * holds it (pid, command, since when), so a second command into the same folder stops at once
 * (exit status 2) naming the running one, before it touches the folder or its staging folder. The
 * lock goes with the process (also on kill -9). The file stays (emptied on release): removing it
 * would let a command that opened it just before the removal lock a file nobody else sees.
 */
public final class OutputLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  public static Path lockFile(Path out) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".lock");
  }

  /** Takes the lock or throws {@link InputException} naming the holder; {@code command} is redacted. */
  public static OutputLock acquire(Path out, String command) {
    Path file = lockFile(out);
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new InputException(out + ": another command is writing this output folder (" + holder
            + "; lock " + file + "); this command stopped before touching it or its staging folder."
            + " Wait for that command to finish, or stop it; the lock goes with its process");
      }
      String who = "pid " + ProcessHandle.current().pid() + ", command: " + command + ", since "
          + Instant.now();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((who + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new OutputLock(file, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("could not take the lock " + file, e);
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(4096);
    int n = channel.read(buf, 0);
    String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
    return text.isEmpty() ? "a process that is just starting" : text;
  }

  /** Releases the lock; a problem doing so is logged, never thrown. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Never in place of the run's own outcome; the lock goes with the process anyway.
      org.slf4j.LoggerFactory.getLogger("waiver-impact").warn("could not release the lock {}: {}", file, e.toString());
    }
  }
}
