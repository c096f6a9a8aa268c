package org.visawaiver.impact.estimate.demean;

import org.visawaiver.impact.estimate.frame.Block;

/**
 * The per-block arithmetic of fixed-effect absorption. With D the dummy matrix of the broadcast
 * fixed effects, W the weights and P the weighted within-transformation of the local fixed effect
 * (identity when there is none), the demeaned column is e = P (v - D alpha).
 */
public final class FixedEffectKernel {
  private FixedEffectKernel() {}

  /**
   * e = P (base - D coef) for one block; {@code base} null means 0. {@code coef} holds the
   * broadcast coefficients from {@code from} on (layout of {@link
   * org.visawaiver.impact.estimate.frame.FeLayout#offset}).
   */
  public static double[] residual(Block b, int[] offsets, double[] base, double[] coef, int from) {
    int n = b.n;
    double[] e = new double[n];
    if (base != null) {
      System.arraycopy(base, 0, e, 0, n);
    }
    if (coef != null) {
      for (int h = 0; h < offsets.length; h++) {
        if (offsets[h] < 0) {
          continue;
        }
        int off = from + offsets[h];
        int[] ids = b.fe[h];
        for (int i = 0; i < n; i++) {
          e[i] -= coef[off + ids[i]];
        }
      }
    }
    projectRuns(b, e, 1);
    return e;
  }

  /**
   * Subtracts from every column the weighted mean of each run of the local fixed effect (in
   * place); column c of row i is e[i * width + c] (width 1: one column).
   */
  static void projectRuns(Block b, double[] e, int width) {
    if (b.runs == null) {
      return;
    }
    int[] runs = b.runs;
    double[] w = b.w;
    double[] sums = new double[width];
    for (int r = 0; r + 1 < runs.length; r++) {
      int s = runs[r];
      int t = runs[r + 1];
      double sw = 0;
      java.util.Arrays.fill(sums, 0.0);
      for (int i = s; i < t; i++) {
        double wi = w == null ? 1.0 : w[i];
        sw += wi;
        for (int c = 0; c < width; c++) {
          sums[c] += wi * e[i * width + c];
        }
      }
      if (sw > 0) {
        for (int i = s; i < t; i++) {
          for (int c = 0; c < width; c++) {
            e[i * width + c] -= sums[c] / sw;
          }
        }
      }
    }
  }

  /**
   * Level sums of several columns in one sweep. Column c's demeaned value is
   * e_ic = P(base_c - D coef_c)_i (base_c null means 0), with coef_c of level l of broadcast
   * dimension h at {@code coef[(offset_h + l) * width + c]}; w_i e_ic is added to the same place
   * of {@code acc}. When {@code squaresAt >= 0}, Σ w e_c² goes to acc[squaresAt + c]; when
   * {@code weightsAt >= 0}, the level weights Σ w go to acc[weightsAt + offset_h + l]; when
   * {@code crossAt >= 0}, the sums of {@link #addCross} go to acc[crossAt ...] (the same values the
   * demeaning needs give the cross-products of the least-squares step at no extra pass).
   *
   * <p>Level-major order keeps the columns of one level in one cache line, so a row touches one
   * line per dimension rather than one per dimension and column (the arrays outgrow the cache at
   * a few hundred thousand levels x columns).
   */
  public static void levelSums(Block b, int[] offsets, double[][] base, double[] coef,
      LevelSumsLayout layout, double[] acc) {
    int width = layout.width();
    int squaresAt = layout.squaresAt();
    int weightsAt = layout.weightsAt();
    int crossAt = layout.crossAt();
    int d = 0;
    for (int o : offsets) {
      if (o >= 0) {
        d++;
      }
    }
    int[][] ids = new int[d][];
    int[] off = new int[d];
    for (int h = 0, j = 0; h < offsets.length; h++) {
      if (offsets[h] >= 0) {
        ids[j] = b.fe[h];
        off[j++] = offsets[h];
      }
    }
    double[] w = b.w;
    int n = b.n;
    int[] at = new int[d];
    if (b.runs == null) {
      double[] e = new double[width];
      for (int i = 0; i < n; i++) {
        locate(ids, off, i, width, at);
        values(base, coef, at, i, width, e, 0);
        add(acc, at, w == null ? 1.0 : w[i], e, 0, width, squaresAt);
        addWeights(acc, weightsAt, ids, off, i, w);
        addCross(acc, crossAt, w == null ? 1.0 : w[i], e, 0, width, base, i);
      }
      return;
    }
    // With a local fixed effect the run means need every row of a run first: E is row-major.
    double[] e = new double[n * width];
    for (int i = 0; i < n; i++) {
      locate(ids, off, i, width, at);
      values(base, coef, at, i, width, e, i * width);
    }
    projectRuns(b, e, width);
    for (int i = 0; i < n; i++) {
      locate(ids, off, i, width, at);
      add(acc, at, w == null ? 1.0 : w[i], e, i * width, width, squaresAt);
      addWeights(acc, weightsAt, ids, off, i, w);
      addCross(acc, crossAt, w == null ? 1.0 : w[i], e, i * width, width, base, i);
    }
  }

  /** at[h] = first slot of row i's level of broadcast dimension h. */
  private static void locate(int[][] ids, int[] off, int i, int width, int[] at) {
    for (int h = 0; h < at.length; h++) {
      at[h] = (off[h] + ids[h][i]) * width;
    }
  }

  /** out[from + c] = base_c[i] - Σ_h coef[at[h] + c] for the width columns. */
  private static void values(double[][] base, double[] coef, int[] at, int i, int width,
      double[] out, int from) {
    for (int c = 0; c < width; c++) {
      double v = base == null || base[c] == null ? 0.0 : base[c][i];
      for (int h = 0; h < at.length; h++) {
        v -= coef[at[h] + c];
      }
      out[from + c] = v;
    }
  }

  /** Adds w e_c to every level slot of the row and, when squaresAt >= 0, w e_c² to the squares. */
  private static void add(double[] acc, int[] at, double w, double[] e, int from, int width,
      int squaresAt) {
    for (int c = 0; c < width; c++) {
      double v = e[from + c];
      double we = w * v;
      for (int h = 0; h < at.length; h++) {
        acc[at[h] + c] += we;
      }
      if (squaresAt >= 0) {
        acc[squaresAt + c] += we * v;
      }
    }
  }

  /** When weightsAt >= 0, adds the row's weight to its level of every broadcast dimension. */
  private static void addWeights(double[] acc, int weightsAt, int[][] ids, int[] off, int i,
      double[] w) {
    if (weightsAt < 0) {
      return;
    }
    double wi = w == null ? 1.0 : w[i];
    for (int h = 0; h < off.length; h++) {
      acc[weightsAt + off[h] + ids[h][i]] += wi;
    }
  }

  /**
   * When crossAt >= 0, the row's part of the weighted cross-products, in the layout of {@link
   * org.visawaiver.impact.estimate.ols.CrossProducts}: [a * width + c] (c >= a) += w e_a e_c, then
   * [width²] += w, [width² + 1 + a] += w v_a and [width² + 1 + width + a] += w v_a² (v = base).
   */
  private static void addCross(double[] acc, int crossAt, double w, double[] e, int from,
      int width, double[][] base, int i) {
    if (crossAt < 0) {
      return;
    }
    int sums = crossAt + LevelSumsLayout.crossRawSums(width);
    for (int a = 0; a < width; a++) {
      double wa = w * e[from + a];
      for (int c = a; c < width; c++) {
        acc[crossAt + a * width + c] += wa * e[from + c];
      }
      double v = base[a][i];
      acc[sums + a] += w * v;
      acc[sums + width + a] += w * v * v;
    }
    acc[crossAt + LevelSumsLayout.crossSumW(width)] += w;
  }

  /** Level-major copy of columns: out[l * m + c] = columns[c][l]. */
  public static double[] levelMajor(double[][] columns, int size) {
    int m = columns.length;
    double[] out = new double[size * m];
    for (int c = 0; c < m; c++) {
      for (int l = 0; l < size; l++) {
        out[l * m + c] = columns[c][l];
      }
    }
    return out;
  }
}
