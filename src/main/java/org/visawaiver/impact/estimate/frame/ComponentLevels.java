package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The distinct values of every component column of the keys (origin, destination, month: a few
 * hundred each), gathered from {@link RawBlock}s with treeAggregate, with the blocks' dropped-row
 * counts summed on the way. A column with more than {@code maxLevels} values stops collecting:
 * every key made of it has more levels than that, so the keys go to the join path.
 */
final class ComponentLevels implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long maxLevels;
  private final List<Set<String>> values = new ArrayList<>();
  private final boolean[] tooMany;
  private final long[] dropped = new long[DropRules.COUNTS];

  ComponentLevels(int components, long maxLevels) {
    this.maxLevels = maxLevels;
    this.tooMany = new boolean[components];
    for (int c = 0; c < components; c++) {
      values.add(new HashSet<>());
    }
  }

  /** Adds one block's values and dropped counts (mutates and returns this, for treeAggregate). */
  ComponentLevels add(RawBlock b) {
    for (int c = 0; c < tooMany.length; c++) {
      for (String v : b.values[c]) {
        addValue(c, v);
      }
    }
    addDropped(b.dropped);
    return this;
  }

  /** Adds another set of values (mutates and returns this, for treeAggregate). */
  ComponentLevels merge(ComponentLevels other) {
    for (int c = 0; c < tooMany.length; c++) {
      tooMany[c] |= other.tooMany[c];
      for (String v : other.values.get(c)) {
        addValue(c, v);
      }
    }
    addDropped(other.dropped);
    return this;
  }

  private void addValue(int c, String v) {
    if (tooMany[c]) {
      return;
    }
    Set<String> set = values.get(c);
    set.add(v);
    if (set.size() > maxLevels) {
      tooMany[c] = true;
      set.clear();
    }
  }

  private void addDropped(long[] d) {
    for (int i = 0; i < dropped.length; i++) {
      dropped[i] += d[i];
    }
  }

  /** True when every column has at most maxLevels values. */
  boolean fits() {
    for (boolean t : tooMany) {
      if (t) {
        return false;
      }
    }
    return true;
  }

  /** Each column's values sorted with {@link String#compareTo}: a value's rank is its index. */
  String[][] sorted() {
    if (!fits()) {
      throw new IllegalStateException("a key column has more than " + maxLevels + " values");
    }
    String[][] out = new String[values.size()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = values.get(c).toArray(String[]::new);
      Arrays.sort(out[c], String::compareTo);
    }
    return out;
  }

  /** Rows dropped, indexed by the constants of {@link DropRules}. */
  long[] dropped() {
    return dropped.clone();
  }
}
