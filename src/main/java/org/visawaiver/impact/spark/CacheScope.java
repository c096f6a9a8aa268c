package org.visawaiver.impact.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;

/**
 * The owner of cached data: RDDs and Datasets it persisted or was handed, and broadcasts. Used
 * with try-with-resources, it releases on close whatever it still holds, on success and on
 * exceptions alike; what a method returns to its caller it first {@link #handOver hands over}.
 * A scope releases only what it holds, so a method never unpersists its caller's input: the
 * caller's own scope does, when it is done with it.
 *
 * <p>Cached data is unpersisted without blocking; broadcasts are unpersisted, not destroyed,
 * because the lineage of cached data built with them still refers to them.
 */
public final class CacheScope implements AutoCloseable {
  private final List<Object> held = new ArrayList<>();

  /** Persists (memory, spilling to disk) and holds. */
  public <T> JavaRDD<T> persist(JavaRDD<T> rdd) {
    return own(rdd.persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /** Persists (memory, spilling to disk) and holds. */
  public <T> Dataset<T> persist(Dataset<T> data) {
    return own(data.persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /** Takes ownership of data already cached (a callee's result); holding it twice is once. */
  public <T> T own(T cached) {
    if (!(cached instanceof JavaRDD || cached instanceof Dataset || cached instanceof Broadcast)) {
      throw new IllegalArgumentException("not cached data: " + cached.getClass().getName());
    }
    if (!holds(cached)) {
      held.add(cached);
    }
    return cached;
  }

  /** Gives up ownership without releasing: the caller, who gets {@code cached}, owns it now. */
  public <T> T handOver(T cached) {
    held.removeIf(h -> h == cached);
    return cached;
  }

  /** Releases now if this scope holds it; data it does not hold (an input) is left alone. */
  public void release(Object cached) {
    if (holds(cached)) {
      handOver(cached);
      unpersist(cached);
    }
  }

  public boolean holds(Object cached) {
    return held.stream().anyMatch(h -> h == cached);
  }

  /** Releases everything still held, newest first. */
  @Override
  public void close() {
    for (int i = held.size() - 1; i >= 0; i--) {
      unpersist(held.get(i));
    }
    held.clear();
  }

  private static void unpersist(Object cached) {
    if (cached instanceof JavaRDD<?> rdd) {
      rdd.unpersist(false);
    } else if (cached instanceof Dataset<?> data) {
      data.unpersist(false);
    } else {
      ((Broadcast<?>) cached).unpersist(false);
    }
  }
}
