package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The distinct levels of every key as packed tuples of global column ranks
 * ({@link LevelNumbers#packedLevels}), gathered from {@link RawBlock}s with treeAggregate as sorted
 * arrays of longs: 8 bytes a level, no strings. A key with more than {@code maxLevels} levels stops
 * collecting and is flagged: it is numbered by the join path instead.
 */
final class LevelDictionary implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final long[] NONE = new long[0];

  private final long maxLevels;
  private final long[][] levels;
  private final boolean[] tooMany;

  LevelDictionary(int keys, long maxLevels) {
    this.maxLevels = maxLevels;
    this.tooMany = new boolean[keys];
    this.levels = new long[keys][];
    Arrays.fill(levels, NONE);
  }

  /** Adds one block's levels (mutates and returns this, for treeAggregate). */
  LevelDictionary add(RawBlock b, LevelNumbers packing) {
    for (int j = 0; j < levels.length; j++) {
      if (!tooMany[j]) {
        long[] packed = packing.packedLevels(b, j);
        // Distinct already: distinct local tuples map to distinct global ones.
        Arrays.sort(packed);
        put(j, packed);
      }
    }
    return this;
  }

  /** Adds another dictionary (mutates and returns this, for treeAggregate). */
  LevelDictionary merge(LevelDictionary other) {
    for (int j = 0; j < levels.length; j++) {
      tooMany[j] |= other.tooMany[j];
      if (!tooMany[j]) {
        put(j, other.levels[j]);
      }
    }
    return this;
  }

  private void put(int j, long[] sorted) {
    levels[j] = union(levels[j], sorted);
    if (levels[j].length > maxLevels) {
      tooMany[j] = true;
      levels[j] = NONE;
    }
  }

  /** The sorted union of two sorted arrays of distinct values. */
  static long[] union(long[] a, long[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    long[] out = new long[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        out[n++] = a[i++];
      } else if (a[i] > b[j]) {
        out[n++] = b[j++];
      } else {
        out[n++] = a[i++];
        j++;
      }
    }
    while (i < a.length) {
      out[n++] = a[i++];
    }
    while (j < b.length) {
      out[n++] = b[j++];
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** True when every key has at most maxLevels levels. */
  boolean fits() {
    for (boolean t : tooMany) {
      if (t) {
        return false;
      }
    }
    return true;
  }

  /** Per key, its levels as sorted packed tuples. Only when {@link #fits()}. */
  long[][] levels() {
    if (!fits()) {
      throw new IllegalStateException("a key has more than " + maxLevels + " levels");
    }
    return levels.clone();
  }
}
