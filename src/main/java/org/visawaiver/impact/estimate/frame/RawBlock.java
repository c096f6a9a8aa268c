package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The usable observations of one partition before their keys are numbered: outcome and
 * regressors as columns, and for every fixed-effect or cluster key the partition's own levels
 * with local ids per row ({@link LocalKeys}). Reading the rows applies and counts the
 * {@link DropRules}. {@link #toBlock} swaps the local ids for the global
 * ones of a {@link LevelDictionary}.
 */
final class RawBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final double[] y;
  final double[][] x;
  /** Per key, the partition's levels in order of appearance (local id = index). */
  final String[][] levels;
  /** Per key, the local level id of each row. */
  final int[][] ids;
  /** Rows dropped, indexed by the constants of {@link DropRules}. */
  final long[] dropped;

  private RawBlock(double[] y, double[][] x, String[][] levels, int[][] ids, long[] dropped) {
    this.y = y;
    this.x = x;
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
    String[][] levels = new String[m][];
    int[][] idArrays = new int[m][];
    for (int j = 0; j < m; j++) {
      levels[j] = local.levels(j);
      idArrays[j] = ids[j].toArray();
    }
    return new RawBlock(y.toArray(), xs, levels, idArrays, dropped);
  }

  /**
   * The kept rows as y, x_1..x_k, then every key's level string (the join path numbers the keys
   * of these rows, so both paths start from the rows the same rules kept).
   */
  Iterator<Row> rows() {
    int k = x.length;
    int m = levels.length;
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
          v[1 + k + j] = levels[j][ids[j][i]];
        }
        i++;
        return RowFactory.create(v);
      }
    };
  }

  /**
   * The block with global level ids: fixed effect h is key {@code feKeys[h]}, cluster dimension
   * g is key {@code clusterKeys[g]}; {@code global[j]} holds the sorted levels of key j.
   */
  Block toBlock(String[][] global, int[] feKeys, int[] clusterKeys) {
    int[][] remap = new int[levels.length][];
    for (int j = 0; j < levels.length; j++) {
      remap[j] = new int[levels[j].length];
      for (int l = 0; l < levels[j].length; l++) {
        int id = Arrays.binarySearch(global[j], levels[j][l]);
        if (id < 0) {
          throw new IllegalStateException("level \"" + levels[j][l] + "\" of key " + j
              + " is not in the level dictionary");
        }
        remap[j][l] = id;
      }
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
