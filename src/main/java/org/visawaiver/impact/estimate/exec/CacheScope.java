package org.visawaiver.impact.estimate.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;

/**
 * The owner of cached data: block sets, shared values, and the RDDs, Datasets and broadcasts of
 * the model frame's construction. Used with try-with-resources, it releases on close whatever it
 * still holds, on success and on exceptions alike; what a method returns to its caller it first
 * {@link #handOver hands over}. A scope releases only what it holds, so a method never releases
 * its caller's input: the caller's own scope does, when it is done with it.
 *
 * <p>Shared values and broadcasts are unpersisted, not destroyed: the lineage of cached data built
 * with them may still refer to them.
 */
public final class CacheScope implements AutoCloseable {
  private record Held(Object data, Runnable release) {}

  private final List<Held> held = new ArrayList<>();

  /** Holds a block set (released with {@link Blocks#release}); holding it twice is once. */
  public <T> Blocks<T> own(Blocks<T> blocks) {
    return hold(blocks, blocks::release);
  }

  /** Holds a shared value (released with {@link Shared#unpersist}). */
  public <V> Shared<V> own(Shared<V> value) {
    return hold(value, value::unpersist);
  }

  /** Holds a broadcast (unpersisted on release). */
  public <V> Broadcast<V> own(Broadcast<V> value) {
    return hold(value, () -> value.unpersist(false));
  }

  /** Persists at the {@link BlockStorage} level (by default memory, spilling to disk) and holds. */
  public <T> JavaRDD<T> persist(JavaRDD<T> rdd) {
    JavaRDD<T> cached = rdd.persist(BlockStorage.level(rdd.context()));
    return hold(cached, () -> cached.unpersist(false));
  }

  /** Persists at the {@link BlockStorage} level (by default memory, spilling to disk) and holds. */
  public <T> Dataset<T> persist(Dataset<T> data) {
    Dataset<T> cached = data.persist(BlockStorage.level(data.sparkSession().sparkContext()));
    return hold(cached, () -> cached.unpersist(false));
  }

  private <T> T hold(T data, Runnable release) {
    if (!holds(data)) {
      held.add(new Held(data, release));
    }
    return data;
  }

  /** Gives up ownership without releasing: the caller, who gets {@code data}, owns it now. */
  public <T> T handOver(T data) {
    held.removeIf(h -> h.data() == data);
    return data;
  }

  /** Releases now if this scope holds it; data it does not hold (an input) is left alone. */
  public void release(Object data) {
    for (int i = 0; i < held.size(); i++) {
      if (held.get(i).data() == data) {
        held.remove(i).release().run();
        return;
      }
    }
  }

  public boolean holds(Object data) {
    return held.stream().anyMatch(h -> h.data() == data);
  }

  /** Releases everything still held, newest first. */
  @Override
  public void close() {
    for (int i = held.size() - 1; i >= 0; i--) {
      held.get(i).release().run();
    }
    held.clear();
  }
}
