package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The usable observations of one partition before their keys are numbered: outcome and
 * regressors as columns, and for every fixed-effect or cluster key a local id per row
 * ({@link LocalKeys}). A local level is a tuple of local ids of the key's columns; the only
 * strings are the partition's distinct values of each column (a few hundred for origin,
 * destination and month), never one per row or per level. Reading the rows applies and counts the
 * {@link DropRules}. {@link #toBlock} swaps the local ids for the global ones of
 * {@link LevelNumbers}.
 */
final class RawBlock implements Serializable {
  private static final long serialVersionUID = 2L;

  final double[] y;
  final double[][] x;
  /** Per component column, the partition's distinct values (local component id = index). */
  final String[][] values;
  /** Per key, the indices of its columns among the component columns. */
  final int[][] keys;
  /** Per key, its local levels: [s][level] = local component id of the key's column s. */
  final int[][][] levels;
  /** Per key, the local level id of each row. */
  final int[][] ids;
  /** Rows dropped, indexed by the constants of {@link DropRules}. */
  final long[] dropped;

  private RawBlock(double[] y, double[][] x, String[][] values, int[][] keys, int[][][] levels,
      int[][] ids, long[] dropped) {
    this.y = y;
    this.x = x;
    this.values = values;
    this.keys = keys;
    this.levels = levels;
    this.ids = ids;
    this.dropped = dropped;
  }

  /**
   * Reads rows laid out as y, x_1..x_k, then the string columns the keys are made of ({@code
   * keys[j]}: the indices of key j's columns among them), keeping and counting by {@code rules}.
   */
  static RawBlock fromRows(Iterator<InternalRow> rows, int k, int[][] keys, int components,
      DropRules rules) {
    int m = keys.length;
    long[] dropped = new long[DropRules.COUNTS];
    Block.DoubleArray y = new Block.DoubleArray();
    Block.DoubleArray[] x = new Block.DoubleArray[k];
    for (int t = 0; t < k; t++) {
      x[t] = new Block.DoubleArray();
    }
    Block.IntArray[] ids = new Block.IntArray[m];
    for (int j = 0; j < m; j++) {
      ids[j] = new Block.IntArray();
    }
    LocalKeys local = new LocalKeys(keys, components);
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      if (!rules.keep(r, dropped)) {
        continue;
      }
      y.add(rules.outcome(r));
      for (int t = 0; t < k; t++) {
        x[t].add(r.getDouble(1 + t));
      }
      local.read(r, 1 + k);
      for (int j = 0; j < m; j++) {
        ids[j].add(local.id(j));
      }
    }
    double[][] xs = new double[k][];
    for (int t = 0; t < k; t++) {
      xs[t] = x[t].toArray();
    }
    String[][] values = new String[components][];
    for (int c = 0; c < components; c++) {
      values[c] = local.values(c);
    }
    int[][][] levels = new int[m][][];
    int[][] idArrays = new int[m][];
    for (int j = 0; j < m; j++) {
      levels[j] = local.levelComponents(j);
      idArrays[j] = ids[j].toArray();
    }
    return new RawBlock(y.toArray(), xs, values, keys, levels, idArrays, dropped);
  }

  /** Local level count of key j. */
  int levelCount(int j) {
    return levels[j][0].length;
  }

  /** The level string of key j's local level l: its columns' values joined by the separator. */
  String levelString(int j, int l) {
    StringBuilder out = new StringBuilder(values[keys[j][0]][levels[j][0][l]]);
    for (int s = 1; s < keys[j].length; s++) {
      out.append(ModelFrameBuilder.SEPARATOR).append(values[keys[j][s]][levels[j][s][l]]);
    }
    return out.toString();
  }

  /**
   * The kept rows as y, x_1..x_k, then every key's level string (the join path numbers the keys
   * of these rows, so both paths start from the rows the same rules kept).
   */
  Iterator<Row> rows() {
    int k = x.length;
    int m = levels.length;
    String[][] strings = new String[m][];
    for (int j = 0; j < m; j++) {
      strings[j] = new String[levelCount(j)];
      for (int l = 0; l < strings[j].length; l++) {
        strings[j][l] = levelString(j, l);
      }
    }
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < y.length;
      }

      @Override
      public Row next() {
        Object[] v = new Object[1 + k + m];
        v[0] = y[i];
        for (int t = 0; t < k; t++) {
          v[1 + t] = x[t][i];
        }
        for (int j = 0; j < m; j++) {
          v[1 + k + j] = strings[j][ids[j][i]];
        }
        i++;
        return RowFactory.create(v);
      }
    };
  }

  /**
   * The block with global level ids: fixed effect h is key {@code feKeys[h]}, cluster dimension
   * g is key {@code clusterKeys[g]}.
   */
  Block toBlock(LevelNumbers numbers, int[] feKeys, int[] clusterKeys) {
    int[][] remap = new int[levels.length][];
    for (int j = 0; j < levels.length; j++) {
      remap[j] = numbers.globalIds(this, j);
    }
    int n = y.length;
    int[][] fe = new int[feKeys.length][];
    for (int h = 0; h < feKeys.length; h++) {
      int[] local = ids[feKeys[h]];
      int[] map = remap[feKeys[h]];
      fe[h] = new int[n];
      for (int i = 0; i < n; i++) {
        fe[h][i] = map[local[i]];
      }
    }
    long[][] clusters = new long[clusterKeys.length][];
    for (int g = 0; g < clusterKeys.length; g++) {
      int[] local = ids[clusterKeys[g]];
      int[] map = remap[clusterKeys[g]];
      clusters[g] = new long[n];
      for (int i = 0; i < n; i++) {
        clusters[g][i] = map[local[i]];
      }
    }
    return new Block(y, x, fe, clusters, -1);
  }
}
