package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The usable observations of one partition before their keys are numbered: outcome and
 * regressors as columns, and for every fixed-effect or cluster key the partition's own levels
 * with local ids per row ({@link LocalKeys}). Reading the rows also counts those dropped for a
 * missing value or a non-positive outcome. {@link #toBlock} swaps the local ids for the global
 * ones of a {@link LevelDictionary}.
 */
final class RawBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Indices into {@link #dropped}: a missing outcome, else a missing regressor or key. */
  static final int MISSING_OUTCOME = 0;
  static final int MISSING_REGRESSOR = 1;
  /** Complete rows with an outcome <= 0 (dropped for OLS only), and those < 0 (an error). */
  static final int NON_POSITIVE_OUTCOME = 2;
  static final int NEGATIVE_OUTCOME = 3;

  final double[] y;
  final double[][] x;
  /** Per key, the partition's levels in order of appearance (local id = index). */
  final String[][] levels;
  /** Per key, the local level id of each row. */
  final int[][] ids;
  /** Row counts, indexed by the constants above. */
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
   * keys[j]}: the indices of key j's columns among them). Drops a row with a missing (null or NaN)
   * outcome, else one with a missing regressor or key column, else, for OLS ({@code log}), one
   * with an outcome <= 0; for OLS the outcome kept is its log.
   */
  static RawBlock fromRows(Iterator<InternalRow> rows, int k, int[][] keys, int components,
      boolean log) {
    int m = keys.length;
    long[] dropped = new long[4];
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
      if (missing(r, 0)) {
        dropped[MISSING_OUTCOME]++;
        continue;
      }
      if (anyMissing(r, k, components)) {
        dropped[MISSING_REGRESSOR]++;
        continue;
      }
      double v = r.getDouble(0);
      if (v <= 0) {
        dropped[NON_POSITIVE_OUTCOME]++;
        if (v < 0) {
          dropped[NEGATIVE_OUTCOME]++;
        }
        if (log) {
          continue;
        }
      }
      // StrictMath: the function Spark's log uses, so the values are those of the SQL path.
      y.add(log ? StrictMath.log(v) : v);
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

  private static boolean missing(InternalRow r, int i) {
    return r.isNullAt(i) || Double.isNaN(r.getDouble(i));
  }

  private static boolean anyMissing(InternalRow r, int k, int components) {
    for (int t = 0; t < k; t++) {
      if (missing(r, 1 + t)) {
        return true;
      }
    }
    for (int c = 0; c < components; c++) {
      if (r.isNullAt(1 + k + c)) {
        return true;
      }
    }
    return false;
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
