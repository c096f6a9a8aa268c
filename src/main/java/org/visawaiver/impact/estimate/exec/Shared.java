package org.visawaiver.impact.estimate.exec;

import java.io.Serializable;

/**
 * A read-only value shared with the kernels of a pass: a Spark broadcast, or the value itself in
 * driver memory. Released by its creator once no pass (nor the lineage of cached blocks) needs it.
 *
 * @param <V> the value's type
 */
public interface Shared<V> extends Serializable {
  V value();

  /** Frees every copy (broadcast: destroy); only when no cached block's lineage refers to it. */
  void destroy();

  /** Frees the executors' copies (broadcast: unpersist); the lineage may still recompute from it. */
  void unpersist();
}
