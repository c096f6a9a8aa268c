package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * The observations of one partition as column arrays, the unit of every pass (like MLlib's
 * InstanceBlock). Immutable by convention: passes read it, and updates (filtering, new IRLS
 * weights) make a new block that shares the arrays that did not change, so a cached RDD of new
 * blocks costs only the new arrays.
 *
 * <p>Besides the data, a block carries the state of the weighted regression being solved on it,
 * each in a field of its own: {@link #w} the regression weights, {@link #response} the outcome of
 * that regression, and for PPML's IRLS also {@link #mu} and {@link #eta}. They are set together by
 * {@link #withIrls} (PPML) or {@link #withRegression} (any other weighted regression, e.g. the
 * separation check's ReLU regressions of u).
 *
 * <p>Demeaning columns are numbered: 0 is the regression's outcome ({@link #response}, or
 * {@link #y} when none is set), 1..k are the regressors.
 */
public final class Block implements Serializable {
  private static final long serialVersionUID = 1L;

  public final int n;
  /** Outcome as modelled (log of the outcome for OLS). */
  public final double[] y;
  /** Regressors, [term][row]. */
  public final double[][] x;
  /** Fixed-effect level ids, [dimension][row]. */
  public final int[][] fe;
  /** Cluster ids, [cluster dimension][row]. */
  public final long[][] clusters;
  /** Start of each run of equal local-dimension ids (plus n at the end); null when no local FE. */
  public final int[] runs;
  /** Regression weights (IRLS: mu; separation check: its heavy weights), or null for weight 1. */
  public final double[] w;
  /** Outcome of the weighted regression (IRLS: the working outcome z; separation check: u), or null to use y. */
  public final double[] response;
  /** PPML fitted mean mu = exp(eta), or null outside IRLS. */
  public final double[] mu;
  /** PPML linear predictor eta, or null outside IRLS. */
  public final double[] eta;

  /** Index of the local fixed effect (rows sorted by it), or -1. */
  public final int localDim;

  /** A block of data without regression state. */
  Block(double[] y, double[][] x, int[][] fe, long[][] clusters, int localDim) {
    this(y, x, fe, clusters, localDim, localDim >= 0 ? runStarts(fe[localDim], y.length) : null,
        null, null, null, null);
  }

  private Block(double[] y, double[][] x, int[][] fe, long[][] clusters, int localDim, int[] runs,
      double[] w, double[] response, double[] mu, double[] eta) {
    this.localDim = localDim;
    this.n = y.length;
    this.y = y;
    this.x = x;
    this.fe = fe;
    this.clusters = clusters;
    this.runs = runs;
    this.w = w;
    this.response = response;
    this.mu = mu;
    this.eta = eta;
  }

  /**
   * Estimated bytes per row of the blocks of a fit with k regressors, q fixed effects and c
   * cluster dimensions: the data (y and x as doubles, fixed-effect ids as ints, cluster ids as
   * longs) and two generations of the IRLS state (w = mu, z, eta: 3 doubles each), since a step's
   * new blocks exist beside the old until its deviance is known.
   */
  public static long bytesPerRow(int k, int q, int c) {
    return 8L * (1 + k) + 4L * q + 8L * c + 2 * 3 * 8L;
  }

  /** Demeaning column c: 0 the regression's outcome, 1..k the regressors. */
  public double[] column(int c) {
    return c == 0 ? (response != null ? response : y) : x[c - 1];
  }

  public double weight(int i) {
    return w == null ? 1.0 : w[i];
  }

  /** The same observations in a PPML IRLS step: weights mu, working outcome z, linear predictor eta. */
  public Block withIrls(double[] mu, double[] z, double[] eta) {
    return new Block(y, x, fe, clusters, localDim, runs, mu, z, mu, eta);
  }

  /** The same observations in a weighted regression of {@code response} (null: y) with {@code weights} (null: 1). */
  public Block withRegression(double[] weights, double[] response) {
    return new Block(y, x, fe, clusters, localDim, runs, weights, response, null, null);
  }

  /** The same observations and IRLS state with other regressor columns ([term][row]). */
  public Block withRegressors(double[][] columns) {
    return new Block(y, columns, fe, clusters, localDim, runs, w, response, mu, eta);
  }

  /** Keeps the rows whose flag is set; returns this block when all are kept. */
  public Block keep(boolean[] flags) {
    int m = 0;
    for (boolean f : flags) {
      if (f) {
        m++;
      }
    }
    if (m == n) {
      return this;
    }
    int[] idx = new int[m];
    for (int i = 0, j = 0; i < n; i++) {
      if (flags[i]) {
        idx[j++] = i;
      }
    }
    double[][] nx = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      nx[t] = pick(x[t], idx);
    }
    int[][] nfe = new int[fe.length][];
    for (int h = 0; h < fe.length; h++) {
      nfe[h] = pick(fe[h], idx);
    }
    long[][] ncl = new long[clusters.length][];
    for (int g = 0; g < clusters.length; g++) {
      ncl[g] = pick(clusters[g], idx);
    }
    double[] nw = w == null ? null : pick(w, idx);
    return new Block(pick(y, idx), nx, nfe, ncl, localDim,
        localDim >= 0 ? runStarts(nfe[localDim], m) : null, nw,
        response == null ? null : pick(response, idx), mu == null ? null : mu == w ? nw : pick(mu, idx),
        eta == null ? null : pick(eta, idx));
  }

  private static double[] pick(double[] a, int[] idx) {
    double[] out = new double[idx.length];
    for (int j = 0; j < idx.length; j++) {
      out[j] = a[idx[j]];
    }
    return out;
  }

  private static int[] pick(int[] a, int[] idx) {
    int[] out = new int[idx.length];
    for (int j = 0; j < idx.length; j++) {
      out[j] = a[idx[j]];
    }
    return out;
  }

  private static long[] pick(long[] a, int[] idx) {
    long[] out = new long[idx.length];
    for (int j = 0; j < idx.length; j++) {
      out[j] = a[idx[j]];
    }
    return out;
  }

  static int[] runStarts(int[] ids, int n) {
    int count = n == 0 ? 0 : 1;
    for (int i = 1; i < n; i++) {
      if (ids[i] != ids[i - 1]) {
        count++;
      }
    }
    int[] r = new int[count + 1];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || ids[i] != ids[i - 1]) {
        r[j++] = i;
      }
    }
    r[count] = n;
    return r;
  }

  /**
   * Builds one block from rows laid out as y, x_1..x_k, fe ids (int) 1..q, cluster ids (long)
   * 1..c. With a local dimension the rows must arrive sorted by its id.
   */
  public static Block fromRows(Iterator<Row> rows, int k, int q, int c, int localDim) {
    DoubleArray y = new DoubleArray();
    DoubleArray[] x = new DoubleArray[k];
    IntArray[] fe = new IntArray[q];
    LongArray[] cl = new LongArray[c];
    for (int t = 0; t < k; t++) {
      x[t] = new DoubleArray();
    }
    for (int h = 0; h < q; h++) {
      fe[h] = new IntArray();
    }
    for (int g = 0; g < c; g++) {
      cl[g] = new LongArray();
    }
    while (rows.hasNext()) {
      Row r = rows.next();
      y.add(r.getDouble(0));
      for (int t = 0; t < k; t++) {
        x[t].add(r.getDouble(1 + t));
      }
      for (int h = 0; h < q; h++) {
        fe[h].add(r.getInt(1 + k + h));
      }
      for (int g = 0; g < c; g++) {
        cl[g].add(r.getLong(1 + k + q + g));
      }
    }
    double[][] xs = new double[k][];
    for (int t = 0; t < k; t++) {
      xs[t] = x[t].toArray();
    }
    int[][] fes = new int[q][];
    for (int h = 0; h < q; h++) {
      fes[h] = fe[h].toArray();
    }
    long[][] cls = new long[c][];
    for (int g = 0; g < c; g++) {
      cls[g] = cl[g].toArray();
    }
    double[] ys = y.toArray();
    if (localDim >= 0) {
      for (int i = 1; i < ys.length; i++) {
        if (fes[localDim][i] < fes[localDim][i - 1]) {
          throw new IllegalStateException("rows are not sorted by the local fixed effect");
        }
      }
    }
    return new Block(ys, xs, fes, cls, localDim);
  }

  static final class DoubleArray {
    double[] a = new double[1024];
    int n;

    void add(double v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  static final class IntArray {
    int[] a = new int[1024];
    int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  private static final class LongArray {
    long[] a = new long[1024];
    int n;

    void add(long v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
