package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct levels of every key, gathered from {@link RawBlock}s with treeAggregate (with the
 * blocks' dropped-row counts, summed on the way). A key with more than {@code maxLevels} levels
 * stops collecting and is flagged: it is numbered by the distributed path instead. Level ids are
 * the positions of the levels sorted with {@link String#compareTo}.
 */
final class LevelDictionary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long maxLevels;
  private final List<Set<String>> levels = new ArrayList<>();
  private final boolean[] tooMany;
  private final long[] dropped = new long[DropRules.COUNTS];

  LevelDictionary(int keys, long maxLevels) {
    this.maxLevels = maxLevels;
    this.tooMany = new boolean[keys];
    for (int j = 0; j < keys; j++) {
      levels.add(new HashSet<>());
    }
  }

  /** Adds one block's levels and dropped counts (mutates and returns this, for treeAggregate). */
  LevelDictionary add(RawBlock b) {
    for (int j = 0; j < tooMany.length; j++) {
      for (String s : b.levels[j]) {
        addLevel(j, s);
      }
    }
    addDropped(b.dropped);
    return this;
  }

  /** Adds another dictionary (mutates and returns this, for treeAggregate). */
  LevelDictionary merge(LevelDictionary other) {
    for (int j = 0; j < tooMany.length; j++) {
      tooMany[j] |= other.tooMany[j];
      for (String s : other.levels.get(j)) {
        addLevel(j, s);
      }
    }
    addDropped(other.dropped);
    return this;
  }

  private void addLevel(int j, String level) {
    if (tooMany[j]) {
      return;
    }
    Set<String> set = levels.get(j);
    set.add(level);
    if (set.size() > maxLevels) {
      tooMany[j] = true;
      set.clear();
    }
  }

  private void addDropped(long[] d) {
    for (int i = 0; i < dropped.length; i++) {
      dropped[i] += d[i];
    }
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

  /** The levels of each key, sorted: a level's id is its index. Only when {@link #fits()}. */
  String[][] sortedLevels() {
    if (!fits()) {
      throw new IllegalStateException("a key has more than " + maxLevels + " levels");
    }
    String[][] out = new String[levels.size()][];
    for (int j = 0; j < out.length; j++) {
      out[j] = levels.get(j).toArray(String[]::new);
      java.util.Arrays.sort(out[j], String::compareTo);
    }
    return out;
  }

  /** Rows dropped, indexed by the constants of {@link DropRules}. */
  long[] dropped() {
    return dropped.clone();
  }
}
