package org.visawaiver.impact.estimate.frame;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Numbers the levels of the keys within one partition. A key is one column or a combination
 * (a^b); its level string is the columns' strings joined by {@link ModelFrameBuilder#SEPARATOR},
 * as the join path builds it. Rather than a string per row and key, each column's values get
 * small local ids (columns shared by several keys once; a value equal to the previous row's skips
 * the lookup), and a combination's id comes from a map of packed id pairs. A level is handed on as
 * its tuple of component ids ({@link #levelComponents}); strings exist once per distinct value
 * of a column ({@link #values}), never per level.
 */
final class LocalKeys {
  /** Per key, the indices of its columns among the component columns. */
  private final int[][] keys;
  /** Per component column: value -> local id, the values by id, and the previous row's value. */
  private final Map<UTF8String, Integer>[] dictionaries;
  private final UTF8String[][] values;
  private final int[] counts;
  private final UTF8String[] last;
  private final int[] lastId;
  /** Per key and combination step s >= 1: (id so far, id of column s) -> id, and the pairs. */
  private final PairIds[][] steps;
  private final int[] componentIds;

  @SuppressWarnings("unchecked")
  LocalKeys(int[][] keys, int components) {
    this.keys = keys;
    dictionaries = new Map[components];
    values = new UTF8String[components][];
    counts = new int[components];
    last = new UTF8String[components];
    lastId = new int[components];
    componentIds = new int[components];
    for (int c = 0; c < components; c++) {
      dictionaries[c] = new HashMap<>();
      values[c] = new UTF8String[16];
    }
    steps = new PairIds[keys.length][];
    for (int j = 0; j < keys.length; j++) {
      steps[j] = new PairIds[keys[j].length];
      for (int s = 1; s < keys[j].length; s++) {
        steps[j][s] = new PairIds();
      }
    }
  }

  /** Reads the component columns of a row (column c at field {@code first + c}, none null). */
  void read(InternalRow r, int first) {
    for (int c = 0; c < componentIds.length; c++) {
      UTF8String v = r.getUTF8String(first + c);
      if (v.equals(last[c])) {
        componentIds[c] = lastId[c];
        continue;
      }
      Integer id = dictionaries[c].get(v);
      if (id == null) {
        id = counts[c]++;
        // A copy: the row's bytes are reused for the next row.
        UTF8String copy = v.clone();
        dictionaries[c].put(copy, id);
        if (id == values[c].length) {
          values[c] = Arrays.copyOf(values[c], 2 * id);
        }
        values[c][id] = copy;
      }
      last[c] = values[c][id];
      lastId[c] = id;
      componentIds[c] = id;
    }
  }

  /** The local id of key j for the row last read. */
  int id(int j) {
    int[] cols = keys[j];
    int id = componentIds[cols[0]];
    for (int s = 1; s < cols.length; s++) {
      id = steps[j][s].id(id, componentIds[cols[s]]);
    }
    return id;
  }

  /** The distinct values of component column c, by local id. */
  String[] values(int c) {
    String[] out = new String[counts[c]];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[c][i].toString();
    }
    return out;
  }

  /**
   * The levels of key j as tuples of local component ids: {@code [s][level]} is the local id (in
   * {@link #values} of the key's column s) of that level's column s.
   */
  int[][] levelComponents(int j) {
    int[] cols = keys[j];
    int[][] out = {identity(counts[cols[0]])};
    for (int s = 1; s < cols.length; s++) {
      PairIds step = steps[j][s];
      int[][] next = new int[s + 1][step.size()];
      for (int i = 0; i < step.size(); i++) {
        int first = step.first(i);
        for (int p = 0; p < s; p++) {
          next[p][i] = out[p][first];
        }
        next[s][i] = step.second(i);
      }
      out = next;
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /** Dense ids of int pairs: an open-addressing table of packed pairs, plus the pairs by id. */
  private static final class PairIds {
    private long[] table = new long[1024];
    private int[] ids = new int[1024];
    private long[] pairs = new long[256];
    private int size;
    /** The previous row's pair and id: panels sorted by a key repeat its pairs. */
    private long lastKey = -1;
    private int lastId;

    int id(int a, int b) {
      long key = ((long) a << 32) | (b & 0xffffffffL);
      if (key == lastKey) {
        return lastId;
      }
      lastKey = key;
      lastId = lookup(key);
      return lastId;
    }

    private int lookup(long key) {
      int mask = table.length - 1;
      int slot = mix(key) & mask;
      // ids[slot] holds id + 1; 0 marks an empty slot.
      while (ids[slot] != 0) {
        if (table[slot] == key) {
          return ids[slot] - 1;
        }
        slot = (slot + 1) & mask;
      }
      if (size == pairs.length) {
        pairs = Arrays.copyOf(pairs, 2 * size);
      }
      pairs[size] = key;
      table[slot] = key;
      ids[slot] = ++size;
      if (2 * size > table.length) {
        grow();
      }
      return size - 1;
    }

    int size() {
      return size;
    }

    int first(int id) {
      return (int) (pairs[id] >>> 32);
    }

    int second(int id) {
      return (int) pairs[id];
    }

    private void grow() {
      long[] oldTable = table;
      int[] oldIds = ids;
      table = new long[2 * oldTable.length];
      ids = new int[2 * oldTable.length];
      int mask = table.length - 1;
      for (int i = 0; i < oldTable.length; i++) {
        if (oldIds[i] != 0) {
          int slot = mix(oldTable[i]) & mask;
          while (ids[slot] != 0) {
            slot = (slot + 1) & mask;
          }
          table[slot] = oldTable[i];
          ids[slot] = oldIds[i];
        }
      }
    }

    private static int mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }
}
