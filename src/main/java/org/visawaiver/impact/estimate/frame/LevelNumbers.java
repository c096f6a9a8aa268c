package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Global level ids of the keys without a string per level: a key's level is the tuple of the
 * ranks of its columns' values (each column's distinct values sorted, {@link ComponentLevels}),
 * packed into one long in mixed radix (first column most significant), so sorting the packed
 * tuples sorts the levels by their columns in order. A level's id is its position among the
 * key's level strings (the columns' values joined by {@link ModelFrameBuilder#SEPARATOR}) in
 * {@link String#compareTo} order, as on the join path. The two orders agree whenever no value of
 * a column before the key's last contains a character at or below the separator (then a value
 * that is a prefix of another sorts first either way); otherwise the levels are sorted by their
 * strings, once, on the driver.
 *
 * <p>Made in two steps: {@link #packing} (the column values, enough to pack a block's levels for
 * the {@link LevelDictionary}), then {@link #withLevels} (the levels of every key and their ids).
 */
final class LevelNumbers implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Per component column, its values sorted: a value's rank is its index. */
  private final String[][] values;
  /** Per key, the indices of its columns among the component columns. */
  private final int[][] keys;
  /** Per key, its levels as sorted packed tuples (null before {@link #withLevels}). */
  private final long[][] packed;
  /** Per key, the id of each level of {@link #packed} (null: the position itself). */
  private final int[][] ids;

  private LevelNumbers(String[][] values, int[][] keys, long[][] packed, int[][] ids) {
    this.values = values;
    this.keys = keys;
    this.packed = packed;
    this.ids = ids;
  }

  /** The packing of the keys' levels, from each column's sorted values. */
  static LevelNumbers packing(String[][] sortedValues, int[][] keys) {
    return new LevelNumbers(sortedValues, keys, null, null);
  }

  /** False when a key's tuples do not fit a long (the product of its columns' value counts). */
  boolean packable() {
    for (int[] key : keys) {
      long space = 1;
      for (int c : key) {
        if (values[c].length == 0) {
          continue;
        }
        if (space > Long.MAX_VALUE / values[c].length) {
          return false;
        }
        space *= values[c].length;
      }
    }
    return true;
  }

  /** Key j's local levels of block b as packed tuples of global ranks, by local level id. */
  long[] packedLevels(RawBlock b, int j) {
    int[] cols = keys[j];
    int[][] rank = new int[cols.length][];
    for (int s = 0; s < cols.length; s++) {
      String[] local = b.values[cols[s]];
      String[] global = values[cols[s]];
      rank[s] = new int[local.length];
      for (int v = 0; v < local.length; v++) {
        int r = Arrays.binarySearch(global, local[v], String::compareTo);
        if (r < 0) {
          throw new IllegalStateException("value \"" + local[v] + "\" of key column " + cols[s]
              + " is not among the column's values");
        }
        rank[s][v] = r;
      }
    }
    int[][] levels = b.levels[j];
    long[] out = new long[b.levelCount(j)];
    for (int l = 0; l < out.length; l++) {
      long p = rank[0][levels[0][l]];
      for (int s = 1; s < cols.length; s++) {
        p = p * values[cols[s]].length + rank[s][levels[s][l]];
      }
      out[l] = p;
    }
    return out;
  }

  /** The ids of every key's levels ({@code sortedPacked[j]}: key j's levels, sorted). */
  LevelNumbers withLevels(long[][] sortedPacked) {
    int[][] idTables = new int[keys.length][];
    for (int j = 0; j < keys.length; j++) {
      idTables[j] = rankOrderIsStringOrder(j) ? null : stringOrderIds(j, sortedPacked[j]);
    }
    return new LevelNumbers(values, keys, sortedPacked.clone(), idTables);
  }

  /** True when no value of a column before key j's last has a character at or below the separator. */
  private boolean rankOrderIsStringOrder(int j) {
    char separator = ModelFrameBuilder.SEPARATOR.charAt(0);
    for (int s = 0; s < keys[j].length - 1; s++) {
      for (String v : values[keys[j][s]]) {
        for (int i = 0; i < v.length(); i++) {
          if (v.charAt(i) <= separator) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Ids by the level strings, for levels whose packed order may differ from the string order. */
  private int[] stringOrderIds(int j, long[] levels) {
    String[] strings = new String[levels.length];
    for (int i = 0; i < levels.length; i++) {
      strings[i] = levelString(j, levels[i]);
    }
    Integer[] order = IntStream.range(0, levels.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparing(i -> strings[i], String::compareTo));
    int[] out = new int[levels.length];
    for (int id = 0; id < order.length; id++) {
      out[order[id]] = id;
    }
    return out;
  }

  private String levelString(int j, long p) {
    int[] cols = keys[j];
    String[] parts = new String[cols.length];
    for (int s = cols.length - 1; s >= 0; s--) {
      int radix = values[cols[s]].length;
      parts[s] = values[cols[s]][(int) (p % radix)];
      p /= radix;
    }
    return String.join(ModelFrameBuilder.SEPARATOR, parts);
  }

  /** Number of levels of key j. */
  long levelCount(int j) {
    return packed[j].length;
  }

  /** Key j's global level id of each of block b's local levels. */
  int[] globalIds(RawBlock b, int j) {
    long[] local = packedLevels(b, j);
    int[] out = new int[local.length];
    for (int l = 0; l < local.length; l++) {
      int pos = Arrays.binarySearch(packed[j], local[l]);
      if (pos < 0) {
        throw new IllegalStateException("a level of key " + j + " is not in the level dictionary");
      }
      out[l] = ids[j] == null ? pos : ids[j][pos];
    }
    return out;
  }
}
