package org.visawaiver.impact.estimate.exec;

import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.storage.StorageLevel;
import org.visawaiver.impact.config.InputException;

/**
 * How the estimation caches its blocks and the model frame's intermediate data
 * ({@code estimate.storage-level}): a Spark storage level, {@code MEMORY_AND_DISK} by default
 * (deserialized in memory, partitions that do not fit go to disk); {@code MEMORY_AND_DISK_SER}
 * keeps them serialized, which big runs use to fit more in memory. The level is a Spark local
 * property of the driver thread that runs the estimation (as the job group is), set once by the
 * estimation's entry points with {@link #use}; {@link CacheScope} and {@link SparkBlocks} read it
 * when they persist.
 */
public final class BlockStorage {
  /** Configuration key in the estimate section. */
  public static final String KEY = "storage-level";
  static final String PROPERTY = "visawaiver.estimate.storage-level";
  private static final StorageLevel DEFAULT = StorageLevel.MEMORY_AND_DISK();

  private BlockStorage() {}

  /** Checks {@code level} and makes it the level of this thread's estimation caches. */
  public static StorageLevel use(SparkContext sc, String level) {
    StorageLevel parsed = parse(level);
    sc.setLocalProperty(PROPERTY, level.trim().toUpperCase(Locale.ROOT));
    return parsed;
  }

  /** The level set with {@link #use} on this thread, else {@code MEMORY_AND_DISK}. */
  static StorageLevel level(SparkContext sc) {
    String level = sc.getLocalProperty(PROPERTY);
    return level == null ? DEFAULT : parse(level);
  }

  /**
   * True when this thread's level keeps blocks as Java objects in memory ({@code MEMORY_ONLY},
   * {@code MEMORY_AND_DISK}); false for serialized or disk-only levels, under which every block is
   * stored and read back as bytes, one partition at a time.
   */
  public static boolean deserialized(SparkContext sc) {
    StorageLevel l = level(sc);
    return l.useMemory() && l.deserialized();
  }

  private static StorageLevel parse(String level) {
    try {
      StorageLevel parsed = StorageLevel.fromString(level.trim().toUpperCase(Locale.ROOT));
      if (parsed.useDisk() || parsed.useMemory()) {
        return parsed;
      }
    } catch (IllegalArgumentException e) {
      // named below
    }
    throw new InputException("estimate." + KEY + " = \"" + level + "\" is not a Spark storage level"
        + " that keeps data (e.g. MEMORY_AND_DISK, the default, or MEMORY_AND_DISK_SER, DISK_ONLY);"
        + " nothing was estimated");
  }
}
