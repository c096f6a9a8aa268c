package org.visawaiver.impact.estimate.inference;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Inverses of the small symmetric systems of the Weidner-Zylkin corrections (driver side). */
final class SymmetricInverse {
  /** A pivot below this share of its original diagonal is a redundant direction (Stata invsym). */
  static final double SWEEP_TOL = 1e-9;
  /** Eigenvalues below this share of the largest are treated as zero in a pseudo-inverse. */
  static final double PINV_TOL = 1e-12;

  private SymmetricInverse() {}

  /**
   * A symmetric generalized inverse of a positive semi-definite n x n matrix (row-major {@code a},
   * overwritten) by the sweep operator, as Stata's invsym: a direction whose pivot has fallen
   * below {@link #SWEEP_TOL} of its diagonal is dropped (its row and column are zero in the
   * result). Quantities d G d' with d in the row space do not depend on which directions drop.
   */
  static double[] sweep(double[] a, int n) {
    double[] diag = new double[n];
    for (int k = 0; k < n; k++) {
      diag[k] = a[k * n + k];
    }
    boolean[] swept = new boolean[n];
    double[] rowK = new double[n];
    for (int k = 0; k < n; k++) {
      double d = a[k * n + k];
      if (!(diag[k] > 0) || d <= SWEEP_TOL * diag[k]) {
        continue;
      }
      swept[k] = true;
      for (int j = 0; j < n; j++) {
        rowK[j] = a[k * n + j] / d;
      }
      for (int i = 0; i < n; i++) {
        if (i == k) {
          continue;
        }
        double b = a[i * n + k];
        if (b == 0) {
          continue;
        }
        int at = i * n;
        for (int j = 0; j < n; j++) {
          a[at + j] -= b * rowK[j];
        }
        a[at + k] = -b / d;
      }
      for (int j = 0; j < n; j++) {
        a[k * n + j] = rowK[j];
      }
      a[k * n + k] = 1 / d;
    }
    // The swept block now holds the inverse of the kept principal submatrix; the rest is zeroed.
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (!swept[i] || !swept[j]) {
          a[i * n + j] = 0;
        }
      }
    }
    return a;
  }

  /** Moore-Penrose pseudo-inverse of a symmetric matrix (eigenvalues below the tolerance: 0). */
  static double[][] pinv(double[][] m) {
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
    double[] values = e.getRealEigenvalues();
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    RealMatrix vecs = e.getV();
    int n = m.length;
    double[][] out = new double[n][n];
    for (int c = 0; c < n; c++) {
      if (max == 0 || Math.abs(values[c]) <= PINV_TOL * max) {
        continue;
      }
      double inv = 1 / values[c];
      double[] v = vecs.getColumn(c);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          out[i][j] += v[i] * inv * v[j];
        }
      }
    }
    return out;
  }

  /** Solves a x = b for a small square system. */
  static double[] solve(double[][] a, double[] b) {
    return new LUDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
        .solve(new org.apache.commons.math3.linear.ArrayRealVector(b, false)).toArray();
  }
}
