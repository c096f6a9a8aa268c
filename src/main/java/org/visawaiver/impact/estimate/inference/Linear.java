package org.visawaiver.impact.estimate.inference;

/** The few small dense operations of the bootstraps (k-vectors, k x k matrices). */
final class Linear {
  private Linear() {}

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** m v for m stored row-major as k x k. */
  static double[] times(double[] m, double[] v) {
    int k = v.length;
    double[] out = new double[k];
    for (int a = 0; a < k; a++) {
      double s = 0;
      for (int b = 0; b < k; b++) {
        s += m[a * k + b] * v[b];
      }
      out[a] = s;
    }
    return out;
  }

  static double[] times(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int a = 0; a < m.length; a++) {
      out[a] = dot(m[a], v);
    }
    return out;
  }

  static double[] column(double[][] m, int j) {
    double[] c = new double[m.length];
    for (int a = 0; a < m.length; a++) {
      c[a] = m[a][j];
    }
    return c;
  }

  /** Inverse of a small symmetric positive-definite matrix (NaN entries when singular). */
  static double[][] inverse(double[][] m) {
    return new org.apache.commons.math3.linear.LUDecomposition(
        new org.apache.commons.math3.linear.Array2DRowRealMatrix(m)).getSolver().getInverse()
        .getData();
  }

  static double quadratic(double[] a, double[][] m, double[] b) {
    return dot(a, times(m, b));
  }
}
