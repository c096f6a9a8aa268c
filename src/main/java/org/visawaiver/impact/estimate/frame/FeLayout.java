package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.List;

/**
 * Where each fixed effect's coefficients live. Dimensions with at most
 * {@code estimate.broadcast-max-levels} levels are "broadcast": their level tables are one long
 * vector (dimension after dimension, {@link #offset(int)}) that is broadcast to the executors and
 * summed with treeAggregate. At most one larger dimension is "local": the data is partitioned and
 * sorted by it, so its per-level means are exact sums inside one block.
 *
 * @param names fixed-effect names (origin^destination)
 * @param levels number of levels of each dimension (ids are 0..levels-1)
 * @param local index of the local dimension, or -1
 */
public record FeLayout(List<String> names, long[] levels, int local) implements Serializable {
  public FeLayout {
    names = List.copyOf(names);
    levels = levels.clone();
  }

  public int dimensions() {
    return levels.length;
  }

  /** Offset of a broadcast dimension in the coefficient vector; -1 for the local one. */
  public int offset(int dim) {
    if (dim == local) {
      return -1;
    }
    int off = 0;
    for (int h = 0; h < dim; h++) {
      if (h != local) {
        off += (int) levels[h];
      }
    }
    return off;
  }

  /** Length of the broadcast coefficient vector. */
  public int broadcastSize() {
    long total = 0;
    for (int h = 0; h < levels.length; h++) {
      if (h != local) {
        total += levels[h];
      }
    }
    return Math.toIntExact(total);
  }

  /** Offsets of all dimensions (-1 for the local one), for inner loops. */
  public int[] offsets() {
    int[] o = new int[levels.length];
    for (int h = 0; h < levels.length; h++) {
      o[h] = offset(h);
    }
    return o;
  }
}
